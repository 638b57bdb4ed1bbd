// Issue 30, points 5 and 6 on a real ledger: maker-checker that an edit by someone else cannot launder, and dates
// that cannot be (before the thing they follow, or too far ahead), each refused at its field.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { HouseholdDetail } from '../../shared/schemas/registry';
import { daysEarlier, must, refused } from './helpers';
import { paymentsWorld } from './paymentsSetup';

/** A world with two households on an elderly allowance from 2026-11, so that a batch has rows to exclude. */
async function payrollWorld() {
  const pw = await paymentsWorld();
  const { w, clerk, household, approved } = pw;
  for (const name of ['周一', '吴二']) {
    const applicationId = await approved(await household(name), 'elderly_allowance', '200');
    must(await w.call(clerk, 'entitlements.save', { applicationId, startMonth: '2026-11', endMonth: null }));
  }
  return pw;
}

/** A case registered by the clerk today (2026-11-23), not yet investigated. */
async function caseWorld() {
  const pw = await paymentsWorld();
  const h = await pw.household('陈五');
  const id = await pw.register(h, 'temporary_relief_urgent', '500');
  return { ...pw, h, id };
}

describe('5. maker-checker that cannot be laundered', () => {
  test('a batch: neither its maker nor anyone who excluded or put back a row may approve it; 制表人 stays its maker', async () => {
    const { w, clerk, approver, approver2 } = await payrollWorld();
    // The case: an approver makes the batch, a clerk excludes a row and puts it back.
    const b = must(await w.call(approver, 'payroll.create', { month: '2026-11', kindCode: null }));
    const rows = must(await w.call(clerk, 'payroll.rows', { batchId: b.id })).rows;
    const row = { batchId: b.id, entitlementId: rows[0].entitlementId, forMonth: '2026-11' };
    must(await w.call(clerk, 'payroll.exclude', { ...row, reason: '待核实' }));
    const back = must(await w.call(clerk, 'payroll.exclude', { ...row, reason: null }));
    assert.equal(back.madeBy, '员工appr', 'an edit does not make the clerk the maker');
    const own = refused(await w.call(approver, 'payroll.approve', { id: b.id }));
    assert.deepEqual([own.code, own.message], ['FORBIDDEN', '这个批次是您制作的，须由另一名审批人审批']);

    // A second approver who touched a row is barred as well, even after putting it back as it was.
    must(await w.call(approver2, 'payroll.exclude', { ...row, reason: '再核一次' }));
    must(await w.call(approver2, 'payroll.exclude', { ...row, reason: null }));
    const edited = refused(await w.call(approver2, 'payroll.approve', { id: b.id }));
    assert.deepEqual(
      [edited.code, edited.message],
      ['FORBIDDEN', '您修改过这个批次（剔除或恢复过其中的行），视同是您制作的，须由另一名审批人审批'],
    );
    assert.equal(w.count('payments'), 0);
    assert.equal(must(await w.call(clerk, 'payroll.get', { id: b.id })).state, 'draft');

    // An approver who neither made nor edited it approves it.
    const third = await w.staff('appr3', ['approver']);
    const posted = must(await w.call(third, 'payroll.approve', { id: b.id }));
    assert.deepEqual([posted.state, posted.madeBy, posted.approvedBy], ['posted', '员工appr', '员工appr3']);
  });

  test('a case: who investigated it (recorded or named) or changed its materials may not approve or reject it', async () => {
    const { w, clerk, reviewer, approver, approver2, household, register } = await paymentsWorld();
    const toApproval = async (investigator: typeof clerk, investigators: [string, string]) => {
      const id = await register(await household(`户${investigators[0]}`), 'temporary_relief_urgent', '500');
      must(
        await w.call(investigator, 'applications.investigate', {
          id,
          investigators,
          visitedOn: '2026-11-23',
          findings: '情况属实',
        }),
      );
      must(await w.call(reviewer, 'applications.review', { id, opinion: '同意' }));
      const notice = (day: string) => w.call(reviewer, 'applications.publicize', { id, fromDate: day });
      must(await daysEarlier(w, reviewer, 8, notice));
      return id;
    };
    const approve = (who: typeof clerk, id: number) => w.call(who, 'applications.approve', { id, amount: '500' });

    // The approver recorded the investigation.
    const recorded = await toApproval(approver, ['李一', '王二']);
    const e1 = refused(await approve(approver, recorded));
    assert.equal(e1.code, 'FORBIDDEN');
    assert.match(e1.message, /^受理编号 \d{4}-\d{5} 的入户调查有您参与，不能由您审批通过，请交给其他工作人员$/);
    assert.match(
      refused(await w.call(approver, 'applications.reject', { id: recorded, reason: '不符合条件' })).message,
      /入户调查有您参与，不能由您不予批准/,
    );
    assert.equal(must(await approve(approver2, recorded)).state, 'approved');

    // The clerk recorded it, naming the approver as one of the two investigators.
    const named = await toApproval(clerk, ['员工appr', '王二']);
    assert.match(refused(await approve(approver, named)).message, /入户调查有您参与/);
    assert.equal(must(await approve(approver2, named)).state, 'approved');

    // The approver received a missing material after registration (and may not launder it by undoing the change).
    const materials = await toApproval(clerk, ['李一', '王二']);
    const all = w.materials('temporary_relief_urgent');
    must(await w.call(approver, 'applications.materials', { id: materials, materials: all.slice(1) }));
    must(await w.call(approver, 'applications.materials', { id: materials, materials: all }));
    const e3 = refused(await approve(approver, materials));
    assert.equal(e3.code, 'FORBIDDEN');
    assert.match(e3.message, /^您补登或修改过受理编号 \d{4}-\d{5} 的材料，不能由您审批通过，请交给其他工作人员$/);
    assert.equal(must(await approve(approver2, materials)).state, 'approved');
  });

  test('a wish: the staff member who recorded it may not decide it', async () => {
    const { w, reviewer, areaId } = await paymentsWorld();
    const both = await w.staff('both', ['clerk', 'reviewer']);
    const wish = must(
      await w.call(both, 'wishes.create', {
        resident: '张秀英',
        phone: '13912345678',
        areaId,
        content: '希望有人帮忙修一下漏雨的屋顶',
        category: '扶贫帮困',
        channel: 'counter',
        collectedOn: '2026-11-20',
      }),
    );
    const accept = {
      decision: 'accept' as const,
      id: wish.id,
      decidedOn: '2026-11-23',
      standard: '修好屋顶',
      dueOn: '2026-12-10',
    };
    const e = refused(await w.call(both, 'wishes.decide', accept));
    assert.deepEqual([e.code, e.message], ['FORBIDDEN', '这个心愿是您登记的，不能由您审定，请交给其他审核人']);
    const decline = { decision: 'decline' as const, id: wish.id, decidedOn: '2026-11-23', reason: '超出范围' };
    assert.equal(refused(await w.call(both, 'wishes.decide', decline)).code, 'FORBIDDEN');
    assert.equal(must(await w.call(both, 'wishes.get', { id: wish.id })).status, 'collected');
    assert.equal(must(await w.call(reviewer, 'wishes.decide', accept)).status, 'accepted');
  });
});

