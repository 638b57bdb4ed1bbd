// --demo: a fictional township's year walked through the dispatcher, into an empty ledger only; every screen opens
// on rows, and the year report's figures are those of independent SQL over the same ledger.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';

import { parseOptions } from '../../main/cli';
import { newSession } from '../../main/core/dispatch';
import { demoPlace } from '../../main/demo/fictional';
import { DEMO_PASSWORD, demoYear, seedDemo } from '../../main/demo/year';
import type { Channel, Input } from '../../shared/contract';
import { parseIdNumber } from '../../shared/domain/idNumber';
import { demoWorld } from './fixtures';
import { must, world } from './helpers';

test('the demo year: every state, every screen with rows, figures equal to SQL; refused on a ledger with data', async (t) => {
  const w = await world();
  const started = performance.now();
  const r = await seedDemo(w.ledger, w.clock.now());
  const ms = performance.now() - started;
  assert.ok(r, 'seeded');
  assert.ok(ms < 15_000, `the demo took ${Math.round(ms)} ms`);
  t.diagnostic(`demo year seeded in ${Math.round(ms)} ms: ${JSON.stringify(r)}`);
  const year = demoYear('2026-11-23');
  assert.equal(year, 2026);
  assert.deepEqual([w.count('areas'), w.count('households')], [8, 300]);
  const ids = w.ledger.db.prepare('SELECT id_number AS id FROM persons').all() as { id: string }[];
  assert.ok(
    ids.every((p) => parseIdNumber(p.id, '2026-11-23').ok && p.id.startsWith('990101')),
    'fictional numbers',
  );

  // Every workflow state but 办结 (no case is closed by hand in the demo), and every relief kind a township uses.
  const states = new Set(
    (w.ledger.db.prepare('SELECT DISTINCT state FROM applications').all() as { state: string }[]).map((s) => s.state),
  );
  for (const s of ['accepted', 'investigated', 'publicized', 'approved', 'rejected', 'withdrawn', 'paid'])
    assert.ok(states.has(s), `a case ${s}`);
  const one = <T = { n: number }>(sql: string, ...args: unknown[]) => w.one<T>(sql, ...args);
  assert.ok(one(`SELECT count(*) AS n FROM application_steps WHERE action = 'object'`).n >= 1, 'an objection');
  assert.ok(one(`SELECT count(*) AS n FROM applications WHERE urgent = 1`).n >= 2, '先行救助');
  assert.ok(
    one(`SELECT count(*) AS n FROM payments WHERE batch_id IS NULL AND reverses_id IS NULL`).n >= 30,
    'single payments',
  );
  assert.ok(one(`SELECT count(*) AS n FROM payments WHERE cause = 'bank_failed'`).n >= 2, 'bank failures');
  assert.ok(one(`SELECT count(*) AS n FROM payments WHERE note LIKE '补发%'`).n >= 2, 're-issued');
  assert.ok(one(`SELECT count(*) AS n FROM payments WHERE cause = 'manual'`).n >= 1, 'a reversal');
  assert.equal(
    one(`SELECT count(*) AS n FROM payroll_batches WHERE state = 'posted'`).n,
    10,
    'a batch for each past month',
  );
  assert.ok(one(`SELECT count(*) AS n FROM closed_months`).n >= 1, 'a closed month');
  assert.ok(one(`SELECT count(*) AS n FROM service_cards WHERE voided_on IS NOT NULL`).n >= 1, 'a card re-issued');
  assert.ok(one(`SELECT count(*) AS n FROM visit_aid`).n > 50, 'aid');

  // The demo's staff sign in with the password the sign-in screen shows.
  const shown = must(await w.call(newSession(), 'setup.state', {}));
  assert.equal(shown.demo?.password, DEMO_PASSWORD);
  // The key file holds a flag only: the password is the demo's constant, shown from its code.
  const keyText = fs.readFileSync(w.ledger.keys.file, 'utf8');
  assert.ok(!keyText.includes(DEMO_PASSWORD), 'the demo password is not in the key file');
  const seat = async (username: string) => {
    const s = newSession();
    must(await w.call(s, 'session.signIn', { username, password: DEMO_PASSWORD }));
    return s;
  };
  const admin = await seat('admin');
  const clerk = await seat('shouli');

  // Every screen's first query has rows.
  const first: [Channel, Record<string, unknown>][] = [
    ['households.list', {}],
    ['applications.list', {}],
    ['payments.list', {}],
    ['payroll.list', {}],
    ['cadres.list', {}],
    ['visits.list', {}],
    ['cards.list', {}],
    ['wishes.list', {}],
    ['suggestions.list', {}],
    ['disputes.list', {}],
    ['audit.list', {}],
  ];
  for (const [channel, input] of first) {
    const page = must(await w.call(admin, channel, input as Input<typeof channel>)) as { total: number };
    assert.ok(page.total > 0, `${channel} has rows`);
  }
  const due = must(await w.call(clerk, 'applications.due', {}));
  assert.ok(due.overdue.length > 0 && due.dueSoon.length > 0, '首页 shows cases due and overdue');
  assert.ok(must(await w.call(clerk, 'visits.due', {})).length > 0, '首页 shows visits due');
  assert.ok(must(await w.call(clerk, 'months.list', {})).length > 0);

  // The year report against SQL written here, not the report's own queries.
  const report = must(await w.call(clerk, 'reports.annual', { year }));
  const span = [`${year}-01-01`, `${year}-12-31`];
  const paid = one<{ times: number; fen: number; persons: number; households: number }>(
    `SELECT count(*) AS times, sum(amount_fen) AS fen, count(DISTINCT person_id) AS persons,
       count(DISTINCT household_id) AS households
     FROM payments
     WHERE reverses_id IS NULL AND paid_on BETWEEN ? AND ?`,
    ...span,
  );
  assert.deepEqual(
    {
      times: report.total.times,
      fen: report.total.fen,
      persons: report.total.persons,
      households: report.total.households,
    },
    paid,
  );
  const reversed = one<{ times: number; fen: number }>(
    `SELECT count(*) AS times, sum(amount_fen) AS fen
      FROM payments
      WHERE reverses_id IS NOT NULL AND paid_on BETWEEN ? AND ?`,
    ...span,
  );
  assert.deepEqual(report.reversals, reversed);
  for (const k of report.byKind.filter((x) => x.times > 0))
    assert.equal(
      k.fen,
      one(
        `SELECT sum(amount_fen) AS n
          FROM payments
          WHERE reverses_id IS NULL AND top_kind = ? AND paid_on BETWEEN ? AND ?`,
        k.kindCode,
        ...span,
      ).n,
      k.kind,
    );
  assert.equal(
    report.applications.accepted,
    one(`SELECT count(*) AS n FROM applications WHERE accepted_on BETWEEN ? AND ?`, ...span).n,
  );
  assert.equal(
    report.pairing?.visits,
    one(`SELECT count(*) AS n FROM visits WHERE visited_on BETWEEN ? AND ?`, ...span).n,
  );
  assert.equal(
    report.pairing?.aidFen,
    one(
      `SELECT sum(value_fen) AS n
        FROM visit_aid
        JOIN visits v ON v.id = visit_id
        WHERE visited_on BETWEEN ? AND ?`,
      ...span,
    ).n,
  );
  assert.equal(
    report.pairing?.cardsIssued,
    one(`SELECT count(*) AS n FROM service_cards WHERE issued_on BETWEEN ? AND ?`, ...span).n,
  );
  assert.match(report.summary, new RegExp(`^${year}年`));
  assert.match(report.summary, /医疗救助（大病）/);
  assert.match(report.summary, /征集群众微心愿\d+个/);
  assert.match(report.summary, /收集群众意见建议\d+条/);

  // 群众服务: servers of every type; wishes and suggestions in every state, some late, some still open today.
  const statuses = (table: string) =>
    new Set(
      (w.ledger.db.prepare(`SELECT DISTINCT status FROM ${table}`).all() as { status: string }[]).map((x) => x.status),
    );
  assert.deepEqual(
    [...statuses('wishes')].sort(),
    ['accepted', 'claimed', 'collected', 'declined', 'fulfilled', 'withdrawn'].sort(),
  );
  assert.deepEqual([...statuses('suggestions')].sort(), ['assigned', 'closed', 'collected'].sort());
  assert.equal(one(`SELECT count(DISTINCT kind) AS n FROM cadres`).n, 5);
  assert.ok(report.wishes!.total.overdue > 0 && report.suggestions!.total.overdue > 0, 'some were late');
  assert.ok(one(`SELECT count(*) AS n FROM wish_claims WHERE unit IS NOT NULL`).n > 0, 'units claim too');
  assert.ok(one(`SELECT count(*) AS n FROM suggestions WHERE revisit IS NOT NULL`).n > 0, 'revisits');

  // 矛盾纠纷调解: every result, numbered agreements, follow-ups; today one due soon, one overdue, one unvisited.
  assert.deepEqual([...statuses('disputes')].sort(), ['failed', 'open', 'settled', 'transferred', 'withdrawn']);
  assert.ok(report.disputes!.total.written > 5 && report.disputes!.total.oral > 0, 'agreements of both kinds');
  assert.equal(
    one(`SELECT max(agreement_seq) AS n FROM disputes WHERE agreement_year = 2026`).n,
    one(`SELECT count(*) AS n FROM disputes WHERE agreement_year = 2026`).n,
    'agreement numbers without a gap',
  );
  assert.ok(one(`SELECT count(*) AS n FROM dispute_followups`).n > 5, 'follow-ups');
  const open = async (f: Input<'disputes.list'>) => must(await w.call(clerk, 'disputes.list', f)).total;
  assert.ok((await open({ dueWithin: 5 })) >= 2 && (await open({ overdue: true })) >= 1, 'due and overdue today');
  assert.ok((await open({ unvisited: true })) >= 1, 'an agreement waiting for its follow-up');
  assert.match(report.summary, /排查调处各类矛盾纠纷\d+件，调解成功\d+件/);

  // Never into a ledger that holds data: nothing is added.
  const before = w.count('audit_log');
  assert.equal(await seedDemo(w.ledger, w.clock.now()), null);
  assert.equal(w.count('audit_log'), before);
});

