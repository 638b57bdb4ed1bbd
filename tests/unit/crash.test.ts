// Crash safety: kill -9 the process at random moments while a 5,000-row batch posts, 20 times. Every time the file
// passes integrity_check and the batch is wholly present (posted, 5,000 payments, number drawn) or wholly absent.
// The same for a 10,000-row import, and for agreement numbers drawn while disputes are concluded: no gap.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process'; // date-free: node on children/*.ts, read with this file
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { keysFileOf } from '../../main/db/keys';
import { emptyLedger } from '../bench/imports';
import { buildEntitlements } from '../bench/payments';
import { buildRegistry } from '../bench/registry';
import { rosterRows, rosterXlsx } from '../bench/rosters';
import { childArgs } from './fixtures';
import { keyedFile, must, tempDir, world } from './helpers';

const ROWS = 5000;
const CHILD = path.join(__dirname, 'children', 'postBatch.ts');
const IMPORT_CHILD = path.join(__dirname, 'children', 'importRoster.ts');

/** Runs the child on a copy of the ledger; kills it `killAfterMs` after it says "posting" (never, if null). */
async function run(
  file: string,
  batchId: number | string,
  killAfterMs: number | null,
  child = CHILD,
  cue = 'posting\n',
): Promise<{ killed: boolean; ms: number | null }> {
  const args = await childArgs(child);
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...args, file, String(batchId)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let killed = false;
    p.stderr.on('data', (d) => (err += d));
    p.stdout.on('data', (d) => {
      out += d;
      if (killAfterMs !== null && out.includes(cue) && !killed) {
        killed = true;
        setTimeout(() => p.kill('SIGKILL'), killAfterMs);
      }
    });
    p.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) return reject(new Error(`child failed (${code}): ${err}`));
      const done = /\{"ok":(true|false),"ms":([\d.]+)\}/.exec(out);
      if (done && done[1] !== 'true') return reject(new Error(`posting refused: ${out}`));
      resolve({ killed: signal === 'SIGKILL', ms: done ? Number(done[2]) : null });
    });
  });
}

/** A closed ledger copied into a folder of its own (no WAL beside it), for one run of a child. */
function copyOf(fixture: string): string {
  const file = path.join(tempDir(), 'ledger.sqlite');
  fs.copyFileSync(fixture, file);
  fs.copyFileSync(keysFileOf(fixture), keysFileOf(file));
  return file;
}