describe('6. impossible dates, each refused at its field', () => {
  test('an investigation before the case was accepted', async () => {
    const { w, clerk, id } = await caseWorld();
    const visit = { id, investigators: ['李一', '王二'] as [string, string], findings: '情况属实' };
    const e = refused(await w.call(clerk, 'applications.investigate', { ...visit, visitedOn: '2026-11-22' }));
    assert.deepEqual(
      [e.code, e.field, e.message],
      ['VALIDATION', 'visitedOn', '调查日期不能早于受理日期（2026-11-23）'],
    );
    assert.equal(w.count('application_steps'), 1, 'only the registration');
    must(await w.call(clerk, 'applications.investigate', { ...visit, visitedOn: '2026-11-23' }));
  });

  test('a hardship category starting before the household was registered, or after today', async () => {
    const { w, clerk, household } = await paymentsWorld();
    const h = await household('孙大娘');
    const start = (fromDate: string) =>
      w.call(clerk, 'households.startCategory', { householdId: h.id, code: 'tekun', fromDate });
    const early = refused(await start('2026-11-22'));
    assert.deepEqual(
      [early.code, early.field, early.message],
      ['VALIDATION', 'fromDate', '开始日期不能早于这一户的登记日期（2026-11-23）'],
    );
    const late = refused(await start('2026-11-24'));
    assert.deepEqual([late.code, late.field, late.message], ['VALIDATION', 'fromDate', '开始日期不能晚于今天']);
    assert.equal(w.count('household_categories'), 0);
    assert.deepEqual(
      must(await start('2026-11-23')).categories.map((c) => [c.code, c.fromDate]),
      [['tekun', '2026-11-23']],
    );
  });

  test('a pairing or a visit before the household or the cadre was registered', async () => {
    const { w, clerk, household } = await paymentsWorld();
    const cadre = (name: string, extra = {}) =>
      w.call(clerk, 'cadres.save', { name, unit: '镇党委', phone: '13900001111', ...extra });
    // 2026-05-07: 钱大爷 registered; 2026-08-15: 李书记; 2026-11-23 (today): 孙大娘 and 周党员, who reported in March.
    const old = await daysEarlier(w, clerk, 200, () => household('钱大爷'));
    const li = must(await daysEarlier(w, clerk, 100, () => cadre('李书记')));
    const sun = await household('孙大娘');
    const zhou = must(await cadre('周党员', { kind: 'member', reportedOn: '2026-03-01', post: '扶贫帮困' }));
    const pair = (h: HouseholdDetail, cadreId: number, fromDate: string) =>
      w.call(clerk, 'pairings.start', { householdId: h.id, cadreId, role: 'primary', fromDate });

    const e1 = refused(await pair(sun, li.id, '2026-11-01'));
    assert.deepEqual(
      [e1.code, e1.field, e1.message],
      ['VALIDATION', 'fromDate', '结对日期不能早于这一户的登记日期（2026-11-23）'],
    );
    const e2 = refused(await pair(old, li.id, '2026-06-01'));
    assert.deepEqual(
      [e2.code, e2.field, e2.message],
      ['VALIDATION', 'fromDate', '结对日期不能早于李书记登记为服务人员的日期（2026-08-15）'],
    );
    assert.equal(w.count('pairings'), 0);
    // A 在职党员 is registered from the day they reported to the community.
    must(await pair(old, zhou.id, '2026-06-01'));

    // A pairing kept from before the rule (planted as an older version would have written it) does not let a visit
    // be dated before the household was registered.
    w.ledger.db
      .prepare(
        `INSERT INTO pairings (cadre_id, household_id, role, from_date, created_by, created_at)
          VALUES (?, ?, 'primary', '2026-01-01', 1, '2026-11-23T09:00:00+08:00')`,
      )
      .run(li.id, sun.id);
    const visit = {
      householdId: sun.id,
      cadreId: li.id,
      mode: 'home' as const,
      findings: '身体尚可',
      actions: '宣讲政策',
      problems: [],
      aid: [],
    };
    const e3 = refused(await w.call(clerk, 'visits.create', { ...visit, visitedOn: '2026-10-01' }));
    assert.deepEqual(
      [e3.code, e3.field, e3.message],
      ['VALIDATION', 'visitedOn', '走访日期不能早于这一户的登记日期（2026-11-23）'],
    );
    const visitOld = { ...visit, householdId: old.id, cadreId: zhou.id };
    const e4 = refused(await w.call(clerk, 'visits.create', { ...visitOld, visitedOn: '2026-02-01' }));
    assert.deepEqual(
      [e4.code, e4.field, e4.message],
      ['VALIDATION', 'visitedOn', '走访日期不能早于这一户的登记日期（2026-05-07）'],
    );
    assert.equal(w.count('visits'), 0);
    must(await w.call(clerk, 'visits.create', { ...visitOld, visitedOn: '2026-06-02' }));
  });

  test('a payroll batch for a month more than one month ahead', async () => {
    const { w, clerk } = await payrollWorld();
    const e = refused(await w.call(clerk, 'payroll.create', { month: '2027-01', kindCode: null }));
    assert.deepEqual([e.code, e.field, e.message], ['VALIDATION', 'month', '发放月份最晚只能选下个月（2026年12月）']);
    assert.equal(w.count('payroll_batches'), 0);
    assert.equal(must(await w.call(clerk, 'payroll.create', { month: '2026-12', kindCode: null })).month, '2026-12');
  });

  test('a 公示 starting more than seven days after today', async () => {
    const { w, clerk, reviewer, id } = await caseWorld();
    must(
      await w.call(clerk, 'applications.investigate', {
        id,
        investigators: ['李一', '王二'],
        visitedOn: '2026-11-23',
        findings: '情况属实',
      }),
    );
    must(await w.call(reviewer, 'applications.review', { id, opinion: '同意' }));
    const e = refused(await w.call(reviewer, 'applications.publicize', { id, fromDate: '2026-12-01' }));
    assert.deepEqual(
      [e.code, e.field, e.message],
      ['VALIDATION', 'fromDate', '公示开始日期最晚只能是 7 天后（2026-11-30），请核对日期'],
    );
    const a = must(await w.call(reviewer, 'applications.publicize', { id, fromDate: '2026-11-30' }));
    assert.deepEqual([a.state, a.publicityFrom], ['publicized', '2026-11-30']);
  });
});
