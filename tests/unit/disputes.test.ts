// 矛盾纠纷调解 through the dispatcher on a real ledger: every step and every refusal (with nothing written), who may
// conclude, gapless agreement numbers, the 30-day clock and the follow-up list, masked IDs, and the year's figures
// against the grids they open and an independent count.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { idNumberFor } from '../../main/demo/fictional';
import type { Input } from '../../shared/contract';
import { DISPUTE_FIGURES } from '../../shared/domain/disputes';
import { must, refused } from './helpers';
import { paymentsWorld } from './paymentsSetup';

// The suite's clock stands at 2026-11-23 (a Monday), 09:00 China time.
const ID_A = idNumberFor('1968-04-12', 11, false);
const ID_B = idNumberFor('1971-09-30', 12, true);

async function setup() {
  const pw = await paymentsWorld();
  const { w, clerk, admin } = pw;
  const mediator = must(await w.call(clerk, 'cadres.save', { name: '周调解', kind: 'village', unit: '东山村委' }));
  const other = must(await w.call(clerk, 'cadres.save', { name: '吴法官', kind: 'official', unit: '司法所' }));
  // The mediator signs in with an account of their own, linked by the admin.
  const mediatorSession = await w.staff('zhou', ['clerk']);
  const zhou = must(await w.call(admin, 'staff.list', {})).find((s) => s.username === 'zhou')!;
  must(await w.call(admin, 'staff.update', { ...zhou, cadreId: mediator.id }));
  const input = (o: Partial<Input<'disputes.create'>> = {}): Input<'disputes.create'> => ({
    acceptedOn: '2026-11-02',
    source: 'applied',
    type: '邻里纠纷',
    areaId: pw.areaId,
    parties: [
      { role: 'applicant', name: '张大山', idNumber: ID_A, phone: '13912345678', address: '东山村 3 组 12 号' },
      { role: 'respondent', name: '李小河', idNumber: ID_B, phone: '13887654321', address: '东山村 3 组 14 号' },
    ],
    persons: 5,
    amount: '3,500.50',
    facts: '两家因院墙排水沟堵塞，雨水漫入张家院内，双方多次争吵。',
    mediatorIds: [mediator.id],
    ...o,
  });
  const create = async (o: Partial<Input<'disputes.create'>> = {}) =>
    must(await w.call(clerk, 'disputes.create', input(o)));
  return { ...pw, mediator, other, mediatorSession, input, create };
}

type World = Awaited<ReturnType<typeof setup>>['w'];
const TABLES = [
  'disputes',
  'dispute_parties',
  'dispute_sessions',
  'dispute_followups',
  'audit_log',
  'number_sequences',
];

/** Refused at `field` (when given), and the ledger unchanged. */
async function refusedUnchanged(w: World, result: Promise<Parameters<typeof refused>[0]>, field?: string) {
  const before = TABLES.map((t) => w.count(t));
  const seq = w.one<{ n: number }>(
    "SELECT coalesce(max(last), 0) AS n FROM number_sequences WHERE series = 'agreement'",
  );
  const e = refused(await result);
  assert.deepEqual(
    TABLES.map((t) => w.count(t)),
    before,
    `nothing written when refused: ${e.message}`,
  );
  assert.deepEqual(
    w.one("SELECT coalesce(max(last), 0) AS n FROM number_sequences WHERE series = 'agreement'"),
    seq,
    'no agreement number drawn',
  );
  if (field) assert.equal(e.field, field, e.message);
  return e;
}

const written = (id: number, o: Partial<Extract<Input<'disputes.conclude'>, { result: 'written' }>> = {}) =>
  ({
    id,
    result: 'written',
    concludedOn: '2026-11-20',
    responsibilities: '排水沟由两家共用，双方均有疏于清理的责任。',
    terms: '一、李小河于 2026 年 11 月 30 日前疏通排水沟；二、张大山承担疏通费用的一半。',
    performance: '双方自行履行，村调委会监督。',
    copies: 3,
    ...o,
  }) as const;

