// Relief applications on a real ledger: numbers, deadlines, limits, every allowed and refused transition,
// maker-checker through the dispatcher, 先行救助 and the due/overdue lists.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { Session } from '../../main/core/dispatch';
import { idNumberFor } from '../../main/demo/fictional';
import type { ApplicationDetail } from '../../shared/schemas/applications';
import type { HouseholdDetail } from '../../shared/schemas/registry';
import { daysEarlier, must, refused, world } from './helpers';

async function setup() {
  const w = await world();
  const admin = await w.admin();
  const area = must(await w.call(admin, 'areas.save', { name: '东山村' }));
  const clerk = await w.staff('clerk', ['clerk']);
  const reviewer = await w.staff('rev', ['reviewer']);
  const approver = await w.staff('appr', ['approver']);
  const h = must(
    await w.call(clerk, 'households.create', {
      areaId: area.id,
      members: [
        { name: '张三', idNumber: idNumberFor('1960-01-01', 1, false), relation: '户主' },
        { name: '张小', idNumber: idNumberFor('1990-01-01', 1, false), relation: '子女' },
      ],
    }),
  ) as HouseholdDetail;
  // Every material of the kind is in hand unless the test says otherwise.
  const register = (input: Record<string, unknown> = {}) =>
    w.call(clerk, 'applications.register', {
      householdId: h.id,
      personId: h.members[0].id,
      kindCode: 'temporary_relief_urgent',
      reason: '房屋失火',
      amount: '3,000',
      materials: w.materials((input.kindCode as string | undefined) ?? 'temporary_relief_urgent'),
      ...input,
    } as never);
  return { w, admin, clerk, reviewer, approver, h, register };
}

test('registration: gapless number, deadline on the working-day clock, missing materials listed', async () => {
  const { w, register } = await setup();
  const a = must(await register({ materials: ['申请书', '身份证复印件', '户口簿复印件'] })) as ApplicationDetail;
  assert.equal(a.acceptanceNo, '2026-00001');
  assert.equal(a.state, 'accepted');
  assert.equal(a.requestedFen, 300000);
  assert.equal(a.acceptedOn, '2026-11-23');
  assert.equal(a.deadline, '2026-12-07', '10 working days after Monday 23 November');
  assert.equal(a.daysLeft, 10);
  assert.deepEqual(a.materialsMissing, ['事故或急难情况证明']);
  const b = must(
    await register({ reason: '家人重病', kindCode: 'temporary_relief_expense', materials: [] }),
  ) as ApplicationDetail;
  assert.equal(b.acceptanceNo, '2026-00002');
  assert.equal(w.one(`SELECT count(*) AS n FROM audit_log WHERE channel = 'applications.register'`).n, 2);
});

test('a failing registration leaves no gap in the numbers', async () => {
  const { w, register } = await setup();
  must(await register());
  refused(await register({ amount: '1234.567', reason: '另一事由' }));
  refused(await register({ personId: 99999, reason: '另一事由' }));
  const c = must(await register({ kindCode: 'medical_relief', reason: '住院', materials: [] })) as ApplicationDetail;
  assert.equal(c.acceptanceNo, '2026-00002');
  assert.equal(w.count('applications'), 2);
});