function inspect(file: string, batchId: number) {
  const db = keyedFile(file); // opening replays the WAL, as the app's next start would
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      payments: (db.prepare('SELECT count(*) AS n FROM payments WHERE batch_id = ?').get(batchId) as { n: number }).n,
      state: (db.prepare('SELECT state FROM payroll_batches WHERE id = ?').get(batchId) as { state: string }).state,
      drawn: (
        db.prepare(`SELECT coalesce(max(last), 0) AS n FROM number_sequences WHERE series = 'batch'`).get() as {
          n: number;
        }
      ).n,
      steps: (db.prepare(`SELECT count(*) AS n FROM application_steps WHERE action = 'pay'`).get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

test(
  'kill -9 during the posting of a 5,000-row batch, 20 times: the ledger is intact and the batch all or nothing',
  { timeout: 600_000 },
  async () => {
    const w = await world();
    const clerk = await w.staff('clerk', ['clerk']);
    await w.staff('appr', ['approver']);
    buildRegistry(w.ledger.db, ROWS * 3);
    buildEntitlements(w.ledger.db, ROWS);
    const batch = must(await w.call(clerk, 'payroll.create', { month: '2026-11', kindCode: null }));
    assert.equal(batch.rowCount, ROWS);
    const fixture = path.join(w.dir, 'ledger.sqlite');
    await w.ledger.close({ backup: false });

    const copy = () => copyOf(fixture); // a closed ledger: no WAL beside it
    // One uninterrupted run: how long posting takes here, and what "wholly present" looks like.
    const whole = copy();
    const full = await run(whole, batch.id, null);
    assert.ok(full.ms !== null);
    assert.deepEqual(inspect(whole, batch.id), {
      integrity: 'ok',
      payments: ROWS,
      state: 'posted',
      drawn: 1,
      steps: 0,
    });

    const outcomes = { present: 0, absent: 0 };
    for (let i = 0; i < 20; i++) {
      const file = copy();
      const delay = Math.random() * full.ms! * 1.5;
      const r = await run(file, batch.id, delay);
      const s = inspect(file, batch.id);
      assert.equal(s.integrity, 'ok', `run ${i}: integrity_check`);
      if (s.state === 'posted') {
        assert.deepEqual([s.payments, s.drawn], [ROWS, 1], `run ${i}: posted means every row`);
        outcomes.present++;
      } else {
        assert.deepEqual([s.state, s.payments, s.drawn], ['draft', 0, 0], `run ${i}: not posted means no row`);
        outcomes.absent++;
      }
      assert.ok(r.killed || s.state === 'posted');
    }
    console.log(
      `# posting ${ROWS} rows took ${full.ms!.toFixed(0)} ms;`,
      `20 kills: ${outcomes.present} wholly present, ${outcomes.absent} wholly absent`,
    );
    // Kills landed on both sides of the commit, so the test saw real interruptions, not only finished runs.
    assert.ok(outcomes.present > 0 && outcomes.absent > 0, JSON.stringify(outcomes));
  },
);

test(
  'kill -9 during the confirm of a 10,000-row import, 10 times: the ledger is intact and the import all or nothing',
  { timeout: 600_000 },
  async () => {
    const dir = tempDir();
    const roster = path.join(dir, 'roster.xlsx');
    const rows = rosterRows(10_000);
    fs.writeFileSync(roster, await rosterXlsx(rows));
    const fixture = await emptyLedger(dir);
    const copy = () => copyOf(fixture);
    const look = (file: string) => {
      const db = keyedFile(file, { password: 'bench-pass-1' });
      try {
        const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
        return {
          integrity: db.pragma('integrity_check', { simple: true }),
          imports: n('SELECT count(*) AS n FROM imports'),
          persons: n('SELECT count(*) AS n FROM persons'),
          households: n('SELECT count(*) AS n FROM households'),
        };
      } finally {
        db.close();
      }
    };
    const households = rows.filter((r) => r[3] === '户主').length;
    const whole = copy();
    const full = await run(whole, roster, null, IMPORT_CHILD, 'writing\n');
    assert.deepEqual(look(whole), { integrity: 'ok', imports: 1, persons: 10_000, households });
    const outcomes = { present: 0, absent: 0 };
    for (let i = 0; i < 10; i++) {
      const file = copy();
      await run(file, roster, Math.random() * full.ms! * 1.5, IMPORT_CHILD, 'writing\n');
      const s = look(file);
      assert.equal(s.integrity, 'ok', `run ${i}: integrity_check`);
      if (s.imports === 1) {
        assert.deepEqual(s, { integrity: 'ok', imports: 1, persons: 10_000, households }, `run ${i}`);
        outcomes.present++;
      } else {
        assert.deepEqual(s, { integrity: 'ok', imports: 0, persons: 0, households: 0 }, `run ${i}`);
        outcomes.absent++;
      }
    }
    console.log(`# import of 10,000 rows took ${full.ms!.toFixed(0)} ms; 10 kills: ${JSON.stringify(outcomes)}`);
    assert.ok(outcomes.absent > 0, JSON.stringify(outcomes));
  },
);

test(
  'kill -9 while 300 disputes are concluded with written agreements, 10 times: the agreement numbers have no gap',
  { timeout: 600_000 },
  async () => {
    const N = 300;
    const w = await world();
    const admin = await w.admin();
    const areaId = must(await w.call(admin, 'areas.save', { name: '东山村' })).id;
    const mediator = must(await w.call(admin, 'cadres.save', { name: '周调解', kind: 'village' })).id;
    for (let i = 0; i < N; i++)
      must(
        await w.call(admin, 'disputes.create', {
          acceptedOn: '2026-11-02',
          source: 'applied',
          type: '邻里纠纷',
          areaId,
          parties: [
            { role: 'applicant', name: `甲${i}` },
            { role: 'respondent', name: `乙${i}` },
          ],
          persons: 2,
          facts: '因排水沟堵塞发生争执。',
          mediatorIds: [mediator],
        }),
      );
    const fixture = path.join(w.dir, 'ledger.sqlite');
    await w.ledger.close({ backup: false });
    const copy = () => copyOf(fixture);
    const look = (file: string) => {
      const db = keyedFile(file);
      try {
        const seqs = (
          db.prepare(`SELECT agreement_seq AS n FROM disputes WHERE status = 'settled' ORDER BY 1`).all() as {
            n: number;
          }[]
        ).map((r) => r.n);
        const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
        return {
          integrity: db.pragma('integrity_check', { simple: true }),
          seqs,
          drawn: n(`SELECT coalesce(max(last), 0) AS n FROM number_sequences WHERE series = 'agreement'`),
          audited: n(`SELECT count(*) AS n FROM audit_log WHERE channel = 'disputes.conclude'`),
        };
      } finally {
        db.close();
      }
    };
    const whole = copy();
    const full = await run(whole, '', null, path.join(__dirname, 'children', 'concludeDisputes.ts'), 'concluding\n');
    assert.equal(look(whole).seqs.length, N);
    const settled: number[] = [];
    for (let i = 0; i < 10; i++) {
      const file = copy();
      const delay = Math.random() * full.ms! * 1.2;
      await run(file, '', delay, path.join(__dirname, 'children', 'concludeDisputes.ts'), 'concluding\n');
      const s = look(file);
      assert.equal(s.integrity, 'ok', `run ${i}: integrity_check`);
      // 1, 2, … k: every number drawn belongs to a concluded dispute, each audited, none skipped.
      assert.deepEqual(
        s.seqs,
        s.seqs.map((_, k) => k + 1),
        `run ${i}: gapless`,
      );
      assert.deepEqual([s.drawn, s.audited], [s.seqs.length, s.seqs.length], `run ${i}: drawn = used = audited`);
      settled.push(s.seqs.length);
    }
    console.log(`# concluding ${N} disputes took ${full.ms!.toFixed(0)} ms; 10 kills left ${settled.join(', ')}`);
    assert.ok(
      settled.some((k) => k > 0 && k < N),
      'a kill landed in the middle of the run',
    );
  },
);