test('a dispute from registration to follow-up: sessions, a written agreement, its print and the timeline', async () => {
  const { w, clerk, reviewer, admin, mediatorSession, create } = await setup();
  const d = await create();
  assert.equal(d.status, 'open');
  assert.equal(d.dueOn, '2026-12-02', 'due 30 days after acceptance (the default setting)');
  assert.equal(d.amountFen, 350050);
  assert.equal(d.parties, '张大山、李小河');
  // The ID numbers are masked on the page; the phones are whole there.
  assert.equal(d.partyList[0].idNumber, `${ID_A.slice(0, 4)}**********${ID_A.slice(-4)}`);
  assert.equal(d.partyList[0].phone, '13912345678');
  assert.ok(!JSON.stringify(d).includes(ID_A) && !JSON.stringify(d).includes(ID_B), 'no whole ID in the detail');
  assert.equal(d.daysLeft, 9);
  assert.equal(d.canConclude, true, 'the clerk who registered it may close it (mediators often have no account)');
  must(
    await w.call(clerk, 'disputes.session', {
      id: d.id,
      heldOn: '2026-11-10',
      place: '东山村调解室',
      attendees: '张大山、李小河、周调解',
      statements: '张大山：雨水漫进院子。李小河：排水沟是两家共用的。',
      proposal: '共同出资疏通排水沟。',
      recorder: '王记录',
    }),
  );
  // Only the dispute's mediator (by their linked account), the clerk who registered it, or an admin concludes it.
  const stranger = await w.staff('qian', ['clerk']);
  assert.equal(must(await w.call(stranger, 'disputes.get', { id: d.id })).canConclude, false);
  const e = await refusedUnchanged(w, w.call(stranger, 'disputes.conclude', written(d.id)));
  assert.equal(e.code, 'FORBIDDEN');
  assert.match(e.message, /只有本案调解员（周调解）、登记人（.+）或管理员可以办结/);
  assert.equal(must(await w.call(mediatorSession, 'disputes.get', { id: d.id })).canConclude, true);
  const done = must(await w.call(mediatorSession, 'disputes.conclude', written(d.id)));
  assert.equal(done.status, 'settled');
  assert.equal(done.agreementNo, '（2026）调字第 001 号');
  assert.equal(done.overdueDays, 0);
  // The 协议书: IDs and phones whole for a reviewer, masked for a clerk; every print audited.
  const audits = w.count('audit_log');
  const full = must(await w.call(reviewer, 'disputes.agreement', { id: d.id }));
  assert.equal(full.whole, true);
  assert.equal(full.detail.partyList[1].idNumber, ID_B);
  assert.equal(full.detail.partyList[1].phone, '13887654321');
  const masked = must(await w.call(clerk, 'disputes.agreement', { id: d.id }));
  assert.equal(masked.whole, false);
  assert.ok(!JSON.stringify(masked).includes(ID_A) && !JSON.stringify(masked).includes('13912345678'));
  assert.equal(masked.detail.partyList[0].phone, '139****5678');
  assert.equal(w.count('audit_log'), audits + 2, 'each print of the 协议书 is audited');
  // 回访: not before the agreement, then recorded; the last one shows in the grid.
  await refusedUnchanged(
    w,
    w.call(clerk, 'disputes.followUp', { id: d.id, visitedOn: '2026-11-19', outcome: 'kept' }),
    'visitedOn',
  );
  must(
    await w.call(clerk, 'disputes.followUp', {
      id: d.id,
      visitedOn: '2026-11-22',
      outcome: 'partly',
      note: '已疏通一半',
    }),
  );
  const after = must(await w.call(admin, 'disputes.followUp', { id: d.id, visitedOn: '2026-11-23', outcome: 'kept' }));
  assert.equal(after.lastFollowup, 'kept');
  assert.deepEqual(
    after.timeline.map((s) => s.what.slice(0, 4)),
    ['受理（当', '调解（东', '调解成功', '回访：部', '回访：已'],
  );
  // Nothing more once it is concluded.
  await refusedUnchanged(w, w.call(admin, 'disputes.conclude', written(d.id)));
  await refusedUnchanged(w, w.call(clerk, 'disputes.withdraw', { id: d.id, reason: '登记错误' }));
  const row = must(await w.call(clerk, 'disputes.list', { q: '张大山' }));
  assert.equal(row.total, 1);
  assert.equal(row.rows[0].agreementNo, '（2026）调字第 001 号');
  assert.equal(w.one("SELECT count(*) AS n FROM audit_log WHERE entity = 'dispute'").n, 5);
  // The clerk who registered a dispute closes it (an oral agreement), and the audit row names who did.
  const second = await create();
  const byClerk = must(
    await w.call(clerk, 'disputes.conclude', {
      id: second.id,
      result: 'oral',
      concludedOn: '2026-11-20',
      terms: '和解',
    }),
  );
  assert.equal(byClerk.status, 'settled');
  assert.equal(byClerk.timeline.at(-1)!.by, byClerk.recordedBy);
  assert.equal(byClerk.recordedBy, '员工clerk');
  const closed = w.one<{ staffId: number; channel: string; after: string }>(
    `SELECT staff_id AS staffId, channel, after FROM audit_log WHERE entity_id = ? ORDER BY id DESC LIMIT 1`,
    String(second.id),
  );
  assert.equal(closed.channel, 'disputes.conclude');
  assert.equal(closed.staffId, clerk.staff!.id);
  assert.match(closed.after, /"status":"settled"/);
});