test('bad input at registration: each refused at its field, nothing written', async () => {
  const { w, register, clerk, h } = await setup();
  must(await register());
  const before = [w.count('applications'), w.count('audit_log')];
  const cases: [Record<string, unknown>, string, RegExp][] = [
    [{ amount: '0' }, 'amount', /大于 0/],
    [{ amount: '-5' }, 'amount', /负数/],
    [{ amount: '1234.567' }, 'amount', /两位小数/],
    [{ amount: '1.234,50' }, 'amount', /小数点/],
    [{ personId: 99999 }, 'personId', /不是这一户的成员/],
    [{ kindCode: 'temporary_relief' }, 'kindCode', /急难型或支出型/],
    [{ kindCode: 'nope' }, 'kindCode', /请选择救助类别/],
    [{ materials: ['别的东西'] }, 'materials', /不在.*材料清单/],
    [{}, 'reason', /同一事由/],
    [{ reason: '备'.repeat(2000) }, 'reason', /最多 500 个字/],
  ];
  for (const [patch, field, msg] of cases) {
    const e = refused(await register(patch));
    assert.equal(e.field, field, JSON.stringify(patch).slice(0, 50));
    assert.match(e.message, msg);
  }
  must(await register({ reason: '第二次：水灾' }));
  const third = refused(await register({ reason: '第三次', kindCode: 'temporary_relief_expense' }));
  assert.match(third.message, /已申请临时救助 2 次，每户每年最多 2 次/);
  must(await w.call(clerk, 'households.exit', { id: h.id, exitedOn: '2026-11-23', reason: '迁出' }));
  assert.match(
    refused(await register({ kindCode: 'medical_relief', reason: '住院' })).message,
    /已于 2026-11-23 退出台账/,
  );
  assert.deepEqual([w.count('applications'), w.count('audit_log')], [before[0] + 1, before[1] + 2]);
});

test('the whole road: investigate → review → publicize 7 days → approve; and the timeline', async () => {
  const { w, register, clerk, reviewer, approver } = await setup();
  const a = must(await register()) as ApplicationDetail;
  const id = a.id;
  must(
    await w.call(clerk, 'applications.investigate', {
      id,
      investigators: ['李四', '王五'],
      visitedOn: '2026-11-23',
      findings: '房屋烧毁，无住处',
    }),
  );
  must(await w.call(reviewer, 'applications.review', { id, opinion: '情况属实，建议救助' }));
  const p = must(await w.call(reviewer, 'applications.publicize', { id, fromDate: '2026-11-23' })) as ApplicationDetail;
  assert.deepEqual([p.publicityFrom, p.publicityTo], ['2026-11-23', '2026-11-29']);
  assert.match(refused(await w.call(approver, 'applications.approve', { id, amount: '2,000' })).message, /公示期满后/);
  w.clock.advanceMinutes(7 * 24 * 60);
  for (const s of [clerk, reviewer, approver]) s.lastSeen = w.clock.now().getTime(); // a week passed; not idle-locked
  assert.equal(refused(await w.call(approver, 'applications.approve', { id, amount: '3,000.01' })).field, 'amount');
  const done = must(await w.call(approver, 'applications.approve', { id, amount: '2,000' })) as ApplicationDetail;
  assert.equal(done.state, 'approved');
  assert.equal(done.approvedFen, 200000);
  assert.deepEqual(
    done.steps.map((s) => [s.action, s.staffName]),
    [
      ['register', '员工clerk'],
      ['investigate', '员工clerk'],
      ['review', '员工rev'],
      ['publicize', '员工rev'],
      ['approve', '员工appr'],
    ],
  );
  assert.deepEqual(done.steps[1].detail.investigators, ['李四', '王五']);
});

