// 年度救助统计 on a ledger built through the services with known payments: parts, reversals in the same year and
// across the year end, a monthly batch, refused and withdrawn cases, a pairing with a visit. Every figure is
// computed by hand below; every drill-down's own totals equal the figure it opens. Then the 工作总结's saved text
// (who may save it, its audit) and the visits behind their cadence it counts, on the demo year.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import ExcelJS from 'exceljs';

import { newSession } from '../../main/core/dispatch';
import { idNumberFor, rng } from '../../main/demo/fictional';
import { DEMO_PASSWORD, demoYear } from '../../main/demo/year';
import { behindCadence } from '../../main/pairings';
import { dueVisits } from '../../main/pairings/visits';
import { dateCn } from '../../shared/domain/time';
import type { AuditRow } from '../../shared/schemas/audit';
import type { Page } from '../../shared/schemas/common';
import { demoWorld } from './fixtures';
import { daysEarlier, must, refused } from './helpers';
import { paymentsWorld } from './paymentsSetup';

test('the year in figures: kinds, reversals on their own line, areas, months, applications, registry, pairing, the paragraph', async () => {
  const pw = await paymentsWorld();
  const { w, admin, clerk, reviewer, approver, household, advanceDays, register } = pw;
  const at = async (iso: string) => {
    w.clock.t = new Date(`${iso}T09:00:00+08:00`).getTime();
    await advanceDays(0); // unlocks the sessions the clock jump locked
  };
  const today = () => new Date(w.clock.t + 8 * 3600_000).toISOString().slice(0, 10);
  const approve = async (id: number, amount: string) => {
    must(
      await w.call(clerk, 'applications.investigate', {
        id,
        investigators: ['李一', '王二'],
        visitedOn: today(),
        findings: '情况属实',
      }),
    );
    must(await w.call(reviewer, 'applications.review', { id, opinion: '同意' }));
    must(await daysEarlier(w, reviewer, 8, (day) => w.call(reviewer, 'applications.publicize', { id, fromDate: day })));
    must(await w.call(approver, 'applications.approve', { id, amount }));
    return id;
  };
  const urgent = async (id: number, amount: string) => (
    must(await w.call(approver, 'applications.urgentApprove', { id, amount, reason: '急难' })),
    id
  );
  const pay = async (applicationId: number, amount: string, method: 'cash' | 'bank' = 'cash') =>
    must(await w.call(clerk, 'payments.pay', { applicationId, amount, method, paidOn: today() })).id;
  const west = must(await w.call(admin, 'areas.save', { name: '西河村' })).id;

  // 2025: 张一 临时救助 1,000 (cash); 李二 医疗救助 5,000 (bank).
  await at('2025-12-15');
  const zhang = await household('张一');
  const li = await household('李二');
  await pay(await urgent(await register(zhang, 'temporary_relief_urgent', '1000'), '1000'), '1000');
  const bPayment = await pay(await approve(await register(li, 'medical_relief', '5000'), '5000'), '5000', 'bank');
  const r2025 = must(await w.call(clerk, 'reports.annual', { year: 2025 }));

  // 2026-01-05: 李二's payment reversed across the year end.
  await at('2026-01-05');
  must(await w.call(approver, 'payments.reverse', { id: bPayment, reason: '重复发放' }));
  // 周书记 joins the register, so that he may be paired from June.
  const cadre = must(await w.call(clerk, 'cadres.save', { name: '周书记', phone: '13900001111' }));

  // 2026-11-23: the rest of the year.
  await at('2026-11-23');
  const wang = await household('王三', { area: west });
  const zhao = await household('赵四', { area: west });
  const qian = await household('钱五');
  const sun = await household('孙六');
  const c = await approve(await register(wang, 'temporary_relief_expense', '2000'), '2000');
  await pay(c, '1200');
  await pay(c, '800');
  const d = await urgent(await register(zhang, 'temporary_relief_urgent', '500', '冬季取暖'), '500');
  const dPayment = await pay(d, '500');
  must(await w.call(approver, 'payments.reverse', { id: dPayment, reason: '金额有误' }));
  await pay(d, '500');
  await pay(await approve(await register(zhao, 'medical_relief', '3000'), '3000'), '3000', 'bank');
  const f = await approve(await register(qian, 'elderly_allowance', '200'), '200');
  must(await w.call(clerk, 'entitlements.save', { applicationId: f, startMonth: '2026-11', endMonth: null }));
  const batch = must(await w.call(clerk, 'payroll.create', { month: '2026-11', kindCode: null }));
  must(await w.call(approver, 'payroll.approve', { id: batch.id }));
  const g = await register(sun, 'medical_relief', '800');
  must(
    await w.call(clerk, 'applications.investigate', {
      id: g,
      investigators: ['李一', '王二'],
      visitedOn: today(),
      findings: '收入超标',
    }),
  );
  must(await w.call(approver, 'applications.reject', { id: g, reason: '家庭收入超过标准' }));
  const h = await register(li, 'other', '300');
  must(await w.call(clerk, 'applications.withdraw', { id: h, reason: '申请人撤回' }));
  must(await w.call(clerk, 'households.exit', { id: li.id, exitedOn: '2026-11-23', reason: '迁出本镇' }));
  must(
    await w.call(clerk, 'pairings.start', {
      householdId: zhang.id,
      cadreId: cadre.id,
      role: 'primary',
      fromDate: '2026-06-01',
    }),
  );
  must(
    await w.call(clerk, 'visits.create', {
      householdId: zhang.id,
      cadreId: cadre.id,
      visitedOn: '2026-11-20',
      mode: 'home',
      findings: '身体尚可',
      aid: [{ item: '大米', quantity: 2, unit: '袋', value: '300' }],
    }),
  );
  must(await w.call(clerk, 'cards.issue', { householdIds: [zhang.id], format: 'cr80' }));
  // 补卡: the first card is voided, both were issued
  must(await w.call(clerk, 'cards.issue', { householdIds: [zhang.id], format: 'cr80', reissue: true }));

  const r = must(await w.call(clerk, 'reports.annual', { year: 2026 }));
  assert.deepEqual(
    r.byKind.map((k) => [k.kind, k.persons, k.households, k.times, k.fen, k.prevFen]),
    [
      ['临时救助', 2, 2, 4, 300000, 100000],
      ['医疗救助（大病）', 1, 1, 1, 300000, 500000],
      ['困难老人特殊补助金', 1, 1, 1, 20000, 0],
    ],
  );
  assert.deepEqual(r.reversals, { times: 2, fen: 550000 });
  assert.deepEqual(
    [r.total.persons, r.total.households, r.total.times, r.total.fen, r.netFen],
    [4, 4, 6, 620000, 70000],
  );
  assert.deepEqual(r.prevTotal, { fen: 600000, netFen: 600000 });
  const areaName = new Map(r.areas.map((a) => [a.areaId, a.area]));
  assert.deepEqual(r.byAreaKind.map((x) => [areaName.get(x.areaId), x.kindCode, x.persons, x.times, x.fen]).sort(), [
    ['东山村', 'elderly_allowance', 1, 1, 20000],
    ['东山村', 'temporary_relief', 1, 2, 100000],
    ['西河村', 'medical_relief', 1, 1, 300000],
    ['西河村', 'temporary_relief', 1, 2, 200000],
  ]);
  assert.deepEqual(
    r.byMonth.filter((m) => m.times || m.reversalFen).map((m) => [m.month, m.times, m.fen, m.reversalFen]),
    [
      ['2026-01', 0, 0, 500000],
      ['2026-11', 6, 620000, 50000],
    ],
  );
  assert.deepEqual(r.applications, {
    accepted: 6,
    approved: 4,
    rejected: 1,
    withdrawn: 1,
    decided: 5,
    decidedInTime: 5,
  });
  assert.deepEqual(r.registry, { entered: 4, left: 1, registeredAtEnd: 5 });
  assert.deepEqual(r.pairing, { cadres: 1, households: 1, visits: 1, aidFen: 30000, cardsIssued: 2 });
  assert.equal(
    r.summary,
    '2026年，共为2人发放临时救助，1人发放医疗救助（大病），1人发放困难老人特殊补助金，合计惠及4人、4户，全年发放救助资金6,200.00元（0.62万元）。' +
      '本年冲正2笔、5,500.00元，净发放700.00元（0.07万元）。比上年减少5,300.00元（88.3%）。' +
      '全年受理救助申请6件，批准4件，不予批准1件，撤回1件；审结的5件中按时办结5件，按时办结率100.0%。' +
      '1名干部与1户困难群众结对帮扶，全年走访1次，送去帮扶物资折合300.00元，制发便民服务卡2张。',
  );

  // A closed year's figures never change: 2025 reads the same after the reversal dated 2026.
  assert.deepEqual(must(await w.call(clerk, 'reports.annual', { year: 2025 })), r2025);
  assert.deepEqual([r2025.total.fen, r2025.netFen, r2025.reversals.times, r2025.total.persons], [600000, 600000, 0, 2]);
  assert.match(
    r2025.summary,
    /^2025年，共为1人发放临时救助，1人发放医疗救助（大病），合计惠及2人、2户，全年发放救助资金6,000.00元（0.60万元）。/,
  );

  // Drill-downs: the grid each number opens has that number as its own total.
  const drill = async (input: Record<string, unknown>) =>
    must(await w.call(clerk, 'payments.list', { year: 2026, distinct: true, ...input }));
  for (const k of r.byKind.filter((x) => x.times)) {
    const g2 = await drill({ kindCode: k.kindCode, reversed: 'payments' });
    assert.deepEqual(
      [g2.persons, g2.households, g2.total, g2.sumFen],
      [k.persons, k.households, k.times, k.fen],
      k.kind,
    );
  }
  const rev = await drill({ reversed: 'reversal' });
  assert.deepEqual([rev.total, rev.sumFen], [r.reversals.times, -r.reversals.fen]);
  const all = await drill({});
  assert.deepEqual([all.total, all.sumFen], [r.total.times + r.reversals.times, r.netFen]);
  for (const x of r.byAreaKind) {
    const g3 = await drill({ areaId: x.areaId, kindCode: x.kindCode, reversed: 'payments' });
    assert.deepEqual([g3.persons, g3.total, g3.sumFen], [x.persons, x.times, x.fen]);
  }
  for (const m of r.byMonth) {
    const g4 = await drill({ year: undefined, month: m.month, reversed: 'payments' });
    assert.deepEqual([g4.total, g4.sumFen], [m.times, m.fen], m.month);
  }

  // The application and registry figures open the applications and households grids on the same condition.
  for (const [tally, n] of Object.entries(r.applications)) {
    const g = must(
      await w.call(clerk, 'applications.list', {
        yearTally: { year: 2026, tally: tally as keyof typeof r.applications },
      }),
    );
    assert.equal(g.total, n, tally);
  }
  for (const [change, n] of Object.entries(r.registry)) {
    const g = must(
      await w.call(clerk, 'households.list', { yearChange: { year: 2026, change: change as keyof typeof r.registry } }),
    );
    assert.equal(g.total, n, change);
  }
  const left = must(await w.call(clerk, 'households.list', { yearChange: { year: 2026, change: 'left' } }));
  assert.deepEqual(
    left.rows.map((h) => h.status),
    ['exited'],
  );

  // The pairing figures open the cadres, households, visits and cards grids on the same condition.
  const p = r.pairing!;
  assert.equal(must(await w.call(clerk, 'cadres.list', { pairedIn: 2026 })).total, p.cadres);
  assert.equal(must(await w.call(clerk, 'cadres.list', { pairedIn: 2025 })).total, 0, 'paired from 2026-06-01');
  assert.equal(
    must(await w.call(clerk, 'households.list', { yearChange: { year: 2026, change: 'paired' } })).total,
    p.households,
  );
  const visits = must(await w.call(clerk, 'visits.list', { year: 2026 }));
  assert.deepEqual([visits.total, visits.aidFen], [p.visits, p.aidFen]);
  const cards = must(await w.call(clerk, 'cards.list', { issuedIn: 2026 }));
  assert.equal(cards.total, p.cardsIssued);
  assert.equal(cards.rows.filter((c) => c.voidedOn !== null).length, 1, 'the voided card is listed as such');
  assert.equal(must(await w.call(clerk, 'cards.list', {})).total, 1, 'the cards tab itself lists valid cards only');

  // The .xlsx: one sheet per table, read back.
  const x = must(await w.call(clerk, 'reports.xlsx', { year: 2026 }));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(x.base64, 'base64') as never);
  assert.deepEqual(
    wb.worksheets.map((s) => s.name),
    ['按救助类别', '按村社区', '按月份', '申请办理', '台账变动', '结对帮扶'],
  );
  const kinds = wb.getWorksheet('按救助类别')!;
  const rows: unknown[][] = [];
  kinds.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  assert.deepEqual(rows.slice(2), [
    ['临时救助', 2, 2, 4, 3000, 0.3, 1000],
    ['医疗救助（大病）', 1, 1, 1, 3000, 0.3, 5000],
    ['困难老人特殊补助金', 1, 1, 1, 200, 0.02, 0],
    ['本年冲正', '', '', 2, -5500, -0.55, ''],
    ['合计（净发放）', 4, 4, 6, 700, 0.07, 6000],
  ]);
});