test('bad input: a clear message at the field, nothing written', async () => {
  const { w, clerk, admin, input, create } = await setup();
  const [a, b] = input().parties;
  const bad: [Partial<Input<'disputes.create'>>, string, RegExp][] = [
    [{ parties: [a] }, 'parties', /至少两方/],
    [{ parties: [a, { ...b, role: 'applicant' }] }, 'parties', /申请人和被申请人各至少一人/],
    [{ parties: [a, { ...b, idNumber: ID_A }] }, 'parties.1.idNumber', /身份证号相同/],
    [{ parties: [a, { ...b, name: '张大山', idNumber: '', phone: a.phone }] }, 'parties.1.name', /同名同电话/],
    [
      { parties: [a, { ...b, idNumber: ID_B.slice(0, 17) + (ID_B[17] === '0' ? '1' : '0') }] },
      'parties.1.idNumber',
      /校验/,
    ],
    [{ persons: 1 }, 'persons', /至少 2 人/],
    [
      { persons: 2, parties: [a, b, { ...b, name: '李小溪', idNumber: '' }] },
      'persons',
      /不能少于列出的当事人（3 人）/,
    ],
    [{ amount: '-200' }, 'amount', /负数/],
    [{ amount: '12.345' }, 'amount', /两位小数/],
    [{ mediatorIds: [] }, 'mediatorIds', /请选择调解员/],
    [{ type: '打架' }, 'type', /纠纷类型/],
    [{ acceptedOn: '2026-11-24' }, 'acceptedOn', /不能晚于今天/],
  ];
  for (const [o, field, message] of bad) {
    const e = await refusedUnchanged(w, w.call(clerk, 'disputes.create', input(o)), field).catch((x: Error) => {
      throw new Error(`${field}: ${x.message}`);
    });
    assert.match(e.message, message, field);
  }
  // Two different people of the same name, told apart by their phones, are fine; an amount may be left empty.
  must(
    await w.call(clerk, 'disputes.create', input({ parties: [a, { ...b, name: '张大山', idNumber: '' }], amount: '' })),
  );
  const d = await create();
  await refusedUnchanged(
    w,
    w.call(clerk, 'disputes.session', {
      id: d.id,
      heldOn: '2026-11-01',
      place: '调解室',
      attendees: '双方',
      statements: '各自陈述',
    }),
    'heldOn',
  );
  const noTerms = await refusedUnchanged(w, w.call(admin, 'disputes.conclude', written(d.id, { terms: '' })), 'terms');
  assert.match(noTerms.message, /书面协议须写明/);
  await refusedUnchanged(
    w,
    w.call(admin, 'disputes.conclude', written(d.id, { concludedOn: '2026-11-01' })),
    'concludedOn',
  );
  const early = await refusedUnchanged(
    w,
    w.call(clerk, 'disputes.followUp', { id: d.id, visitedOn: '2026-11-20', outcome: 'kept' }),
  );
  assert.match(early.message, /没有达成调解协议/);
});

