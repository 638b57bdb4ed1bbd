// @dated (tests/tools/check-tests.mjs): run again under faketime by .ci/run
// 县级上报 on a real PostgreSQL (tests/unit/postgres.ts starts one on a temp directory and port): three township
// ledgers push to one county; the county's figures for each equal its own annual report to the fen; a second push
// sends nothing; kill -9 of either side mid-push converges; a township's role reaches only its own rows.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';

import type pg from 'pg';

import { newSession } from '../../main/core/dispatch';
import { Ledger } from '../../main/core/ledger';
import { importCarry, sealCarry, unsealCarry, writeCarry } from '../../main/county/carry';
import { crossChecks, revealId } from '../../main/county/checks';
import { completeness, countyPayments, totalsAgree } from '../../main/county/figures';
import { push, queueAll } from '../../main/county/push';
import { comparable, reportPayments, sameness } from '../../main/county/sameness';
import { countySections } from '../../main/county/sections';
import {
  applyChunk,
  carryKey,
  connectionOf,
  countyColumns,
  type Enrolment,
  migrateCounty,
  revokeTownship,
} from '../../main/county/store';
import { SYNCED } from '../../main/db/synced';
import { annualReport, reportSections } from '../../main/reports/reports';
import { maskIdNumber } from '../../shared/domain/idNumber';
import { dateCn } from '../../shared/domain/time';
import { childArgs } from './fixtures';
import { must, refused, type World, world } from './helpers';
import { type Postgres, startPostgres } from './postgres';
import { demoTownship, enrolWith, plantTwin } from './townships';

let pgs: Postgres;
let county: pg.Client;
before(async () => {
  pgs = await startPostgres();
  county = await pgs.admin();
  await migrateCounty(county);
});
after(async () => {
  await county.end();
  await pgs.stop();
});

// Over TLS, as the county's own server makes it: its CA in each enrolment file, verify-full on 127.0.0.1.
const township = (day: string) => demoTownship(day, enrolWith(county, { url: pgs.townshipUrl, ca: pgs.ca }));

/** The ledger's own annual report of a year, and the county's figures for it, in one comparable shape. */
const reportLines = (w: World, year: number) => reportPayments(annualReport(w.ledger.db, year, dateCn(w.clock.now())));
const countyLines = async (ledgerId: string, year: number) => comparable(await countyPayments(county, ledgerId, year));

/** Every synced table: its row count and a checksum of its keys, in the ledger and in the county's copy. */
async function copies(ledger: Ledger) {
  const local = SYNCED.map((s) => {
    const r = ledger.db
      .prepare(
        `SELECT count(*) AS n, group_concat(${s.key}, ',') AS k
          FROM (SELECT ${s.key} FROM ${s.table} ORDER BY ${s.key})`,
      )
      .get() as { n: number; k: string | null };
    return `${s.table}:${r.n}:${r.k ?? ''}`;
  });
  const remote: string[] = [];
  for (const s of SYNCED) {
    const { rows } = await county.query<{ n: string; k: string | null }>(
      `SELECT count(*) AS n, string_agg(${s.key}::text, ',' ORDER BY ${s.key}) AS k
        FROM county.${s.table}
        WHERE ledger_id = $1`,
      [ledger.id],
    );
    remote.push(`${s.table}:${rows[0].n}:${rows[0].k ?? ''}`);
  }
  return { local, remote };
}

const towns: { w: World; e: Enrolment; admin: ReturnType<typeof newSession> }[] = [];

