// @dated (tests/tools/check-tests.mjs): run again under faketime by .ci/run
// 县级上报 exact after restores and offline months (issue 32), on a real PostgreSQL: a year of monthly USB trips with
// files lost, repeated and out of order and the county's database restored under them; a township ledger restored
// from its own backup; the county's database restored with pg_dump/pg_restore; a change of the same length found
// by the census's hash; and no false 不一致 after ordinary work. Each ends with the county's copy equal to the
// township's synced tables row for row.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';

import type pg from 'pg';

import { importCarry } from '../../main/county/carry';
import { completeness, totalsAgree } from '../../main/county/figures';
import { push } from '../../main/county/push';
import { makeReceipt } from '../../main/county/receipt';
import { sameness } from '../../main/county/sameness';
import { countySections } from '../../main/county/sections';
import { SYNCED } from '../../main/db/synced';
import { reportSections } from '../../main/reports/reports';
import { dateCn } from '../../shared/domain/time';
import { must, refused, tempDir, type World } from './helpers';
import { type Postgres, startCounty } from './postgres';
import { demoTownship, enrolWith, type Township } from './townships';

let pgs: Postgres;
let county: pg.Client;
before(async () => ({ pgs, county } = await startCounty()));
after(async () => {
  await county.end();
  await pgs.stop();
});

const township = (day: string) => demoTownship(day, enrolWith(county, pgs.url));

/** A row as text, whatever the engine gave (PostgreSQL's bigint arrives as a string). */
const canon = (r: unknown[]) => JSON.stringify(r.map((v) => (v === null ? null : String(v))));

/**
 * The county's copy against the ledger's synced tables, every column of every row: per table the rows only the
 * ledger has and those only the county has (empty when they are equal).
 */
async function unequal(w: World): Promise<Record<string, { ledgerOnly: string[]; countyOnly: string[] }>> {
  const out: Record<string, { ledgerOnly: string[]; countyOnly: string[] }> = {};
  for (const s of SYNCED) {
    const cols = s.columns.join(', ');
    const mine = (w.ledger.db.prepare(`SELECT ${cols} FROM ${s.table}`).raw().all() as unknown[][]).map(canon);
    const { rows } = await county.query<unknown[]>({
      text: `SELECT ${cols} FROM county.${s.table} WHERE ledger_id = $1`,
      values: [w.ledger.id],
      rowMode: 'array',
    });
    const theirs = rows.map(canon);
    const [a, b] = [new Set(mine), new Set(theirs)];
    const ledgerOnly = mine.filter((r) => !b.has(r));
    const countyOnly = theirs.filter((r) => !a.has(r));
    if (ledgerOnly.length || countyOnly.length || mine.length !== theirs.length)
      out[s.table] = { ledgerOnly: ledgerOnly.slice(0, 3), countyOnly: countyOnly.slice(0, 3) };
  }
  return out;
}

async function assertEqual(t: Township, what: string) {
  assert.deepEqual(await unequal(t.w), {}, what);
  assert.ok(await totalsAgree(county, t.w.ledger.id), `${what}: the kept totals equal a recount`);
}

/** A cash payment to the ledger's first paid person, of `fen`, today: the voucher number it took. */
function pay(w: World, fen: number): number {
  const y = w.one<Record<string, string | number>>(
    `SELECT application_id, household_id, person_id, area_id, kind_code, top_kind
      FROM payments
      WHERE reverses_id IS NULL
      ORDER BY id
      LIMIT 1`,
  );
  return Number(
    w.ledger.db
      .prepare(
        `INSERT INTO payments (application_id, household_id, person_id, area_id, kind_code, top_kind, amount_fen,
            paid_on, method, posted_by, posted_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'cash', 1, ?)`,
      )
      .run(
        y.application_id,
        y.household_id,
        y.person_id,
        y.area_id,
        y.kind_code,
        y.top_kind,
        fen,
        dateCn(w.clock.now()),
        w.clock.now().toISOString(),
      ).lastInsertRowid,
  );
}