test('refused transitions: out of order, after a decision, and a 公示 objection sends the case back', async () => {
  const { w, register, clerk, reviewer, approver } = await setup();
  const { id } = must(await register()) as ApplicationDetail;
  assert.equal(
    refused(await w.call(reviewer, 'applications.review', { id, opinion: '同意' })).code,
    'CONFLICT',
    'review before investigation',
  );
  assert.equal(
    refused(await w.call(reviewer, 'applications.publicize', { id, fromDate: '2026-11-23' })).code,
    'CONFLICT',
  );
  assert.equal(
    refused(await w.call(approver, 'applications.approve', { id, amount: '100' })).code,
    'CONFLICT',
    'approve before review',
  );
  must(
    await w.call(clerk, 'applications.investigate', {
      id,
      investigators: ['李四', '王五'],
      visitedOn: '2026-11-23',
      findings: '属实',
    }),
  );
  assert.equal(
    refused(
      await w.call(clerk, 'applications.investigate', {
        id,
        investigators: ['李四', '王五'],
        visitedOn: '2026-11-23',
        findings: '再来',
      }),
    ).code,
    'CONFLICT',
  );
  assert.equal(
    refused(
      await w.call(clerk, 'applications.investigate', {
        id,
        investigators: ['李四', '李四'],
        visitedOn: '2026-11-23',
        findings: '重复',
      }),
    ).field,
    'investigators',
  );
  must(await w.call(reviewer, 'applications.review', { id, opinion: '同意' }));
  must(await w.call(reviewer, 'applications.publicize', { id, fromDate: '2026-11-23' }));
  const back = must(
    await w.call(clerk, 'applications.object', { id, objection: '群众反映家中有车' }),
  ) as ApplicationDetail;
  assert.equal(back.state, 'investigated');
  assert.equal(back.publicityFrom, null);
  must(await w.call(reviewer, 'applications.review', { id, opinion: '复核属实' }));
  must(await w.call(approver, 'applications.reject', { id, reason: '家庭有机动车，不符合条件' }));
  assert.equal(
    refused(await w.call(clerk, 'applications.withdraw', { id, reason: '不要了' })).code,
    'CONFLICT',
    'no withdrawal after a decision',
  );
  const other = must(await register({ reason: '另一件事' })) as ApplicationDetail;
  assert.equal(
    (must(await w.call(clerk, 'applications.withdraw', { id: other.id, reason: '群众自行撤回' })) as ApplicationDetail)
      .state,
    'withdrawn',
  );
});

test('maker-checker through the dispatcher: the registrar cannot review or approve; the reviewer cannot approve', async () => {
  const { w, reviewer, approver, h } = await setup();
  const both = await w.staff('both', ['clerk', 'reviewer', 'approver']);
  const mine = must(
    await w.call(both, 'applications.register', {
      householdId: h.id,
      personId: h.members[1].id,
      kindCode: 'medical_relief',
      reason: '住院',
      amount: '5000',
      materials: w.materials('medical_relief'),
    }),
  ) as ApplicationDetail;
  must(
    await w.call(both, 'applications.investigate', {
      id: mine.id,
      investigators: ['甲', '乙'],
      visitedOn: '2026-11-23',
      findings: '属实',
    }),
  );
  const e = refused(await w.call(both, 'applications.review', { id: mine.id, opinion: '同意' }));
  assert.deepEqual([e.code, /是您受理的/.test(e.message)], ['FORBIDDEN', true]);
  must(await w.call(reviewer, 'applications.review', { id: mine.id, opinion: '同意' }));
  const publicized = (s: Session, id: number) =>
    daysEarlier(w, s, 8, (day) => w.call(s, 'applications.publicize', { id, fromDate: day }));
  must(await publicized(reviewer, mine.id));
  assert.equal(refused(await w.call(both, 'applications.approve', { id: mine.id, amount: '5000' })).code, 'FORBIDDEN');
  assert.equal(refused(await w.call(both, 'applications.reject', { id: mine.id, reason: '不行' })).code, 'FORBIDDEN');
  // Reviewer who also approves may not approve what they reviewed.
  const revAppr = await w.staff('ra', ['reviewer', 'approver']);
  const other = must(
    await w.call(both, 'applications.register', {
      householdId: h.id,
      personId: h.members[0].id,
      kindCode: 'other',
      reason: '生活困难',
      amount: '800',
      materials: [],
    }),
  ) as ApplicationDetail;
  must(
    await w.call(both, 'applications.investigate', {
      id: other.id,
      investigators: ['甲', '乙'],
      visitedOn: '2026-11-23',
      findings: '属实',
    }),
  );
  must(await w.call(revAppr, 'applications.review', { id: other.id, opinion: '同意' }));
  must(await publicized(revAppr, other.id));
  assert.match(
    refused(await w.call(revAppr, 'applications.approve', { id: other.id, amount: '800' })).message,
    /是您审核的/,
  );
  must(await w.call(approver, 'applications.approve', { id: mine.id, amount: '5000' }));
  const states = w.ledger.db.prepare('SELECT state FROM applications ORDER BY id').all();
  assert.deepEqual(states, [{ state: 'approved' }, { state: 'publicized' }]);
  // A clerk lacks the role altogether.
  assert.equal(
    refused(await w.call(await w.staff('c2', ['clerk']), 'applications.approve', { id: other.id, amount: '800' })).code,
    'FORBIDDEN',
  );
});