test('the demo is all or nothing: a step refused halfway leaves the ledger as it was', async () => {
  const w = await world();
  const tables = ['households', 'staff', 'applications', 'payments', 'audit_log', 'settings'];
  const before = tables.map((t) => w.count(t));
  // Here a trigger refuses every visit, which the demo records from February on.
  w.ledger.db.exec(`CREATE TRIGGER no_visits BEFORE INSERT ON visits BEGIN SELECT RAISE(ABORT, 'refused'); END`);
  await assert.rejects(seedDemo(w.ledger, w.clock.now()), /refused/);
  assert.deepEqual(
    tables.map((t) => w.count(t)),
    before,
  );
  assert.equal(w.ledger.db.inTransaction, false);
});

test('--demo=NAME: demo townships of other names share no person, account, phone or village with each other', async () => {
  assert.deepEqual(parseOptions(['--demo=白沙镇', '--db', '/x']).demo, { township: '白沙镇' });
  assert.deepEqual(parseOptions(['--demo', '--db', '/x']).demo, {});
  assert.equal(parseOptions(['--db', '/x']).demo, false);
  assert.throws(() => parseOptions(['--demo=', '--db', '/x']), /演示乡镇的名称/);
  // Five names a county demo would use: five places (the same name is the same place: demoPlace reads the name alone).
  const names = ['白沙镇', '龙潭乡', '枫林', '城南街道', '青山镇'];
  const places = names.map((n) => demoPlace(n));
  assert.deepEqual(demoPlace('白沙镇'), places[0]);
  assert.equal(new Set(places.map((p) => p.region)).size, 5, 'five regions');
  assert.equal(places[2].center, '枫林镇便民服务中心（演示）');
  for (const p of places) assert.match(p.region, /^99\d{4}$/);
  assert.notEqual(places[4].region, demoPlace().region, 'a township named 青山镇 is not the default demo');

  // Two named townships and the default one, seeded in full: nobody, no account and no phone in two of them.
  const seeded = await Promise.all(
    [undefined, '白沙镇', '龙潭乡'].map(async (township) => {
      const w = await demoWorld({ township });
      const list = (sql: string) => (w.ledger.db.prepare(sql).pluck().all() as string[]).filter(Boolean);
      return {
        center: w.one<{ v: string }>(`SELECT value AS v FROM settings WHERE key = 'center'`).v,
        areas: list('SELECT name FROM areas'),
        ids: list('SELECT id_number FROM persons'),
        accounts: list('SELECT account FROM households'),
        phones: list('SELECT phone FROM households UNION SELECT phone FROM cadres'),
        names: list('SELECT name FROM persons'),
      };
    }),
  );
  assert.match(seeded[1].center, /白沙镇便民服务中心（演示）/);
  assert.match(seeded[2].center, /龙潭乡便民服务中心（演示）/);
  for (let a = 0; a < seeded.length; a++)
    for (let b = a + 1; b < seeded.length; b++) {
      const shared = (k: 'areas' | 'ids' | 'accounts' | 'phones') =>
        seeded[a][k].filter((x) => new Set(seeded[b][k]).has(x)).length;
      assert.deepEqual(
        { ids: shared('ids'), accounts: shared('accounts'), phones: shared('phones') },
        { ids: 0, accounts: 0, phones: 0 },
        `townships ${a} and ${b}`,
      );
      assert.ok(shared('areas') < 4, `townships ${a} and ${b} have villages of their own`);
      // Different people, not the same people renumbered: most names differ too.
      const sameNames = seeded[a].names.filter((x, i) => seeded[b].names[i] === x).length;
      assert.ok(sameNames < seeded[a].names.length / 10, `${sameNames} names in the same place`);
    }
  for (const s of seeded) assert.deepEqual([s.areas.length, new Set(s.ids).size === s.ids.length], [8, true]);
});