test('three townships push to one county: its figures for each equal the township report to the fen; a second push sends nothing', async () => {
  for (const day of ['2026-08-20', '2026-10-09', '2026-11-23']) towns.push(await township(day));
  const year = 2026;
  for (const t of towns) {
    const before = must(await t.w.call(t.admin, 'county.state', {}));
    assert.ok(before.enrolled && before.backlog > 0 && before.lastPushAt === null);
    const r = must(await t.w.call(t.admin, 'county.push', {}));
    assert.ok(r.chunks >= 1);
    assert.equal(r.backlog, 0);
    const after = must(await t.w.call(t.admin, 'county.state', {}));
    assert.equal(after.backlog, 0);
    assert.ok(after.lastPushAt);
    assert.equal(t.w.count('outbox'), 0, 'what the county applied is pruned');
  }
  for (const t of towns) {
    const mine = reportLines(t.w, year);
    const theirs = await countyLines(t.w.ledger.id, year);
    assert.ok(mine.lines.length > 3);
    assert.deepEqual(theirs.lines, mine.lines);
    assert.deepEqual(theirs.reversals, mine.reversals);
    assert.deepEqual(theirs.byMonth, mine.byMonth);
    const { local, remote } = await copies(t.w.ledger);
    assert.deepEqual(remote, local);
  }
  // Each copy is complete: the township's census (count and checksum per table) equals the county's of its copy.
  const status = await completeness(county);
  for (const t of towns) {
    const c = status.find((x) => x.code === t.e.code)!;
    assert.ok(c.complete, `${c.name} complete`);
    assert.equal(c.tables.find((x) => x.table === 'payments')!.county.n, t.w.count('payments'));
  }
  // A row lost from a copy is seen, table by table.
  await county.query('BEGIN');
  await county.query(
    `DELETE FROM county.areas WHERE ledger_id = $1 AND id = (SELECT min(id) FROM county.areas WHERE ledger_id = $1)`,
    [towns[0].w.ledger.id],
  );
  const lost = (await completeness(county)).find((x) => x.code === towns[0].e.code)!;
  await county.query('ROLLBACK');
  assert.equal(lost.complete, false);
  assert.deepEqual(
    lost.tables.filter((x) => x.township!.n !== x.county.n).map((x) => x.table),
    ['areas'],
  );

  // The check page: each township's own report, sent with its census, equals the county's figures for it, every year
  // it paid in; a kept total changed behind the trigger's back shows as a difference on its month and its lines.
  // The report's other sections over each copy, by the township's own code: the same to the last line.
  for (const t of towns) {
    const today = dateCn(t.w.clock.now());
    const mine = reportSections(t.w.ledger.db, year, today);
    assert.ok(mine.applications.accepted > 0 && mine.registry.registeredAtEnd > 0);
    assert.ok(mine.pairing && mine.wishes && mine.suggestions && mine.disputes, 'the demo year has every section');
    assert.deepEqual(await countySections(county, t.w.ledger.id, year, today), mine);
  }
  const checked = await sameness(county);
  for (const t of towns) {
    const mine = checked.filter((x) => x.code === t.e.code);
    assert.ok(mine.some((x) => x.year === year));
    assert.deepEqual(
      mine.map((x) => [x.year, x.same, x.differences]),
      mine.map((x) => [x.year, true, []]),
    );
  }
  await county.query('BEGIN');
  await county.query(
    `UPDATE county.payment_totals
      SET fen = fen + 1
      WHERE ledger_id = $1
        AND month = $2
        AND NOT reversal
        AND (top_kind, area_id) = (
          SELECT top_kind, area_id
            FROM county.payment_totals
            WHERE ledger_id = $1
              AND month = $2
              AND NOT reversal
            LIMIT 1)`,
    [towns[0].w.ledger.id, `${year}-03`],
  );
  const off = (await sameness(county)).find((x) => x.code === towns[0].e.code && x.year === year)!;
  await county.query('ROLLBACK');
  assert.equal(off.same, false);
  assert.ok(
    off.differences.some((d) => d.what === `${year}-03 月` && d.county !== d.township),
    JSON.stringify(off),
  );
  assert.ok(off.differences.some((d) => d.what === '全部类别'));
  // A wish whose copy lost its fulfilment: the 微心愿 lines that count it differ, and nothing else.
  await county.query('BEGIN');
  await county.query(
    `UPDATE county.wishes
      SET status = 'claimed', fulfilled_on = NULL
      WHERE ledger_id = $1
        AND id = (
          SELECT min(id)
            FROM county.wishes
            WHERE ledger_id = $1
              AND status = 'fulfilled'
              AND collected_on >= $2)`,
    [towns[0].w.ledger.id, `${year}-01-01`],
  );
  const wish = (await sameness(county)).find((x) => x.code === towns[0].e.code && x.year === year)!;
  await county.query('ROLLBACK');
  assert.ok(wish.differences.length > 0);
  assert.ok(
    wish.differences.every((d) => d.what.startsWith('微心愿')),
    JSON.stringify(wish.differences),
  );
  assert.ok(
    wish.differences.some((d) => d.what === '微心愿 · total · fulfilled'),
    JSON.stringify(wish.differences),
  );

  // The county's total is the three townships' totals added.
  const all = await countyPayments(county, null, year);
  const total = all.lines.find((l) => l.kindCode === '' && l.areaId === 0)!;
  const sum = towns.map((t) => annualReport(t.w.ledger.db, year, dateCn(t.w.clock.now())).total);
  assert.equal(
    total.fen,
    sum.reduce((s, x) => s + x.fen, 0),
  );
  assert.equal(
    total.times,
    sum.reduce((s, x) => s + x.times, 0),
  );
  assert.equal(
    total.persons,
    sum.reduce((s, x) => s + x.persons, 0),
  );
  const fenBefore = total.fen;

  // Again: nothing to send, nothing changes.
  const again = await push(towns[0].w.ledger);
  assert.equal(again.chunks, 0);
  const still = await countyPayments(county, null, year);
  assert.equal(still.lines.find((l) => l.kindCode === '' && l.areaId === 0)!.fen, fenBefore);

  // An edit in the ledger arrives as the row's new state; a reversal arrives as a row of its own.
  const t0 = towns[0];
  const h = t0.w.one<{ id: number }>('SELECT id FROM households ORDER BY id LIMIT 1');
  t0.w.ledger.db.prepare(`UPDATE households SET head_name = '改名户' WHERE id = ?`).run(h.id);
  assert.equal(must(await t0.w.call(t0.admin, 'county.state', {})).backlog, 1);
  assert.equal((await push(t0.w.ledger)).chunks, 1);
  const { rows } = await county.query('SELECT head_name FROM county.households WHERE ledger_id = $1 AND id = $2', [
    t0.w.ledger.id,
    h.id,
  ]);
  assert.equal(rows[0].head_name, '改名户');
});