test('above the township ceiling: 报县审批 needs the county decision, entered by an approver', async () => {
  const { w, register, clerk, reviewer, approver } = await setup();
  const { id } = must(
    await register({ kindCode: 'medical_relief', reason: '大病住院', amount: '20,000' }),
  ) as ApplicationDetail;
  must(
    await w.call(clerk, 'applications.investigate', {
      id,
      investigators: ['甲', '乙'],
      visitedOn: '2026-11-23',
      findings: '属实',
    }),
  );
  must(await w.call(reviewer, 'applications.review', { id, opinion: '同意' }));
  must(await daysEarlier(w, reviewer, 8, (day) => w.call(reviewer, 'applications.publicize', { id, fromDate: day })));
  assert.equal(
    refused(await w.call(approver, 'applications.approve', { id, amount: '15,000' })).field,
    'countyDecision',
  );
  const a = must(
    await w.call(approver, 'applications.approve', {
      id,
      amount: '15,000',
      countyDecision: { docNo: '县民发〔2026〕88号', date: '2026-11-20' },
    }),
  ) as ApplicationDetail;
  assert.equal(a.countyReview, true);
  assert.equal(a.approvedFen, 1500000);
});

test('先行救助: approved at once, then the paperwork clock; overdue after 10 working days', async () => {
  const { w, register, clerk, approver } = await setup();
  const { id } = must(await register()) as ApplicationDetail;
  assert.equal(
    refused(await w.call(clerk, 'applications.urgentApprove', { id, amount: '1000', reason: '急需' })).code,
    'FORBIDDEN',
  );
  const a = must(
    await w.call(approver, 'applications.urgentApprove', { id, amount: '1000', reason: '火灾急需安置' }),
  ) as ApplicationDetail;
  assert.deepEqual([a.state, a.urgent, a.paperworkDue, a.daysLeft], ['approved', true, '2026-12-07', 10]);
  const med = must(await register({ kindCode: 'medical_relief', reason: '住院', materials: [] })) as ApplicationDetail;
  assert.match(
    refused(await w.call(approver, 'applications.urgentApprove', { id: med.id, amount: '100', reason: '急需' }))
      .message,
    /不适用先行救助/,
  );

  w.clock.advanceMinutes(15 * 24 * 60); // 2026-12-08: one working day past the paperwork due day
  for (const s of [clerk, approver]) s.lastSeen = w.clock.now().getTime();
  const due = must(await w.call(clerk, 'applications.due', {}));
  assert.deepEqual(
    due.overdue.map((r) => [r.acceptanceNo, r.daysLeft]),
    [['2026-00001', -1]],
  );
  const overdue = must(await w.call(clerk, 'applications.list', { overdue: true }));
  assert.deepEqual(
    overdue.rows.map((r) => r.acceptanceNo),
    ['2026-00001'],
  );
  must(await w.call(clerk, 'applications.completePaperwork', { id, note: '已补齐调查表和证明' }));
  assert.deepEqual(
    must(await w.call(clerk, 'applications.due', {})).overdue.map((r) => r.acceptanceNo),
    [],
  );
  assert.deepEqual(must(await w.call(clerk, 'applications.list', { overdue: true })).total, 0);
});