// The report reads annual_totals, which the payments' insert trigger keeps. Payments of every shape, written in raw SQL
// behind the services' back (several persons of one household, two areas, three kinds, three years, reversals across
// the year end): every line the trigger kept equals the same figure counted over the payments.
test('annual_totals, kept by the insert trigger, equals the counts over the payments after 1,500 random payments and reversals', async () => {
  const pw = await paymentsWorld();
  const { w, admin, clerk } = pw;
  const west = must(await w.call(admin, 'areas.save', { name: '西河村' })).id;
  const first = await pw.household('张一');
  const seed = await pw.approved(first, 'medical_relief', '1000');
  must(
    await w.call(clerk, 'payments.pay', { applicationId: seed, amount: '1000', method: 'cash', paidOn: '2026-11-23' }),
  );
  const big = must(
    await w.call(clerk, 'households.create', {
      areaId: pw.areaId,
      members: [1, 2, 3].map((i) => ({
        name: `李${i}`,
        idNumber: idNumberFor('1960-01-01', 400 + i, i % 2 === 0),
        relation: i === 1 ? '户主' : '子女',
      })),
    }),
  );
  const people = [first.members[0], ...big.members].map((m) => ({
    person: m.id,
    household: m.id === first.members[0].id ? first.id : big.id,
  }));
  const r = rng(11);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const ins = w.ledger.db
    .prepare(`INSERT INTO payments (application_id, household_id, person_id, area_id, kind_code, top_kind,
      amount_fen, paid_on, method, reverses_id, cause, posted_by, posted_at)
    SELECT application_id, @household, @person, @area, @kind, @kind, @fen, @paidOn, method, @reverses,
        CASE WHEN @reverses IS NULL THEN NULL ELSE 'manual' END, posted_by, posted_at
      FROM payments
      WHERE id = 1`);
  const paid: { id: number; fen: number }[] = [];
  w.ledger.db.transaction(() => {
    for (let i = 0; i < 1500; i++) {
      const paidOn = `${pick(['2024', '2025', '2026'])}-${pick(['01', '06', '12'])}-${pick(['01', '31'])}`;
      const original = i > 50 && r() < 0.1 ? paid.splice(Math.floor(r() * paid.length), 1)[0] : null;
      const who = pick(people);
      const row = {
        ...who,
        area: pick([pw.areaId, west]),
        kind: pick(['temporary_relief', 'medical_relief', 'elderly_allowance']),
        paidOn,
      };
      const fen = original?.fen ?? 100 * (1 + Math.floor(r() * 50));
      const id = Number(ins.run({ ...row, fen, reverses: original?.id ?? null }).lastInsertRowid);
      if (!original) paid.push({ id, fen });
    }
  })();
  const lines = (sql: string) => w.ledger.db.prepare(`${sql} ORDER BY year, reversal, top_kind, area_id`).all();
  const kept = lines('SELECT * FROM annual_totals');
  assert.equal(
    kept.length,
    3 * 2 * (3 * 2 + 3 + 1),
    'a line for every year × sign at each level: kind × area, kind, the year',
  );
  assert.deepEqual(kept, lines('SELECT * FROM annual_totals_counted'));
  // Spot-checked against plain SQL too: 2025's distinct persons and households, and its reversals.
  const y = must(await w.call(clerk, 'reports.annual', { year: 2025 }));
  const d = w.one<{ persons: number; households: number; times: number; fen: number }>(
    `SELECT count(DISTINCT person_id) AS persons, count(DISTINCT household_id) AS households, count(*) AS times,
        sum(amount_fen) AS fen
      FROM payments
      WHERE paid_on LIKE '2025%' AND reverses_id IS NULL`,
  );
  assert.deepEqual(
    [y.total.persons, y.total.households, y.total.times, y.total.fen],
    [d.persons, d.households, d.times, d.fen],
  );
  assert.ok(d.persons > d.households, 'several persons of one household were paid');
  const rv = w.one<{ times: number; fen: number }>(
    `SELECT count(*) AS times, sum(amount_fen) AS fen
      FROM payments
      WHERE paid_on LIKE '2025%' AND reverses_id IS NOT NULL`,
  );
  assert.deepEqual(y.reversals, rv);
  assert.equal(must(await w.call(clerk, 'payments.check', {})).totalsOff, 0);
  // A kind already paid keeps its parent: moving it would leave the stored totals and the payments' own kinds apart.
  const listed = must(await w.call(admin, 'reliefKinds.list', {})).find((k) => k.code === 'elderly_allowance')!;
  const kind = {
    ...listed,
    townshipCeiling: listed.townshipCeilingFen === null ? '' : String(listed.townshipCeilingFen / 100),
  };
  const moved = await w.call(admin, 'reliefKinds.save', { ...kind, parentCode: 'temporary_relief' });
  assert.deepEqual(moved.ok ? null : [moved.error.code, moved.error.field], ['CONFLICT', 'parentCode']);
  assert.ok(
    must(await w.call(admin, 'reliefKinds.save', { ...kind, timeLimitDays: 12 })),
    'other changes stay allowed',
  );
  w.ledger.db
    .prepare(`UPDATE annual_totals SET persons = persons + 1 WHERE year = '2025' AND reversal = 0 AND top_kind = ''`)
    .run();
  assert.equal(
    must(await w.call(clerk, 'payments.check', {})).totalsOff,
    2,
    'a stored line changed behind the ledger shows on both sides',
  );
});

