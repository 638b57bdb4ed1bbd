// 结对帮扶 and 便民服务卡 on a real ledger: one primary cadre at a time with the history kept, visits with problems
// and aid, the visit cadence, card numbers (gapless, a reissue voids), the reprint flag after a cadre change.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { HouseholdDetail } from '../../shared/schemas/registry';
import { daysEarlier, must, refused } from './helpers';
import { paymentsWorld } from './paymentsSetup';

/**
 * Cadres and households are registered on 2025-12-28 (330 days before the clock's day), before any day these tests
 * pair or visit on: nothing of theirs may begin before they were registered.
 */
async function setup() {
  const pw = await paymentsWorld();
  const { w, clerk } = pw;
  const early = <T>(call: () => Promise<T>) => daysEarlier(w, clerk, 330, call);
  const li = must(
    await early(() =>
      w.call(clerk, 'cadres.save', { name: '李书记', unit: '镇党委', partyMember: true, phone: '13900001111' }),
    ),
  );
  const wang = must(
    await early(() =>
      w.call(clerk, 'cadres.save', { name: '王干事', unit: '民政办', partyMember: true, phone: '13900002222' }),
    ),
  );
  const zhou = must(
    await early(() =>
      w.call(clerk, 'cadres.save', { name: '周主任', unit: '司法所', partyMember: false, phone: '0571-88886666' }),
    ),
  );
  const household = (name: string): Promise<HouseholdDetail> => early(() => pw.household(name));
  return { ...pw, li, wang, zhou, household };
}

test('cadres: phones checked, unpaired cadres and households listed', async () => {
  const { w, clerk, li, zhou, household } = await setup();
  assert.equal(refused(await w.call(clerk, 'cadres.save', { name: '赵六', phone: '1390000' })).field, 'phone');
  assert.equal(refused(await w.call(clerk, 'cadres.save', { name: '' })).field, 'name');
  const h = await household('孙大娘');
  await household('钱大爷');
  assert.equal(must(await w.call(clerk, 'pairings.unpaired', {})).total, 2);
  must(
    await w.call(clerk, 'pairings.start', {
      householdId: h.id,
      cadreId: li.id,
      role: 'primary',
      fromDate: '2026-11-01',
    }),
  );
  assert.deepEqual(
    must(await w.call(clerk, 'pairings.unpaired', {})).rows.map((r) => r.head),
    ['钱大爷'],
  );
  const unpaired = must(await w.call(clerk, 'cadres.list', { unpaired: true }))
    .rows.map((c) => c.name)
    .sort();
  assert.deepEqual(unpaired, ['周主任', '王干事'].sort());
  assert.equal(must(await w.call(clerk, 'cadres.list', { q: 'lsj' })).rows[0].id, li.id, 'pinyin initials');
  // A cadre with households is not stopped until they are handed over.
  assert.match(
    refused(await w.call(clerk, 'cadres.save', { ...li, id: li.id, active: false })).message,
    /还有 1 户结对/,
  );
  must(await w.call(clerk, 'cadres.save', { ...zhou, id: zhou.id, active: false }));
  assert.match(
    refused(
      await w.call(clerk, 'pairings.start', {
        householdId: h.id,
        cadreId: zhou.id,
        role: 'secondary',
        fromDate: '2026-11-01',
      }),
    ).message,
    /已停用/,
  );
});

test('one primary cadre at a time: a new one replaces the old, whose pairing ends the day before and stays in the history', async () => {
  const { w, clerk, li, wang, household } = await setup();
  const h = await household('孙大娘');
  must(
    await w.call(clerk, 'pairings.start', {
      householdId: h.id,
      cadreId: li.id,
      role: 'primary',
      fromDate: '2026-03-01',
    }),
  );
  must(
    await w.call(clerk, 'pairings.start', {
      householdId: h.id,
      cadreId: wang.id,
      role: 'secondary',
      fromDate: '2026-03-01',
    }),
  );
  assert.match(
    refused(
      await w.call(clerk, 'pairings.start', {
        householdId: h.id,
        cadreId: li.id,
        role: 'secondary',
        fromDate: '2026-04-01',
      }),
    ).message,
    /已是这一户的主要帮扶人/,
  );
  assert.equal(
    refused(
      await w.call(clerk, 'pairings.start', {
        householdId: h.id,
        cadreId: wang.id,
        role: 'primary',
        fromDate: '2026-12-01',
      }),
    ).field,
    'fromDate',
  );
  // wang moves from secondary to primary: end the secondary pairing first, then start.
  const p = must(await w.call(clerk, 'pairings.ofHousehold', { householdId: h.id }));
  const secondary = p.current.find((x) => x.role === 'secondary')!;
  must(await w.call(clerk, 'pairings.end', { id: secondary.id, toDate: '2026-09-30', reason: '改为主要帮扶人' }));
  const after = must(
    await w.call(clerk, 'pairings.start', {
      householdId: h.id,
      cadreId: wang.id,
      role: 'primary',
      fromDate: '2026-10-01',
    }),
  );
  assert.deepEqual(
    after.current.map((x) => [x.cadreName, x.role, x.fromDate]),
    [['王干事', 'primary', '2026-10-01']],
  );
  assert.deepEqual(after.history.map((x) => [x.cadreName, x.role, x.toDate, x.endReason]).sort(), [
    ['李书记', 'primary', '2026-09-30', '更换为王干事'],
    ['王干事', 'secondary', '2026-09-30', '改为主要帮扶人'],
  ]);
  // The ledger's unique index holds the rule whatever code runs.
  assert.throws(
    () =>
      w.ledger.db
        .prepare(
          `INSERT INTO pairings (cadre_id, household_id, role, from_date, created_by, created_at)
            VALUES (?, ?, 'primary', '2026-11-01', 1, '')`,
        )
        .run(li.id, h.id),
    /UNIQUE/,
  );
  assert.equal(w.one(`SELECT count(*) AS n FROM pairings WHERE household_id = ${h.id}`).n, 3);
});