test('首页: due within three working days, and overdue open cases', async () => {
  const { w, register, clerk } = await setup();
  // 15 working days
  const a = must(await register({ kindCode: 'medical_relief', reason: '住院', materials: [] })) as ApplicationDetail;
  const b = must(await register()) as ApplicationDetail; // 10 working days: 2026-12-07
  w.clock.advanceMinutes(10 * 24 * 60); // Thursday 2026-12-03: b is due in 2 working days
  clerk.lastSeen = w.clock.now().getTime();
  const due = must(await w.call(clerk, 'applications.due', {}));
  assert.deepEqual(
    due.dueSoon.map((r) => [r.acceptanceNo, r.daysLeft]),
    [[b.acceptanceNo, 2]],
  );
  assert.deepEqual(due.overdue, []);
  w.clock.advanceMinutes(6 * 24 * 60); // 2026-12-09
  clerk.lastSeen = w.clock.now().getTime();
  const later = must(await w.call(clerk, 'applications.due', {}));
  assert.deepEqual(
    later.overdue.map((r) => r.acceptanceNo),
    [b.acceptanceNo],
  );
  assert.deepEqual(
    later.dueSoon.map((r) => [r.acceptanceNo, r.daysLeft]),
    [[a.acceptanceNo, 3]],
    'Wed 9 Dec → Mon 14 Dec is three working days',
  );
  const list = must(await w.call(clerk, 'applications.list', { kindCode: 'temporary_relief', state: 'accepted' }));
  assert.deepEqual(
    list.rows.map((r) => r.acceptanceNo),
    [b.acceptanceNo],
    'a parent kind filters its sub-kinds',
  );
  assert.equal(a.deadline, '2026-12-14');
});

test('the holidays table is editable by an admin, and deadlines follow it', async () => {
  const { w, admin, clerk, register } = await setup();
  assert.equal(refused(await w.call(clerk, 'calendar.set', { day: '2026-11-30', kind: 'holiday' })).code, 'FORBIDDEN');
  must(await w.call(admin, 'calendar.set', { day: '2026-11-30', kind: 'holiday' }));
  const a = must(await register()) as ApplicationDetail;
  assert.equal(a.deadline, '2026-12-08', 'one working day later than without the extra holiday');
  const days = must(await w.call(clerk, 'calendar.list', { year: 2026 }));
  assert.deepEqual(
    days.find((d) => d.day === '2026-11-30'),
    { day: '2026-11-30', kind: 'holiday' },
  );
  must(await w.call(admin, 'calendar.set', { day: '2026-11-30', kind: null }));
  assert.equal(refused(await w.call(admin, 'calendar.set', { day: '2026-11-30', kind: null })).code, 'NOT_FOUND');
});

test('relief kinds are data an admin edits: limits, ceiling and checklist take effect on the next case', async () => {
  const { w, admin, clerk, register } = await setup();
  const kinds = must(await w.call(clerk, 'reliefKinds.list', {}));
  assert.deepEqual(kinds.map((k) => k.name).slice(0, 3), ['临时救助', '临时救助（急难型）', '临时救助（支出型）']);
  // The monthly kinds a township's payroll runs are there from the start (低保 and 特困 are categories and kinds).
  const monthly = kinds.filter((k) => k.recurrence === 'monthly').map((k) => k.name);
  for (const name of ['最低生活保障金', '特困人员供养金', '孤儿基本生活费', '高龄津贴', '困难残疾人生活补贴'])
    assert.ok(monthly.includes(name), name);
  const other = kinds.find((k) => k.code === 'other')!;
  const edit = {
    ...other,
    parentCode: null,
    townshipCeiling: '1,000',
    maxPerYear: 1,
    materials: ['申请书'],
    timeLimitDays: 5,
  };
  assert.equal(refused(await w.call(clerk, 'reliefKinds.save', edit)).code, 'FORBIDDEN');
  assert.equal(
    refused(await w.call(admin, 'reliefKinds.save', { ...edit, townshipCeiling: '1.234,5' })).field,
    'townshipCeiling',
  );
  const saved = must(await w.call(admin, 'reliefKinds.save', edit));
  assert.deepEqual([saved.townshipCeilingFen, saved.maxPerYear, saved.timeLimitDays], [100000, 1, 5]);
  const a = must(await register({ kindCode: 'other', reason: '冬季取暖', materials: ['申请书'] })) as ApplicationDetail;
  assert.equal(a.deadline, '2026-11-30');
  assert.deepEqual(a.materialsMissing, []);
  assert.match(
    refused(await register({ kindCode: 'other', reason: '另一事由', materials: [] })).message,
    /每户每年最多 1 次/,
  );
  const added = must(
    await w.call(admin, 'reliefKinds.save', {
      code: 'winter_aid',
      name: '冬春生活救助',
      parentCode: null,
      materials: ['申请书'],
      timeLimitDays: 10,
      recurrence: 'one_off',
    }),
  );
  assert.equal(added.name, '冬春生活救助');
  assert.equal(
    refused(
      await w.call(admin, 'reliefKinds.save', {
        code: 'x_kind',
        name: '冬春生活救助',
        parentCode: null,
        materials: [],
        timeLimitDays: 10,
        recurrence: 'one_off',
      }),
    ).code,
    'CONFLICT',
  );
});