test('a township reaches only its own rows (row-level security, tested with its own role); a revoked key is refused', async () => {
  assert.ok(towns.length === 3, 'runs after the push test');
  const [a, b] = towns;
  const { default: pgModule } = await import('pg');
  const asA = new pgModule.Client(connectionOf(a.e.url, a.e.key, a.e.ca));
  await asA.connect();
  try {
    const seen = await asA.query('SELECT DISTINCT ledger_id FROM county.payments');
    assert.deepEqual(
      seen.rows.map((r) => r.ledger_id),
      [a.w.ledger.id],
    );
    const townships = await asA.query('SELECT code FROM county.townships');
    assert.deepEqual(
      townships.rows.map((r) => r.code),
      [a.e.code],
    );
    // Writing B's rows: refused by the policy, and nothing of B's changes.
    await assert.rejects(
      asA.query(`INSERT INTO county.areas (ledger_id, id, name, sort_order) VALUES ($1, 999, '冒名村', 1)`, [
        b.w.ledger.id,
      ]),
      /row-level security/,
    );
    const bAreas = await county.query('SELECT count(*) AS n FROM county.areas WHERE ledger_id = $1', [b.w.ledger.id]);
    const upd = await asA.query(`UPDATE county.areas SET name = '改' WHERE ledger_id = $1`, [b.w.ledger.id]);
    assert.equal(upd.rowCount, 0);
    // A township deletes nothing itself (DELETE would let it LOCK the table, 0005): it names rows in county.forgotten,
    // and names there only its own.
    await assert.rejects(
      asA.query(`DELETE FROM county.households WHERE ledger_id = $1`, [b.w.ledger.id]),
      /permission/,
    );
    await assert.rejects(
      asA.query(`INSERT INTO county.forgotten VALUES ($1, 'households', 'id', ARRAY['1'])`, [b.w.ledger.id]),
      /row-level security/,
    );
    assert.deepEqual(
      (await county.query('SELECT count(*) AS n FROM county.areas WHERE ledger_id = $1', [b.w.ledger.id])).rows,
      bAreas.rows,
    );
    // A chunk that claims B's ledger: refused whole, and A's sequence stays where it was.
    const types = await countyColumns(asA);
    const acked = Number((await asA.query('SELECT acked_seq FROM county.townships')).rows[0].acked_seq);
    await assert.rejects(
      applyChunk(asA, types, {
        ledgerId: b.w.ledger.id,
        from: acked,
        to: acked + 1,
        tables: [{ table: 'areas', rows: [{ id: 1, name: '冒名村', sort_order: 1 }], deleted: [] }],
      }),
      /另一本台账/,
    );
    assert.equal(Number((await asA.query('SELECT acked_seq FROM county.townships')).rows[0].acked_seq), acked);
    // The county's kept totals are written by its trigger alone.
    await assert.rejects(asA.query(`UPDATE county.payment_totals SET fen = 0`), /permission denied/);
    await assert.rejects(
      asA.query(`INSERT INTO county.payment_reach VALUES ($1, '2026', false, 'x', 1, 1, 1)`, [a.w.ledger.id]),
      /permission denied/,
    );
    // A posted payment is never changed in the county, even by its own township.
    await assert.rejects(
      asA.query(`UPDATE county.payments SET amount_fen = 1 WHERE ledger_id = $1`, [a.w.ledger.id]),
      /已过账的发放/,
    );
  } finally {
    await asA.end();
  }

  // A wrong key, then a revoked one: a clear message, the backlog kept for later.
  const c = towns[2];
  c.w.ledger.db.prepare(`UPDATE county_link SET key = 'wrong-key-wrong-key'`).run();
  c.w.ledger.db.prepare(`UPDATE areas SET sort_order = sort_order + 1`).run();
  assert.match(refused(await c.w.call(c.admin, 'county.push', {})).message, /不认这把登记密钥/);
  c.w.ledger.db.prepare(`UPDATE county_link SET key = ?`).run(c.e.key);
  await revokeTownship(county, c.e.code);
  assert.match(refused(await c.w.call(c.admin, 'county.push', {})).message, /不认这把登记密钥|停用/);
  const state = must(await c.w.call(c.admin, 'county.state', {}));
  assert.ok(state.backlog > 0);
  assert.match(state.lastError ?? '', /密钥|停用/);
});