test('visits: problems and aid recorded, bad aid value refused at its field, cadence decides overdue', async () => {
  const { w, clerk, admin, li, wang, household } = await setup();
  const h = await household('孙大娘');
  const other = await household('钱大爷');
  must(await w.call(clerk, 'households.startCategory', { householdId: h.id, code: 'tekun', fromDate: '2026-01-01' }));
  must(
    await w.call(clerk, 'pairings.start', {
      householdId: h.id,
      cadreId: li.id,
      role: 'primary',
      fromDate: '2026-08-01',
    }),
  );
  must(
    await w.call(clerk, 'pairings.start', {
      householdId: other.id,
      cadreId: li.id,
      role: 'primary',
      fromDate: '2026-10-01',
    }),
  );
  const visit = {
    householdId: h.id,
    cadreId: li.id,
    visitedOn: '2026-09-15',
    mode: 'home' as const,
    findings: '老人独居，冬季取暖困难',
    actions: '送去棉被',
    problems: [{ description: '屋顶漏雨' }],
    aid: [
      { item: '棉被', quantity: 2, unit: '床', value: '300' },
      { item: '慰问金', quantity: 1, unit: '份', value: '500.00' },
    ],
  };
  const before = [w.count('visits'), w.count('visit_aid'), w.count('audit_log')];
  assert.equal(
    refused(
      await w.call(clerk, 'visits.create', {
        ...visit,
        aid: [{ item: '米', quantity: 1, unit: '袋', value: '1.234,50' }],
      }),
    ).field,
    'aid.0.value',
  );
  assert.equal(
    refused(
      await w.call(clerk, 'visits.create', { ...visit, aid: [{ item: '米', quantity: 0, unit: '袋', value: '50' }] }),
    ).field,
    'aid.0.quantity',
  );
  assert.equal(refused(await w.call(clerk, 'visits.create', { ...visit, cadreId: wang.id })).field, 'cadreId');
  assert.equal(
    refused(await w.call(clerk, 'visits.create', { ...visit, visitedOn: '2026-07-01' })).field,
    'cadreId',
    'not yet paired that day',
  );
  assert.equal(refused(await w.call(clerk, 'visits.create', { ...visit, visitedOn: '2026-12-01' })).field, 'visitedOn');
  assert.deepEqual([w.count('visits'), w.count('visit_aid'), w.count('audit_log')], before);
  const v = must(await w.call(clerk, 'visits.create', visit));
  assert.deepEqual([v.aidFen, v.problems[0].status, v.aid.map((a) => a.valueFen)], [80000, 'open', [30000, 50000]]);

  // 特困: monthly → due 2026-10-15, overdue on 2026-11-23. The other household: quarterly from 2026-10-01 → not yet.
  let due = must(await w.call(clerk, 'visits.due', {}));
  assert.deepEqual(
    due.map((d) => [d.head, d.everyMonths, d.dueOn, d.overdueDays]),
    [['孙大娘', 1, '2026-10-15', 39]],
  );
  must(await w.call(admin, 'cadence.save', { categoryCode: 'tekun', everyMonths: 3 }));
  due = must(await w.call(clerk, 'visits.due', {}));
  assert.deepEqual(due, []);
  assert.equal(
    refused(await w.call(clerk, 'cadence.save', { categoryCode: 'tekun', everyMonths: 1 })).code,
    'FORBIDDEN',
  );
  const cadre = must(await w.call(clerk, 'cadres.get', { id: li.id }));
  assert.deepEqual([cadre.households, cadre.due.length, cadre.overdue], [2, 2, 0]);

  assert.equal(
    refused(
      await w.call(clerk, 'visits.resolveProblem', {
        id: v.problems[0].id,
        resolvedOn: '2026-09-01',
        resolution: '已修',
      }),
    ).field,
    'resolvedOn',
  );
  must(
    await w.call(clerk, 'visits.resolveProblem', {
      id: v.problems[0].id,
      resolvedOn: '2026-10-10',
      resolution: '镇里出资修缮屋顶',
    }),
  );
  const list = must(await w.call(clerk, 'visits.list', { householdId: h.id }));
  assert.deepEqual(
    [list.total, list.rows[0].problems[0].status, list.rows[0].problems[0].resolvedOn],
    [1, 'resolved', '2026-10-10'],
  );
});