/**
 * A month's ordinary work, written as the app would: a village made and one made two months ago removed again, a
 * household's head renamed, a payment, a pick list reordered (a group the county replaces whole).
 */
function monthOfWork(w: World, i: number): void {
  const db = w.ledger.db;
  db.transaction(() => {
    db.prepare(`INSERT INTO areas (name, sort_order) VALUES (?, ?)`).run(`第${i}月新村`, 100 + i);
    db.prepare(`DELETE FROM areas WHERE name = ?`).run(`第${i - 2}月新村`);
    db.prepare(`UPDATE households SET head_name = ? WHERE id = (SELECT min(id) FROM households)`).run(`户主${i}`);
    db.prepare(`UPDATE choices SET sort_order = sort_order + 1 WHERE list = (SELECT min(list) FROM choices)`).run();
    pay(w, 10_000 + i);
  })();
}

/** pg_dump of the county's schema now; the function puts it back (pg_restore), as a county restoring its backup. */
function countyBackup(): () => Promise<void> {
  const file = path.join(tempDir(), 'county.dump');
  execFileSync('pg_dump', ['--dbname', pgs.url, '--format=custom', '--schema=county', '--file', file]);
  return async () => {
    await county.query('DROP SCHEMA county CASCADE');
    execFileSync('pg_restore', ['--dbname', pgs.url, '--single-transaction', file]);
  };
}

const ackedAt = async (code: string) =>
  Number((await county.query('SELECT acked_seq FROM county.townships WHERE code = $1', [code])).rows[0].acked_seq);

test('a year of monthly USB trips: files lost, repeated and out of order, the county restored under them; the copy ends equal row for row', async () => {
  const t = await township('2026-07-20');
  const files: Buffer[] = [];
  const carry = async (i: number) => {
    monthOfWork(t.w, i);
    const f = must(await t.w.call(t.admin, 'county.carry', {}));
    assert.match(f.fileName, new RegExp(`离线报送第${i}批`));
    files[i] = Buffer.from(f.base64, 'base64');
    return files[i];
  };
  const bring = (i: number) => importCarry(county, files[i]);
  const receipt = async () => (await makeReceipt(county, t.e.code)).text;
  const load = async (text: string) =>
    must(await t.w.call(t.admin, 'county.receipt', { fileName: 'x.bmreceipt', text }));
  const carried = async () => must(await t.w.call(t.admin, 'county.state', {})).carried.map((c) => c.batch);

  // 1: taken, and its 回执 brought back. 2: lost on the way; 3 holds it.
  await carry(1);
  assert.equal((await bring(1)).applied > 0, true);
  assert.equal((await load(await receipt())).outcome, 'acked');
  assert.deepEqual(await carried(), []);
  await carry(2);
  await carry(3);
  assert.deepEqual(await carried(), [2, 3]);
  const third = await bring(3);
  assert.deepEqual([third.batch, third.skipped], [3, 0]);
  const r3 = await receipt();
  // A 回执 changed on the way (a larger number, which would prune what the county lacks) is refused at the field.
  const forged = JSON.parse(r3) as { body: string; mac: string };
  forged.body = forged.body.replace(/"acked":(\d+)/, (_, n: string) => `"acked":${Number(n) + 1000}`);
  const text = JSON.stringify(forged);
  const bad = refused(await t.w.call(t.admin, 'county.receipt', { fileName: 'x.bmreceipt', text }));
  assert.equal(bad.field, 'file');
  assert.match(bad.message, /回执的签名不对/);
  // 4 carried twice: the second time nothing is new, and nothing is refused.
  await carry(4);
  assert.ok((await bring(4)).applied > 0);
  const again = await bring(4);
  assert.deepEqual([again.applied, again.acked], [0, await ackedAt(t.e.code)]);
  assert.ok(again.skipped > 0);
  // 5 and 6 arrive the wrong way round: 6 holds 5, which then brings nothing new. The 回执 of 6, then the older
  // one of 3, which changes nothing.
  await carry(5);
  await carry(6);
  assert.ok((await bring(6)).applied > 0);
  const fifth = await bring(5);
  assert.deepEqual([fifth.applied, fifth.batch], [0, 5]);
  assert.equal((await load(await receipt())).outcome, 'acked');
  assert.deepEqual(await carried(), []);
  assert.equal((await load(r3)).outcome, 'stale');
  await assertEqual(t, 'after six trips');

  // The county's database is restored from a backup made before 7 arrived: 7's 回执 had reached the township, so
  // its next file starts after what the county now has. Refused whole, naming the batch the county lacks.
  const restore = countyBackup();
  await carry(7);
  await bring(7);
  await load(await receipt());
  await restore();
  await carry(8); // lost
  await carry(9);
  const stood = await ackedAt(t.e.code);
  await assert.rejects(bring(9), /缺少第 7 批，请乡镇补导/);
  assert.equal(await ackedAt(t.e.code), stood, 'nothing of 9 applied');
  // The 回执 after the refusal: the township sees the county behind what it was told, and its next file sends all.
  const resend = await load(await receipt());
  assert.equal(resend.outcome, 'resend');
  assert.match(resend.said, /县里的汇总库从备份恢复过/);
  assert.ok(must(await t.w.call(t.admin, 'county.state', {})).resending);
  await carry(10);
  const tenth = await bring(10);
  assert.ok(tenth.applied > 0);
  await assert.rejects(bring(9), /已作废/);
  await assertEqual(t, 'after the full resend');
  // 11 lost, 12 taken: the year ends with the county equal to the ledger, nothing left to acknowledge.
  await carry(11);
  await carry(12);
  await bring(12);
  assert.equal((await load(await receipt())).outcome, 'acked');
  const state = must(await t.w.call(t.admin, 'county.state', {}));
  assert.deepEqual([state.carried, state.backlog, state.resending], [[], 0, false]);
  await assertEqual(t, 'after a year');
  const notes = await county.query(`SELECT body FROM county.notes WHERE township = $1`, [t.e.code]);
  assert.equal(notes.rows.length, 1);
  assert.match(notes.rows[0].body, /县级汇总库从备份恢复过/);
});