// 工作总结's text: a reviewer, an approver or the admin saves it, audited with the text before and after; a clerk is
// refused and an empty section is refused at its field, and neither writes anything.
test('the year summary is saved per year and section, audited; a clerk and an empty section are refused', async () => {
  const w = await demoWorld();
  const sign = async (username: string) => {
    const s = newSession();
    must(await w.call(s, 'session.signIn', { username, password: DEMO_PASSWORD }));
    return s;
  };
  const [clerk, approver, admin] = [await sign('shouli'), await sign('shenpi'), await sign('admin')];
  const year = demoYear('2026-11-23');
  const drafts = must(await w.call(clerk, 'reports.summary', { year }));
  const texts = { practices: '做法一。\n做法二。', problems: '问题一。', plans: '打算一。' };
  const [audits, rows] = [w.count('audit_log'), () => w.count('year_summaries')];

  // A clerk reads the drafts but may not save; an empty 存在问题 is refused at its field; nothing is written.
  const byClerk = refused(await w.call(clerk, 'reports.saveSummary', { year, ...texts }));
  assert.equal(byClerk.code, 'FORBIDDEN');
  const empty = refused(await w.call(approver, 'reports.saveSummary', { year, ...texts, problems: '  ' }));
  assert.deepEqual([empty.code, empty.field, empty.message], ['VALIDATION', 'problems', '请填写存在问题']);
  assert.deepEqual([w.count('audit_log'), rows()], [audits, 0]);

  // An approver saves: the saved text wins over the draft, which is still offered beside it.
  const saved = must(await w.call(approver, 'reports.saveSummary', { year, ...texts }));
  assert.deepEqual(
    saved.sections.map((s) => [s.section, s.text, s.draft, s.saved?.by]),
    drafts.sections.map((s) => [s.section, texts[s.section], s.draft, '钱国庆']),
  );
  assert.deepEqual(must(await w.call(clerk, 'reports.summary', { year })), saved);
  assert.deepEqual(
    must(await w.call(clerk, 'reports.summary', { year: year - 1 })).sections.map((s) => s.saved),
    [null, null, null],
    'another year keeps its drafts',
  );
  assert.equal(rows(), 3);
  const log = async (n: number) =>
    must(await w.call(admin, 'audit.list', { channel: 'reports.saveSummary', limit: n })) as Page<AuditRow>;
  const first = (await log(1)).rows[0];
  assert.deepEqual(
    [first.entity, first.entityId, first.staffName, first.recordName],
    ['yearSummary', String(year), '钱国庆', `${year}年度`],
  );
  assert.deepEqual(JSON.parse(first.before!), { practices: null, problems: null, plans: null });
  assert.deepEqual(JSON.parse(first.after!), texts);

  // The admin changes one section: only that row is rewritten (its writer and time), and the audit says from what.
  w.clock.advanceMinutes(1);
  const again = must(await w.call(admin, 'reports.saveSummary', { year, ...texts, plans: '打算二。' }));
  assert.deepEqual(
    again.sections.map((s) => [s.text, s.saved?.by]),
    [
      [texts.practices, '钱国庆'],
      [texts.problems, '钱国庆'],
      ['打算二。', '周建华'],
    ],
  );
  const second = (await log(2)).rows[0];
  assert.deepEqual(
    [JSON.parse(second.before!), JSON.parse(second.after!)],
    [{ plans: '打算一。' }, { plans: '打算二。' }],
  );
  assert.equal((await log(2)).total, 2);
});