test('an enrolment file is taken once, and a file that is not one is refused at the field', async () => {
  const t = towns[0];
  const again = refused(await t.w.call(t.admin, 'county.enrol', { fileName: 'enrol.json', text: JSON.stringify(t.e) }));
  assert.match(again.message, /已登记/);
  const w = await world();
  const admin = await w.admin();
  for (const text of [
    '{ not json',
    JSON.stringify({ ...t.e, role: 'postgres' }),
    JSON.stringify({ ...t.e, code: '123' }),
  ]) {
    const r = refused(await w.call(admin, 'county.enrol', { fileName: 'x.json', text }));
    assert.equal(r.field, 'file');
    assert.match(r.message, /不是县民政局发放的登记文件/);
  }
  assert.equal(w.count('county_link'), 0);
  // The same file in a second ledger: the county has bound it to the first.
  must(await w.call(admin, 'county.enrol', { fileName: 'enrol.json', text: JSON.stringify(t.e) }));
  assert.match(refused(await w.call(admin, 'county.push', {})).message, /另一本台账/);
});

/** A push of `file` in a child, killed `killAfterMs` after it says "pushing" (never, if null); its time if it ended. */
async function childPush(file: string, killAfterMs: number | null): Promise<number | null> {
  const args = await childArgs(path.join(__dirname, 'children/push.ts'));
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...args, file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.stdout.on('data', (d) => {
      out += d;
      if (killAfterMs !== null && out.includes('pushing\n')) setTimeout(() => p.kill('SIGKILL'), killAfterMs);
    });
    p.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) return reject(new Error(`child failed (${code}): ${err}`));
      const ms = /pushed in (\d+) ms/.exec(out);
      resolve(ms ? Number(ms[1]) : null);
    });
  });
}