test('every action from every state: allowed exactly where the workflow table says', async () => {
  const { w, register, h } = await setup();
  // neither registrar nor reviewer of these cases
  const other = await w.staff('other', ['clerk', 'reviewer', 'approver']);
  const { STATES, ACTIONS } = await import('../../shared/domain/workflow');
  const inputs: Record<string, (id: number) => [string, Record<string, unknown>]> = {
    investigate: (id) => [
      'applications.investigate',
      { id, investigators: ['甲', '乙'], visitedOn: '2026-11-23', findings: '属实' },
    ],
    review: (id) => ['applications.review', { id, opinion: '同意' }],
    publicize: (id) => ['applications.publicize', { id, fromDate: '2026-11-23' }],
    object: (id) => ['applications.object', { id, objection: '有异议' }],
    approve: (id) => ['applications.approve', { id, amount: '100' }],
    reject: (id) => ['applications.reject', { id, reason: '不符合' }],
    withdraw: (id) => ['applications.withdraw', { id, reason: '撤回' }],
    urgentApprove: (id) => ['applications.urgentApprove', { id, amount: '100', reason: '急需' }],
  };
  let n = 0;
  for (const [action, t] of Object.entries(ACTIONS)) {
    for (const state of STATES) {
      const a = must(
        await register({ reason: `事由${n++}`, kindCode: 'other', personId: h.members[n % 2].id }),
      ) as ApplicationDetail;
      // Put the case straight into the state under test (publicity already over, nobody has reviewed it).
      // 先行救助 is tried on a kind that allows it.
      const kind = action === 'urgentApprove' ? 'temporary_relief_urgent' : 'other';
      w.ledger.db
        .prepare(`UPDATE applications SET state = ?, kind_code = ?, publicity_to = '2026-11-07' WHERE id = ?`)
        .run(state, kind, a.id);
      const [channel, input] = inputs[action](a.id);
      const r = await w.dispatcher.dispatch(other, channel, input);
      const allowed = (t.from as readonly string[]).includes(state);
      assert.equal(
        r.ok,
        allowed,
        `${action} from ${state}: ${r.ok ? 'accepted' : (r as { error: { message: string } }).error.message}`,
      );
      if (!allowed) assert.equal((r as { error: { code: string } }).error.code, 'CONFLICT');
      const now = w.one<{ state: string }>('SELECT state FROM applications WHERE id = ?', a.id).state;
      assert.equal(now, allowed ? t.to : state, `${action} from ${state} leaves the case in the right state`);
    }
  }
});