test('oral agreements, 调解不成 with a route, 转交 and withdrawal; agreement numbers gapless per year', async () => {
  const { w, clerk, admin, create } = await setup();
  const oral = await create();
  const o = must(
    await w.call(admin, 'disputes.conclude', {
      id: oral.id,
      result: 'oral',
      concludedOn: '2026-11-05',
      terms: '李家当场道歉，张家不再追究。',
    }),
  );
  assert.equal(o.agreement, 'oral');
  assert.equal(o.agreementNo, null, 'an oral agreement takes no number');
  const failed = must(
    await w.call(admin, 'disputes.conclude', {
      id: (await create()).id,
      result: 'failed',
      concludedOn: '2026-11-06',
      route: 'litigation',
      note: '对赔偿数额分歧过大',
    }),
  );
  assert.match(failed.timeline.at(-1)!.what, /调解不成（对赔偿数额分歧过大），建议诉讼/);
  const moved = must(
    await w.call(admin, 'disputes.conclude', {
      id: (await create()).id,
      result: 'transferred',
      concludedOn: '2026-11-06',
      to: '县劳动监察大队',
    }),
  );
  assert.equal(moved.status, 'transferred');
  const gone = must(await w.call(clerk, 'disputes.withdraw', { id: (await create()).id, reason: '重复登记' }));
  assert.equal(gone.status, 'withdrawn');
  await refusedUnchanged(w, w.call(admin, 'disputes.conclude', written(gone.id)));
  // Written agreements: 001, 002, 003 in 2026 (a refused one draws nothing), and 001 again in 2025.
  const last = await create({ acceptedOn: '2025-12-20' });
  must(await w.call(admin, 'disputes.conclude', written(last.id, { concludedOn: '2025-12-28' })));
  const nos: string[] = [];
  for (let i = 0; i < 3; i++) {
    const d = await create();
    await refusedUnchanged(w, w.call(admin, 'disputes.conclude', written(d.id, { performance: '' })), 'performance');
    nos.push(must(await w.call(admin, 'disputes.conclude', written(d.id))).agreementNo!);
  }
  assert.deepEqual(nos, ['（2026）调字第 001 号', '（2026）调字第 002 号', '（2026）调字第 003 号']);
  assert.equal(must(await w.call(clerk, 'disputes.get', { id: last.id })).agreementNo, '（2025）调字第 001 号');
});

test('the clock: the mediation days and the follow-up days are settings; 首页 lists what is due and unvisited', async () => {
  const { w, clerk, admin, create } = await setup();
  const center = must(await w.call(admin, 'settings.get', {}));
  assert.equal(center.mediationDays, 30);
  const old = await create({ acceptedOn: '2026-10-01' });
  assert.equal(old.overdueDays, 23);
  must(await w.call(admin, 'settings.save', { ...center, mediationDays: 20, followUpDays: 15 }));
  const soon = await create({ acceptedOn: '2026-11-05' });
  assert.equal(soon.dueOn, '2026-11-25', 'a new dispute takes the new setting');
  assert.equal(must(await w.call(clerk, 'disputes.get', { id: old.id })).dueOn, '2026-10-31', 'an old one keeps its');
  const fresh = await create({ acceptedOn: '2026-11-20' });
  const ids = async (f: Input<'disputes.list'>) =>
    must(await w.call(clerk, 'disputes.list', { ...f, sort: { col: 'dueOn', dir: 'asc' } })).rows.map((r) => r.id);
  assert.deepEqual(await ids({ overdue: true }), [old.id]);
  assert.deepEqual(await ids({ dueWithin: 5 }), [old.id, soon.id]);
  // Agreements with no follow-up 15 days after they were reached.
  for (const [d, day] of [
    [soon, '2026-11-07'],
    [fresh, '2026-11-21'],
  ] as const)
    must(await w.call(admin, 'disputes.conclude', written(d.id, { concludedOn: day })));
  assert.deepEqual(await ids({ unvisited: true }), [soon.id]);
  must(await w.call(clerk, 'disputes.followUp', { id: soon.id, visitedOn: '2026-11-23', outcome: 'broken' }));
  assert.deepEqual(await ids({ unvisited: true }), []);
  // Late: concluded after its deadline counts as overdue by those days.
  must(await w.call(admin, 'disputes.conclude', written(old.id, { concludedOn: '2026-11-03' })));
  assert.equal(must(await w.call(clerk, 'disputes.get', { id: old.id })).overdueDays, 3);
});