test('cards: gapless numbers, every printing recorded, reissue voids, a cadre change flags the card for reprint', async () => {
  const { w, clerk, li, wang, household } = await setup();
  const a = await household('孙大娘');
  const b = await household('钱大爷');
  must(
    await w.call(clerk, 'pairings.start', {
      householdId: a.id,
      cadreId: li.id,
      role: 'primary',
      fromDate: '2026-08-01',
    }),
  );
  const preview = must(await w.call(clerk, 'cards.prepare', { householdIds: [a.id, b.id] }));
  assert.deepEqual(
    preview.map((c) => [c.head, c.cardNo, c.cadreName]),
    [
      ['钱大爷', null, null],
      ['孙大娘', null, '李书记'],
    ],
    'area, then pinyin order',
  );
  assert.equal(w.count('service_cards'), 0, 'a preview issues nothing');
  // 钱大爷 has no 帮扶干部: his card would print 待确定, so the clerk is asked first and nothing goes out unasked.
  const audits = w.count('audit_log');
  for (const channel of ['cards.issue', 'cards.pdf'] as const) {
    const asked = refused(await w.call(clerk, channel, { householdIds: [a.id, b.id], format: 'a4' }));
    assert.equal(asked.code, 'CONFLICT');
    assert.equal(
      asked.message,
      '钱大爷尚未结对帮扶干部，卡上将印“帮扶干部：待确定”。请先在 结对帮扶 中结对，或确认仍要制卡',
    );
  }
  assert.deepEqual([w.count('service_cards'), w.count('card_printings'), w.count('audit_log')], [0, 0, audits]);
  const first = must(
    await w.call(clerk, 'cards.issue', { householdIds: [a.id, b.id], format: 'a4', withoutCadre: true }),
  );
  assert.match(
    w.one<{ after: string }>(`SELECT after FROM audit_log WHERE channel = 'cards.issue' ORDER BY id DESC LIMIT 1`)
      .after,
    /"withoutCadre":true/,
    'the answer is in the audit row',
  );
  assert.deepEqual(
    first.map((c) => [c.head, c.cardNo]),
    [
      ['钱大爷', '2026-000001'],
      ['孙大娘', '2026-000002'],
    ],
  );
  // Printing again reuses the numbers, and is recorded.
  const again = must(await w.call(clerk, 'cards.issue', { householdIds: [a.id], format: 'cr80' }));
  assert.equal(again[0].cardNo, '2026-000002');
  assert.equal(w.count('card_printings'), 3);
  // 补卡: a new number, the old one void.
  const re = must(
    await w.call(clerk, 'cards.issue', { householdIds: [b.id], format: 'cr80', reissue: true, withoutCadre: true }),
  );
  assert.equal(re[0].cardNo, '2026-000003');
  assert.deepEqual(w.one(`SELECT voided_on AS v, void_reason AS r FROM service_cards WHERE card_no = '2026-000001'`), {
    v: '2026-11-23',
    r: '补卡',
  });
  // The primary cadre changes: the card is flagged, listed for reprint, and reprinting issues a new number.
  must(
    await w.call(clerk, 'pairings.start', {
      householdId: a.id,
      cadreId: wang.id,
      role: 'primary',
      fromDate: '2026-11-20',
    }),
  );
  assert.deepEqual(must(await w.call(clerk, 'pairings.ofHousehold', { householdId: a.id })).card?.needsReprint, true);
  const due = must(await w.call(clerk, 'cards.list', { reprintOnly: true }));
  assert.deepEqual(
    due.rows.map((c) => [c.cardNo, c.head, c.cadreName]),
    [['2026-000002', '孙大娘', '李书记']],
  );
  const reprinted = must(await w.call(clerk, 'cards.issue', { reprintOnly: true, format: 'cr80' }));
  assert.deepEqual(
    reprinted.map((c) => [c.cardNo, c.cadreName, c.cadrePhone]),
    [['2026-000004', '王干事', '13900002222']],
  );
  assert.equal(must(await w.call(clerk, 'cards.list', { reprintOnly: true })).total, 0);
  assert.equal(w.one(`SELECT count(*) AS n FROM service_cards WHERE voided_on IS NULL`).n, 2);
  // No ID number anywhere in what a card carries.
  assert.doesNotMatch(JSON.stringify(reprinted), /\d{15,}/);
});