test('缺少材料 blocks 审批 until the materials are in, or a 容缺受理 reason is given; 首页 queues list each step', async () => {
  const { w, register, clerk, reviewer, approver } = await setup();
  const short = must(await register({ materials: ['申请书'] })) as ApplicationDetail;
  const full = must(await register({ reason: '房屋倒塌' })) as ApplicationDetail;
  const queues = async () => must(await w.call(clerk, 'applications.queues', {}));
  const listed = async (queue: string) =>
    must(await w.call(clerk, 'applications.list', { queue } as never)) as { total: number; rows: { id: number }[] };
  assert.equal((await queues()).investigate, 2);
  assert.deepEqual((await listed('investigate')).rows.map((r) => r.id).sort(), [short.id, full.id].sort());
  for (const id of [short.id, full.id]) {
    const visit = {
      id,
      investigators: ['李四', '王五'] as [string, string],
      visitedOn: '2026-11-23',
      findings: '属实',
    };
    must(await w.call(clerk, 'applications.investigate', visit));
  }
  assert.deepEqual([(await queues()).investigate, (await queues()).review], [0, 2]);
  for (const id of [short.id, full.id]) {
    must(await w.call(reviewer, 'applications.review', { id, opinion: '同意' }));
    must(await w.call(reviewer, 'applications.publicize', { id, fromDate: '2026-11-23' }));
  }
  assert.deepEqual([(await queues()).inPublicity, (await queues()).approve], [2, 0]);
  w.clock.advanceMinutes(7 * 24 * 60);
  for (const s of [clerk, reviewer, approver]) s.lastSeen = w.clock.now().getTime();
  assert.deepEqual([(await queues()).inPublicity, (await queues()).approve], [0, 2]);
  assert.equal((await listed('approve')).total, 2, 'the grid lists what the queue counts');

  // Approving with materials missing is refused at the 容缺 field, and nothing is written.
  const audit = w.count('audit_log');
  const refusal = refused(await w.call(approver, 'applications.approve', { id: short.id, amount: '1000' }));
  assert.equal(refusal.field, 'waiveReason');
  assert.match(refusal.message, /还缺少材料：身份证复印件、户口簿复印件、事故或急难情况证明/);
  assert.equal(w.count('audit_log'), audit);
  // A clerk records the materials as they come in; only the checklist's items, and never after the decision.
  assert.equal(
    refused(await w.call(clerk, 'applications.materials', { id: short.id, materials: ['别的'] })).field,
    'materials',
  );
  const more = must(
    await w.call(clerk, 'applications.materials', {
      id: short.id,
      materials: ['申请书', '身份证复印件', '户口簿复印件'],
    }),
  );
  assert.deepEqual(more.materialsMissing, ['事故或急难情况证明']);
  // 容缺受理: approved with a reason, kept on the step.
  const waived = must(
    await w.call(approver, 'applications.approve', { id: short.id, amount: '1000', waiveReason: '证明由村委会后补' }),
  );
  assert.equal(waived.state, 'approved');
  assert.deepEqual(waived.steps.at(-1)!.detail.waived, ['事故或急难情况证明']);
  assert.equal(waived.steps.at(-1)!.detail.waiveReason, '证明由村委会后补');
  assert.equal(
    refused(await w.call(clerk, 'applications.materials', { id: short.id, materials: [] })).code,
    'CONFLICT',
  );
  // All materials in hand: no reason needed. Approved one-off cases wait for payment.
  must(await w.call(approver, 'applications.approve', { id: full.id, amount: '1000' }));
  assert.equal((await queues()).pay, 2);
});

test('next step: what the case page says comes next and who takes it', async () => {
  const { nextStep } = await import('../../shared/domain/workflow');
  const base = { urgent: false, paperworkDoneOn: null, publicityTo: null, materialsMissing: [], monthly: false };
  const say = (over: object) => nextStep({ ...base, state: 'accepted', ...over } as never, '2026-11-23');
  assert.match(say({})!.text, /入户调查/);
  assert.match(say({ materialsMissing: ['申请书'] })!.text, /还缺 申请书/);
  assert.match(say({ state: 'investigated' })!.who, /审核人/);
  assert.match(say({ state: 'publicized', publicityTo: '2026-11-25' })!.text, /2026-11-25 期满/);
  assert.match(say({ state: 'publicized', publicityTo: '2026-11-20' })!.text, /可以审批/);
  assert.match(say({ state: 'approved', monthly: true })!.text, /起发月份/);
  assert.match(say({ state: 'approved' })!.text, /发放/);
  assert.equal(say({ state: 'rejected' }), null);
});