test("a ledger restored from its own backup: the county keeps its old copy as history, takes every row again, and ends equal to the ledger's", async () => {
  const t = await township('2026-08-20');
  await push(t.w.ledger);
  const backup = must(await t.w.call(t.admin, 'backup.create', {}));
  // After the backup: work the county receives, and the restore then undoes.
  const lost = pay(t.w, 77_700);
  monthOfWork(t.w, 1);
  await push(t.w.ledger);
  const rows = async () =>
    Number(
      (await county.query('SELECT count(*) AS n FROM county.payments WHERE ledger_id = $1', [t.w.ledger.id])).rows[0].n,
    );
  const before = await rows();
  must(await t.w.call(t.admin, 'backup.restore', { file: backup.file }));
  assert.equal(t.w.one(`SELECT count(*) AS n FROM payments WHERE id = ?`, lost).n, 0, 'the restore undid it');
  // Work after the restore: the payment takes the same voucher number, for another amount.
  assert.equal(pay(t.w, 55_500), lost);
  monthOfWork(t.w, 2);
  const r = await push(t.w.ledger);
  assert.equal(r.backlog, 0);
  await assertEqual(t, 'after the restore');
  const { rows: paid } = await county.query('SELECT amount_fen FROM county.payments WHERE ledger_id = $1 AND id = $2', [
    t.w.ledger.id,
    lost,
  ]);
  assert.deepEqual(paid, [{ amount_fen: '55500' }]);
  // The old copy, whole, under the 纪元 that ended; the county's note says what happened.
  const ended = await county.query(
    `SELECT e.id, e.why, e.rows, count(h.*) FILTER (WHERE h.tbl = 'payments') AS payments
      FROM county.epochs e
      JOIN county.history h ON h.epoch_id = e.id
      WHERE e.ledger_id = $1
      GROUP BY e.id`,
    [t.w.ledger.id],
  );
  assert.equal(ended.rows.length, 1);
  assert.equal(ended.rows[0].why, 'township');
  assert.equal(Number(ended.rows[0].payments), before);
  const note = await county.query(`SELECT body FROM county.notes WHERE township = $1`, [t.e.code]);
  assert.match(note.rows[0].body, /台账从备份恢复过/);
  // And on from there as ever: a change is one chunk, the copy still equal.
  monthOfWork(t.w, 3);
  assert.equal((await push(t.w.ledger)).chunks, 1);
  await assertEqual(t, 'a push later');
  const epochs = await county.query('SELECT count(*) AS n FROM county.epochs WHERE ledger_id = $1', [t.w.ledger.id]);
  assert.equal(epochs.rows[0].n, '1', 'one 纪元 ended');
});