test('kill -9 of the township or of the county server mid-push ×10: the next push converges, nothing lost or doubled', async () => {
  const t = towns[1];
  const file = t.w.ledger.file;
  const keys = t.w.ledger.keys;
  await t.w.ledger.close({ backup: false });
  const open = () => Ledger.open(file, { clock: t.w.clock.now, keys });
  let ledger = await open();
  const payments = (ledger.db.prepare('SELECT count(*) AS n FROM payments').get() as { n: number }).n;
  const outbox = () => (ledger.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
  const cut = { killed: 0, township: 0, county: 0 };
  // How long the whole burst takes to push from a child: the kills land at random within that.
  queueAll(ledger.db);
  await ledger.close({ backup: false });
  const whole = (await childPush(file, null))!;
  ledger = await open();
  for (let round = 0; round < 10; round++) {
    // A burst of changes: every row the county keeps queued again (as an enrolment does), plus one new area.
    ledger.db.prepare(`INSERT INTO areas (name, sort_order) VALUES (?, 99)`).run(`新村${round}`);
    queueAll(ledger.db);
    const backlog = outbox();
    if (round % 2 === 0) {
      // The township's process dies: the server rolls back the transaction it had open.
      await ledger.close({ backup: false });
      if ((await childPush(file, Math.floor(Math.random() * whole))) === null) cut.killed++;
      ledger = await open();
      const left = outbox();
      if (left > 0 && left < backlog) cut.township++;
    } else {
      // The county's server dies under the push, after 0 to 2 of its chunks, and comes back.
      const countyAcked = async () =>
        Number(
          (await county.query('SELECT acked_seq FROM county.townships WHERE ledger_id = $1', [ledger.id])).rows[0]
            .acked_seq,
        );
      const start = await countyAcked();
      const after = Math.floor(Math.random() * 3);
      const pushing = push(ledger, { lines: 400 }).then(
        () => null,
        (e: Error) => e,
      );
      let done = false;
      void pushing.then(() => (done = true));
      while (!done && (await countyAcked()) < start + after * 400) await new Promise((r) => setTimeout(r, 2));
      pgs.kill();
      const failed = await pushing;
      if (failed) {
        assert.match(failed.message, /连不上|上报没有完成/);
        cut.county++;
      }
      await pgs.start();
      await county.end().catch(() => {});
      county = await pgs.admin();
    }
    await push(ledger);
    const { local, remote } = await copies(ledger);
    assert.deepEqual(remote, local, `round ${round}`);
    assert.ok(await totalsAgree(county, ledger.id), `round ${round}: the kept totals equal a recount`);
    assert.equal(outbox(), 0);
  }
  const { rows } = await county.query('SELECT count(*) AS n FROM county.payments WHERE ledger_id = $1', [ledger.id]);
  assert.equal(Number(rows[0].n), payments);
  await ledger.close({ backup: false });
  console.log(
    `# a child push takes ${whole} ms; township kills before its end: ${cut.killed} of 5, after its first chunk: ` +
      `${cut.township}; pushes cut by the server's kill: ${cut.county} of 5`,
  );
  assert.ok(cut.county >= 3, 'the server is killed while its push is still sending');
});

test('the offline file carries what a push would, with the same effect; a tampered or foreign file is refused whole', async () => {
  const t = await township('2026-07-20');
  const file = writeCarry(t.w.ledger, 700);
  assert.ok(file.chunks > 1);
  const before = must(await t.w.call(t.admin, 'county.state', {}));
  const got = await importCarry(county, file.data);
  assert.deepEqual([got.applied, got.skipped, got.acked], [file.chunks, 0, file.to]);
  const { local, remote } = await copies(t.w.ledger);
  assert.deepEqual(remote, local);
  const mine = reportLines(t.w, 2026);
  const theirs = await countyLines(t.w.ledger.id, 2026);
  assert.deepEqual(theirs, mine);
  // Again: every chunk is already there. Each import is in the county's audit log.
  assert.deepEqual((await importCarry(county, file.data)).applied, 0);
  const imported = await county.query(`SELECT detail FROM county.audit_log WHERE action = 'carry' ORDER BY id`);
  assert.deepEqual(
    imported.rows.map((r) => [r.detail.code, r.detail.applied]),
    [
      [t.e.code, file.chunks],
      [t.e.code, 0],
    ],
  );
  // The ledger learns at its next push that the county has it all: nothing is sent twice.
  assert.equal(before.backlog > 0, true);
  assert.equal((await push(t.w.ledger)).chunks, 0);
  assert.equal(t.w.count('outbox'), 0);

  // A changed amount under the same signature; a file claiming another township; a township this county never enrolled.
  t.w.ledger.db.prepare(`INSERT INTO areas (name, sort_order) VALUES ('离线村', 50)`).run();
  const next = writeCarry(t.w.ledger);
  const key = carryKey(t.e.key);
  const outer = unsealCarry(key, next.data) as { body: string; mac: string };
  assert.ok(!next.data.includes(Buffer.from('离线村')), 'the file is encrypted');
  const forged = (body: string, code = t.e.code) => sealCarry(key, code, { body, mac: outer.mac });
  const acked = async () =>
    Number(
      (await county.query('SELECT acked_seq FROM county.townships WHERE code = $1', [t.e.code])).rows[0].acked_seq,
    );
  const stood = await acked();
  await assert.rejects(importCarry(county, forged(outer.body.replace('离线村', '冒名村'))), /签名不对/);
  const other = towns[0].e.code;
  await assert.rejects(importCarry(county, forged(outer.body.replaceAll(t.e.code, other), other)), /签名不对/);
  await assert.rejects(importCarry(county, forged(outer.body, '999999999999')), /别的县/);
  const flipped = Buffer.from(next.data);
  flipped[flipped.length - 1] ^= 1;
  await assert.rejects(importCarry(county, flipped), /签名不对/);
  await assert.rejects(importCarry(county, Buffer.from('not a file')), /不是乡镇导出的离线报送文件/);
  assert.equal(await acked(), stood, 'nothing applied');
  assert.equal((await importCarry(county, next.data)).applied, 1);
  const { rows } = await county.query(`SELECT name FROM county.areas WHERE ledger_id = $1 AND name = '离线村'`, [
    t.w.ledger.id,
  ]);
  assert.equal(rows.length, 1);
});

test('cross-township checks: nothing in clean townships; a planted person paid twice, registered twice and sharing an account is found', async () => {
  const a = towns[0];
  const b = await township('2026-07-10');
  await push(b.w.ledger);
  assert.deepEqual(await crossChecks(county, 2026), [], 'the demo townships share nobody');
  const paid = plantTwin(a.w, b.w);
  await push(b.w.ledger);
  const hits = await crossChecks(county, 2026);
  // One row per person (paid twice and registered twice) and one per account.
  assert.deepEqual(hits.map((h) => h.kinds.join('+')).sort(), ['paidTwice+registeredTwice', 'sharedAccount']);
  for (const h of hits) {
    assert.deepEqual(h.townships, [a.e.township, b.e.township].sort());
    assert.ok(!h.shown.includes(paid.idNumber) && !h.shown.includes(paid.account), 'masked');
  }
  const twice = hits.find((h) => h.subject === 'person')!;
  assert.equal(twice.shown, maskIdNumber(paid.idNumber));
  assert.match(twice.detail, new RegExp(paid.paidOn.slice(0, 7)));
  assert.equal(hits.find((h) => h.subject === 'account')!.shown, `****${paid.account.slice(-4)}`);
  // The reveal: the full number for county staff, and a row in the county's audit log that does not hold it.
  const before = Number((await county.query('SELECT count(*) AS n FROM county.audit_log')).rows[0].n);
  const shown = await revealId(county, { year: 2026, key: twice.key }, '重复享受核查', '县里', () => {});
  assert.equal(shown.idNumber, paid.idNumber);
  const { rows } = await county.query('SELECT action, detail::text AS detail FROM county.audit_log ORDER BY id');
  assert.equal(rows.length, before + 1);
  assert.equal(rows.at(-1).action, 'reveal');
  assert.ok(!rows.at(-1).detail.includes(paid.idNumber));
});