test('search by name, pinyin initials and ID tail; a whole ID number finds nothing', async () => {
  const { w, clerk, create } = await setup();
  await create();
  await create({
    parties: [
      { role: 'applicant', name: '赵一', idNumber: '', phone: '', address: '' },
      { role: 'respondent', name: '钱二', idNumber: '', phone: '', address: '' },
    ],
    persons: 2,
  });
  const total = async (q: string) => must(await w.call(clerk, 'disputes.list', { q })).total;
  assert.equal(await total('李小河'), 1);
  assert.equal(await total('lxh'), 1);
  assert.equal(await total('zy'), 1);
  assert.equal(await total(ID_B.slice(-4)), 1);
  assert.equal(await total(ID_B), 0, 'a whole ID number is no oracle');
  assert.equal(await total(ID_B.slice(0, 6)), 0);
});

test("the year's dispute figures equal the grid totals they open and an independent count", async () => {
  const { w, clerk, admin, mediator, other, create } = await setup();
  const second = must(await w.call(admin, 'areas.save', { name: '西山村' })).id;
  const types = ['邻里纠纷', '婚姻家庭', '宅基地'];
  for (let i = 0; i < 30; i++) {
    const day = `2026-${String((i % 10) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
    const d = await create({
      acceptedOn: day,
      ...(i % 3 === 0 ? { areaId: second } : {}),
      type: types[i % 3],
      persons: 2 + (i % 4),
      amount: i % 5 === 0 ? '' : `${i * 1000}.5`,
      mediatorIds: i % 2 ? [mediator.id, other.id] : [other.id],
    });
    const on = day < '2026-11-01' ? `2026-${String((i % 10) + 1).padStart(2, '0')}-28` : '2026-11-23';
    if (i % 7 === 6) must(await w.call(clerk, 'disputes.withdraw', { id: d.id, reason: '重复' }));
    else if (i % 4 === 0) must(await w.call(admin, 'disputes.conclude', written(d.id, { concludedOn: on })));
    else if (i % 4 === 1)
      must(await w.call(admin, 'disputes.conclude', { id: d.id, result: 'oral', concludedOn: on, terms: '和解' }));
    else if (i % 8 === 2)
      must(
        await w.call(admin, 'disputes.conclude', {
          id: d.id,
          result: 'failed',
          concludedOn: on,
          route: 'arbitration',
          note: '分歧大',
        }),
      );
  }
  await create({ acceptedOn: '2025-12-30' }); // last year's never counts
  const r = must(await w.call(clerk, 'reports.annual', { year: 2026 }));
  const d = r.disputes!;
  const grid = async (f: Input<'disputes.list'>) => must(await w.call(clerk, 'disputes.list', { ...f, limit: 1 }));
  const lines = [
    ...d.byCategory.map((l) => ({ l, f: { type: l.key } })),
    ...d.byArea.map((l) => ({ l, f: { areaId: Number(l.key) } })),
    ...d.byMonth.map((l) => ({ l, f: { month: l.key } })),
    ...d.byPerson.map((l) => ({ l, f: { mediatorId: Number(l.key) } })),
    { l: d.total, f: {} },
  ];
  assert.equal(d.byPerson.length, 2);
  for (const f of DISPUTE_FIGURES)
    for (const { l, f: filter } of lines) {
      const g = await grid({ year: 2026, figure: f, ...filter });
      // A count opens that many rows; a sum opens the rows whose persons or amount add up to it.
      const shown = f === 'persons' ? g.persons : f === 'amount' ? g.amountFen : g.total;
      assert.equal(shown, l[f], `${f} ${l.label}`);
    }
  for (const f of DISPUTE_FIGURES)
    for (const dim of [d.byCategory, d.byArea, d.byMonth])
      assert.equal(
        dim.reduce((n, l) => n + l[f], 0),
        d.total[f],
        f,
      );
  const q = <T>(sql: string) => w.one<T>(sql);
  const inYear = "accepted_on LIKE '2026-%' AND status <> 'withdrawn'";
  assert.deepEqual(
    q(`SELECT count(*) AS accepted, sum(persons) AS persons, sum(amount_fen) AS amount,
        sum(agreement = 'written') AS written, sum(status = 'failed') AS failed
      FROM disputes
      WHERE ${inYear}`),
    {
      accepted: d.total.accepted,
      persons: d.total.persons,
      amount: d.total.amount,
      written: d.total.written,
      failed: d.total.failed,
    },
  );
  assert.equal(
    d.total.overdue,
    q<{ n: number }>(`SELECT count(*) AS n FROM disputes WHERE ${inYear}
      AND ((status = 'open' AND due_on < '2026-11-23') OR concluded_on > due_on)`).n,
  );
  assert.ok(d.total.written > 3 && d.total.oral > 3 && d.total.overdue > 0 && d.total.amount > 0, 'a busy year');
  // The summary paragraph in the report's style, and the .xlsx holds what the grid shows (audited).
  assert.match(
    r.summary,
    new RegExp(
      `排查调处各类矛盾纠纷${d.total.accepted}件，调解成功${d.total.settled}件（成功率[\\d.]+%），达成口头协议${d.total.oral}件，书面协议${d.total.written}件，涉及人员${d.total.persons}人，涉及金额[\\d.]+万元。`,
    ),
  );
  const file = must(await w.call(clerk, 'disputes.xlsx', { year: 2026, figure: 'written' }));
  assert.equal(file.rows, d.total.written);
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.base64, 'base64') as never);
  const ws = wb.worksheets[0];
  assert.equal(ws.rowCount, d.total.written + 2);
  assert.equal(ws.getRow(2).getCell(6).value, '当事人');
  const cells = JSON.stringify(ws.getSheetValues());
  assert.ok(!cells.includes(ID_A) && !cells.includes('13912345678'), 'no ID number or phone in the export');
  assert.equal(w.one("SELECT count(*) AS n FROM audit_log WHERE entity = 'export'").n, 1);
  // The report's .xlsx: a sheet per breakdown, mediators included; the amount in 万元.
  const rx = must(await w.call(clerk, 'reports.xlsx', { year: 2026 }));
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(rx.base64, 'base64') as never);
  const names = book.worksheets.map((x) => x.name).filter((n) => n.startsWith('纠纷调解'));
  assert.deepEqual(names, [
    '纠纷调解（按纠纷类型）',
    '纠纷调解（按村社区）',
    '纠纷调解（按月份）',
    '纠纷调解（按调解员）',
  ]);
  const byType = book.getWorksheet('纠纷调解（按纠纷类型）')!;
  const last = (byType.getRow(byType.rowCount).values as unknown[]).slice(1);
  assert.deepEqual(last, [
    '合计',
    ...DISPUTE_FIGURES.map((f) => (f === 'amount' ? Math.round(d.total.amount / 100) / 10000 : d.total[f])),
  ]);
});