test("the county's database restored from its backup: the township's next push finds the county behind what it was told and sends every row again", async () => {
  const t = await township('2026-10-09');
  await push(t.w.ledger);
  const restore = countyBackup();
  monthOfWork(t.w, 1);
  await push(t.w.ledger);
  await restore();
  monthOfWork(t.w, 2);
  await push(t.w.ledger);
  await assertEqual(t, 'after the county restored');
  const note = await county.query(`SELECT body FROM county.notes WHERE township = $1`, [t.e.code]);
  assert.match(note.rows[0].body, /县级汇总库从备份恢复过/);
  const state = must(await t.w.call(t.admin, 'county.state', {}));
  assert.deepEqual([state.backlog, state.resending, state.lastError], [0, false, null]);
});

test('completeness hashes every row: a change of the same length, or a null made empty, is found', async () => {
  const t = await township('2026-11-23');
  await push(t.w.ledger);
  const mine = async () => (await completeness(county)).find((s) => s.code === t.e.code)!;
  assert.ok((await mine()).complete, 'the ledger and the county hash alike');
  const changed = async (sql: string, table: string) => {
    await county.query('BEGIN');
    const { rowCount } = await county.query(sql, [t.w.ledger.id]);
    assert.equal(rowCount, 1);
    const c = await mine();
    await county.query('ROLLBACK');
    assert.equal(c.complete, false, sql);
    assert.deepEqual(
      c.tables.filter((x) => x.township!.n !== x.county.n || x.township!.c !== x.county.c).map((x) => x.table),
      [table],
    );
    const row = c.tables.find((x) => x.table === table)!;
    assert.equal(row.township!.n, row.county.n, 'as many rows');
  };
  // 张三 → 李四: the same length, the same number of rows.
  await changed(
    `UPDATE county.persons
      SET name = translate(name, '张王李', '李张王')
      WHERE ledger_id = $1
        AND id = (SELECT min(id) FROM county.persons WHERE ledger_id = $1 AND name ~ '[张王李]')`,
    'persons',
  );
  await changed(
    `UPDATE county.applications
      SET accepted_on = overlay(accepted_on placing CASE WHEN substr(accepted_on, 10, 1) = '1' THEN '2' ELSE '1' END
        from 10 for 1)
      WHERE ledger_id = $1
        AND id = (SELECT min(id) FROM county.applications WHERE ledger_id = $1)`,
    'applications',
  );
  await changed(
    `UPDATE county.households
      SET exited_on = ''
      WHERE ledger_id = $1
        AND id = (SELECT min(id) FROM county.households WHERE ledger_id = $1 AND exited_on IS NULL)`,
    'households',
  );
  // The canonical text is the same in both engines for the county's column types only: integers and text.
  const { rows } = await county.query<{ t: string }>(
    `SELECT DISTINCT data_type AS t
      FROM information_schema.columns
      WHERE table_schema = 'county'
        AND table_name = ANY($1)
        AND column_name <> 'ledger_id'`,
    [SYNCED.map((s) => s.table)],
  );
  assert.deepEqual(rows.map((r) => r.t).sort(), ['bigint', 'integer', 'text']);
  // The trigger that moves a copy to history names every synced table.
  const { rows: fn } = await county.query<{ src: string }>(
    `SELECT prosrc AS src FROM pg_proc WHERE oid = 'county.epoch_ended'::regproc`,
  );
  const named = /ARRAY\[([^\]]+)\]/
    .exec(fn[0].src)![1]
    .match(/'(\w+)'/g)!
    .map((x) => x.slice(1, -1));
  assert.deepEqual(named.sort(), SYNCED.map((s) => s.table).sort());
});