// Visits behind their cadence as the 工作总结 counts them on a day: today, what dueVisits lists as overdue; on a day
// past, the same rule over the pairings, categories, households and visits as they were that day, worked out here
// row by row.
test('visits behind their cadence on a day: today as dueVisits lists them, a past day by the rule row by row', async () => {
  const w = await demoWorld();
  const db = w.ledger.db;
  const today = dateCn(w.clock.now());
  const due = dueVisits(db, today);
  assert.deepEqual(behindCadence(db, today), {
    paired: due.length,
    behind: due.filter((d) => d.overdueDays > 0).length,
    longestDays: Math.max(0, ...due.map((d) => d.overdueDays)),
  });
  const addMonths = (day: string, m: number) =>
    (db.prepare(`SELECT date(?, '+' || ? || ' months') AS d`).get(day, m) as { d: string }).d;
  const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  for (const day of [`${Number(today.slice(0, 4))}-06-30`, `${Number(today.slice(0, 4))}-03-15`]) {
    const pairs = db
      .prepare(
        `SELECT p.household_id AS h, p.from_date AS fromDate
          FROM pairings p
          JOIN households h ON h.id = p.household_id
          WHERE p.role = 'primary' AND p.from_date <= ? AND (p.to_date IS NULL OR p.to_date > ?)
            AND substr(h.created_at, 1, 10) <= ? AND (h.exited_on IS NULL OR h.exited_on > ?)`,
      )
      .all(day, day, day, day) as { h: number; fromDate: string }[];
    const late = pairs
      .map(({ h, fromDate }) => {
        const cadences = (
          db
            .prepare(
              `SELECT c.every_months AS m
                FROM household_categories hc
                JOIN visit_cadence c ON c.category_code = hc.category_code
                WHERE hc.household_id = ? AND hc.from_date <= ? AND (hc.to_date IS NULL OR hc.to_date > ?)`,
            )
            .all(h, day, day) as { m: number }[]
        ).map((c) => c.m);
        const last = (
          db
            .prepare('SELECT max(visited_on) AS d FROM visits WHERE household_id = ? AND visited_on <= ?')
            .get(h, day) as {
            d: string | null;
          }
        ).d;
        return days(addMonths(last ?? fromDate, cadences.length ? Math.min(...cadences) : 3), day);
      })
      .filter((d) => d > 0);
    assert.ok(pairs.length > 0 && late.length > 0, `${day}: the demo has pairings behind`);
    assert.deepEqual(behindCadence(db, day), {
      paired: pairs.length,
      behind: late.length,
      longestDays: Math.max(...late),
    });
  }
});