test('一致性核对 after ordinary work: 待同步 until the next census, never 不一致; then the same to the fen', async () => {
  const t = await township('2026-09-15');
  await push(t.w.ledger);
  const mine = async () => (await sameness(county)).filter((r) => r.code === t.e.code);
  assert.ok((await mine()).every((r) => r.state === 'same'));
  // A payment and a changed village, pushed within the hour: the census is not sent again yet.
  monthOfWork(t.w, 1);
  assert.equal((await push(t.w.ledger)).chunks, 1);
  const after = await mine();
  assert.ok(after.length > 0);
  assert.deepEqual(
    after.filter((r) => r.differences.length || r.state !== 'pending').map((r) => [r.year, r.verdict]),
    [],
  );
  assert.match(after[0].advice, /无需处理/);
  // An hour on, the next push (nothing to send) brings the census: the same again, at the new line.
  t.w.clock.advanceMinutes(61);
  await push(t.w.ledger);
  assert.deepEqual(
    (await mine()).map((r) => [r.state, r.differences]),
    after.map(() => ['same', []]),
  );
});

test('a township’s sections at the county: computed once for its acknowledged line and day, again after a push or on another day', async () => {
  const t = await township('2026-10-20');
  await push(t.w.ledger);
  const year = 2026;
  const day = () => dateCn(t.w.clock.now());
  const sections = () => countySections(county, t.w.ledger.id, year, day());
  const cached = async () =>
    (
      await county.query<{ acked_seq: string; today: Date }>(
        'SELECT acked_seq, today FROM county.section_cache WHERE ledger_id = $1 AND year = $2',
        [t.w.ledger.id, year],
      )
    ).rows;
  const first = await sections();
  assert.deepEqual(first, reportSections(t.w.ledger.db, year, day()));
  assert.deepEqual(
    (await cached()).map((r) => Number(r.acked_seq)),
    [await ackedAt(t.e.code)],
    'kept for the line it was computed at',
  );
  // Kept, not recomputed: a row changed in the copy behind the pushes' back (as the superuser) is not seen while the
  // county stands at the same line. The check of sameness and completeness are what find such a change.
  await county.query(`UPDATE county.visits SET visited_on = '2025-06-01' WHERE ledger_id = $1`, [t.w.ledger.id]);
  assert.deepEqual(await sections(), first);
  // Ordinary work pushed: the line moves, the sections are the ledger's again (every visit sent again, so the push
  // also puts the copy right).
  t.w.ledger.db.prepare(`UPDATE visits SET visited_on = '2025-06-01' WHERE id = (SELECT max(id) FROM visits)`).run();
  t.w.ledger.db.prepare(`UPDATE visits SET visited_on = visited_on`).run();
  await push(t.w.ledger);
  const after = await sections();
  assert.deepEqual(after, reportSections(t.w.ledger.db, year, day()));
  assert.equal(after.pairing!.visits, first.pairing!.visits - 1, 'the visit moved out of the year is not counted');
  // Another day: computed for that day.
  t.w.clock.advanceMinutes(24 * 60);
  assert.deepEqual(await sections(), reportSections(t.w.ledger.db, year, day()));
  assert.equal(dateCn((await cached())[0].today), day());
});
