// A re-key: the ledger gets a new data key, so no old key file and no old password (a deactivated member's, a replaced
// recovery key) opens anything made afterwards. Done after a deactivation, a replaced recovery key, and on demand.
//
// SQLite3 Multiple Ciphers refuses PRAGMA rekey in WAL mode, and a rekey in place is not crash-safe anyway; so the
// ledger is copied beside itself under the new key, then switched in, each step safe to die in:
//   1. copying  a worker thread's own connection reads the ledger and writes `<ledger>.rekeying` under the new key
//               (ATTACH … KEY, the tables copied as VACUUM does); the copy is counted against the ledger and synced.
//               The host keeps answering; a write made meanwhile makes the copy stale and it is made again.
//   2. keyed    the key file holds both generations (old and new data key, each sealed to the remaining slots).
//   3. swapped  the copy is renamed over the ledger (WAL folded in first) and the connection reopened with the new key.
//   4. settled  the key file keeps the new generation alone, the older keys boxed under it for the backups before.
// A kill before 3 leaves the old ledger, which the old generation opens; after, the new one, which the new opens. The
// next open tries both, keeps the one that opens (`finishInterrupted`), and a due re-key runs again.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

import { isoCn } from '../../shared/domain/time';
import type { RekeyState } from '../../shared/schemas/keys';
import { type Keyring, syncFolder } from '../db/keys';
import { openKeyed, PRIVATE_FILE } from '../db/open';
import { writeAudit } from './auditRows';
import type { OpenLedger } from './openLedger';

export const rekeyingOf = (ledgerFile: string) => `${ledgerFile}.rekeying`;
const keptOf = (ledgerFile: string) => `${ledgerFile}.before-rekey`;

const scratch = (file: string) => [file, `${file}-journal`, `${file}-wal`, `${file}-shm`];

/**
 * The copy, in a worker thread so the host's event loop stays free (progress, other screens). Plain JavaScript run
 * with `eval`: it needs no bundling of its own, and takes the driver's path from the host.
 */
const COPY = `
const { parentPort, workerData: w } = require('node:worker_threads');
const Database = require(w.driver);
const db = new Database(w.source, { fileMustExist: true });
const q = (s) => '"' + s.replace(/"/g, '""') + '"';
try {
  db.pragma("cipher = 'sqlcipher'");
  db.pragma("key = \\"x'" + w.oldKey + "'\\"");
  // The copy is VACUUM's own transfer (INSERT … SELECT *), which foreign keys would turn off; temp files stay in
  // memory (on disk they would be written in clear).
  db.pragma('foreign_keys = OFF');
  db.pragma('temp_store = MEMORY');
  db.prepare("ATTACH ? AS rekeyed KEY \\"x'" + w.newKey + "'\\"").run(w.target);
  db.pragma('rekeyed.page_size = ' + db.pragma('page_size', { simple: true }));
  db.pragma('rekeyed.auto_vacuum = ' + db.pragma('auto_vacuum', { simple: true }));
  // A scratch file: a kill leaves it to be removed, so no journal; it is synced once whole.
  db.pragma('rekeyed.journal_mode = OFF');
  db.pragma('rekeyed.synchronous = OFF');
  db.exec('BEGIN');
  const schema = db
    .prepare("SELECT type, name, tbl_name AS tbl, sql FROM main.sqlite_schema WHERE sql IS NOT NULL ORDER BY rowid")
    .all();
  const tables = schema.filter((o) => o.type === 'table' && !o.name.startsWith('sqlite_'));
  const into = (sql) => sql.replace(/^CREATE (UNIQUE )?(TABLE|INDEX|VIEW|TRIGGER) /, (m) => m + 'rekeyed.');
  for (const o of tables) db.exec(into(o.sql));
  // Indexes made first are copied with their table, as VACUUM does; a partial UNIQUE index turns that transfer off
  // (SQLite then wants the table's columns, generated ones aside), so those are built after, by a sort.
  const indexes = schema.filter((o) => o.type === 'index');
  const late = (o) => /^CREATE UNIQUE INDEX [\\s\\S]* WHERE /.test(o.sql);
  for (const o of indexes.filter((o) => !late(o))) db.exec(into(o.sql));
  tables.forEach((o, i) => {
    const copy = 'INSERT INTO rekeyed.' + q(o.name) + ' SELECT * FROM main.' + q(o.name);
    try {
      db.exec(copy);
    } catch (e) {
      // Any other index that turns the transfer off: the table copied bare, its indexes built after.
      const own = indexes.filter((x) => !late(x) && x.tbl === o.name);
      if (!/values were supplied/.test(String(e && e.message)) || own.length === 0) throw e;
      for (const x of own) db.exec('DROP INDEX rekeyed.' + q(x.name));
      db.exec(copy);
      for (const x of own) db.exec(into(x.sql));
    }
    parentPort.postMessage({ table: i + 1, tables: tables.length });
  });
  for (const o of indexes.filter(late)) db.exec(into(o.sql));
  if (schema.some((o) => o.name === 'sqlite_sequence'))
    db.exec(
      'DELETE FROM rekeyed.sqlite_sequence; INSERT INTO rekeyed.sqlite_sequence SELECT * FROM main.sqlite_sequence',
    );
  for (const o of schema.filter((o) => o.type === 'view' || o.type === 'trigger')) db.exec(into(o.sql));
  // The planner's statistics copied as they are: ANALYZE would read every index again (4 s at county scale). An
  // ANALYZE of the small settings table makes sqlite_stat1, whose rows are then replaced by the ledger's own.
  if (schema.some((o) => o.name === 'sqlite_stat1')) {
    db.exec('ANALYZE rekeyed.' + q((tables.find((o) => o.name === 'settings') || tables[0]).name));
    db.exec('DELETE FROM rekeyed.sqlite_stat1; INSERT INTO rekeyed.sqlite_stat1 SELECT * FROM main.sqlite_stat1');
  }
  for (const p of ['user_version', 'application_id'])
    db.pragma('rekeyed.' + p + ' = ' + db.pragma(p, { simple: true }));
  // Counted in the same read of the ledger as the copy: every table whole.
  for (const o of tables) {
    const a = db.prepare('SELECT count(*) FROM main.' + q(o.name)).pluck().get();
    const b = db.prepare('SELECT count(*) FROM rekeyed.' + q(o.name)).pluck().get();
    if (a !== b) throw new Error('副本的 ' + o.name + ' 行数与台账不一致（' + b + ' / ' + a + '）');
  }
  db.exec('COMMIT');
  db.exec('DETACH rekeyed');
  db.close();
  // Opened afresh with the new key alone: the schema and every count as in the ledger.
  const c = new Database(w.target, { readonly: true, fileMustExist: true });
  c.pragma("cipher = 'sqlcipher'");
  c.pragma("key = \\"x'" + w.newKey + "'\\"");
  const again = c.prepare("SELECT type, name, tbl_name AS tbl, sql FROM sqlite_schema WHERE sql IS NOT NULL").all();
  const sorted = (l) => JSON.stringify(l.map((o) => [o.type, o.name, o.sql]).sort());
  if (sorted(again) !== sorted(schema)) throw new Error('副本的表结构与台账不一致');
  // Every table was counted against the ledger in the copy's own read; here the new key alone opens it, and the
  // switch's reopen runs quick_check over the whole file. (Counting again from a cold cache cost seconds.)
  c.close();
  parentPort.postMessage({ done: true });
} catch (e) {
  try { db.close(); } catch {}
  parentPort.postMessage({ error: String(e && e.message || e) });
}
`;

function copyInWorker(
  ledger: OpenLedger,
  target: string,
  oldKey: Buffer,
  newKey: Buffer,
  progress: (fraction: number) => void,
): Promise<void> {
  const size =
    (ledger.db.pragma('page_count', { simple: true }) as number) *
    (ledger.db.pragma('page_size', { simple: true }) as number);
  return new Promise((resolve, reject) => {
    const worker = new Worker(COPY, {
      eval: true,
      workerData: {
        driver: require.resolve('better-sqlite3-multiple-ciphers'),
        source: ledger.file,
        target,
        oldKey: oldKey.toString('hex'),
        newKey: newKey.toString('hex'),
      },
    });
    // The copy's size against the ledger's: a bar that moves while one large table is copied.
    const timer = setInterval(() => {
      const written = fs.statSync(target, { throwIfNoEntry: false })?.size ?? 0;
      progress(Math.min(0.95, size > 0 ? written / size : 0));
    }, 200);
    let settled = false;
    const end = (e?: Error) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      if (e) reject(e);
      else resolve();
    };
    worker.on('message', (m: { done?: true; error?: string }) => {
      if (m.error) end(new Error(m.error));
      else if (m.done) end();
    });
    worker.on('error', (e) => end(e));
    worker.on('exit', (code) => end(code === 0 ? undefined : new Error(`复制线程退出（${code}）`)));
  });
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

const totalChanges = (ledger: OpenLedger) => ledger.db.prepare('SELECT total_changes()').pluck().get() as number;

/** Told each step as it ends (a progress line; the crash test kills the process at each). */
export type RekeyStep = 'copying' | 'copied' | 'keyed' | 'swapped' | 'settled';

/**
 * Steps 2–4, all synchronous, so nothing else in this process runs between them: the key file with both generations,
 * the copy renamed in, the key file with the new one alone.
 */
function switchTo(ledger: OpenLedger, target: string, newKey: Buffer, step: (s: RekeyStep) => void): number {
  const keys = ledger.keys;
  const oldGen = keys.generation;
  const gen = keys.addGeneration(newKey);
  step('keyed');
  // The old file kept by a second name until the new one has opened and passed its check: a copy that fails it
  // is put back, not left as the only ledger.
  const kept = keptOf(ledger.file);
  fs.rmSync(kept, { force: true });
  let linked = true;
  try {
    fs.linkSync(ledger.file, kept);
  } catch {
    linked = false;
  }
  try {
    ledger.swapIn(target);
  } catch (e) {
    if (fs.existsSync(target)) for (const f of scratch(target)) fs.rmSync(f, { force: true });
    else if (linked) fs.renameSync(kept, ledger.file);
    // Never settled blind: the rename may have happened with nothing to put back (no hard links on FAT), so the key
    // file keeps whichever generation opens the file now.
    if (settleOnWhatOpens(ledger.file, keys) === undefined) keys.settle(oldGen);
    if (!ledger.db.open) ledger.reopen();
    throw e;
  }
  step('swapped');
  keys.settle(gen);
  fs.rmSync(kept, { force: true });
  step('settled');
  return gen;
}

interface Job {
  state: RekeyState;
  running: Promise<RekeyState> | null;
}
const jobs = new WeakMap<OpenLedger, Job>();

const idle = (keys: Keyring): RekeyState => ({
  phase: 'idle',
  fraction: 0,
  message: null,
  generation: keys.generation,
  due: keys.rekeyDue,
  legacyStaff: keys.legacyStaff.length,
});

function jobOf(ledger: OpenLedger): Job {
  let job = jobs.get(ledger);
  if (!job) jobs.set(ledger, (job = { state: idle(ledger.keys), running: null }));
  return job;
}

/** Where the re-key of this ledger stands (for the progress bar in 设置). */
export function rekeyState(ledger: OpenLedger): RekeyState {
  const job = jobOf(ledger);
  return job.running ? job.state : { ...idle(ledger.keys), ...pick(job.state) };
}
const pick = (s: RekeyState) => (s.phase === 'idle' ? {} : { phase: s.phase, message: s.message });

/** The re-key in progress, if any: closing the ledger waits for it. */
export const rekeyRunning = (ledger: OpenLedger): Promise<unknown> | null => jobs.get(ledger)?.running ?? null;

/**
 * Re-keys the ledger (or joins the re-key already running). `reason` goes into the audit row. Stale copies are made
 * again twice; the third holds every other call while it copies.
 */
export function rekeyLedger(
  ledger: OpenLedger,
  reason: string,
  opts: { step?: (s: RekeyStep) => void; staffId?: number | null } = {},
): Promise<RekeyState> {
  const job = jobOf(ledger);
  if (job.running) return job.running;
  const step = opts.step ?? (() => {});
  const target = rekeyingOf(ledger.file);
  const dropped = ledger.keys.legacyStaff.length;
  const attempt = async (held: boolean): Promise<number | null> => {
    const conn = ledger.db;
    const before = totalChanges(ledger);
    const oldKey = ledger.keys.key;
    const newKey = crypto.randomBytes(32);
    for (const f of scratch(target)) fs.rmSync(f, { force: true });
    fs.closeSync(fs.openSync(target, 'w', PRIVATE_FILE));
    job.state = { ...job.state, phase: 'copying', fraction: 0, message: null };
    step('copying');
    try {
      await copyInWorker(ledger, target, oldKey, newKey, (f) => (job.state.fraction = f));
      fsyncFile(target);
    } catch (e) {
      for (const f of scratch(target)) fs.rmSync(f, { force: true });
      throw e;
    }
    step('copied');
    job.state = { ...job.state, phase: 'checking', fraction: 0.96 };
    // An import holds one transaction across awaits: the switch waits for it to end.
    if (!held) while (ledger.busy) await ledger.busy;
    if (ledger.db !== conn || totalChanges(ledger) !== before) {
      for (const f of scratch(target)) fs.rmSync(f, { force: true });
      return null;
    }
    job.state = { ...job.state, phase: 'switching', fraction: 0.98 };
    return switchTo(ledger, target, newKey, step);
  };
  const run = async (): Promise<RekeyState> => {
    try {
      let gen: number | null = null;
      for (let i = 1; gen === null; i++) gen = i < 3 ? await attempt(false) : await ledger.hold(() => attempt(true));
      writeAudit(ledger.db, {
        at: isoCn(ledger.clock()),
        staffId: opts.staffId ?? null,
        channel: 'keys.rekey',
        entity: 'keys',
        entityId: null,
        before: null,
        after: { event: 'data key changed', reason, generation: gen, legacySlotsDropped: dropped },
      });
      job.state = { ...idle(ledger.keys), phase: 'done', fraction: 1 };
    } catch (e) {
      console.error('[rekey]', e);
      job.state = {
        ...idle(ledger.keys),
        phase: 'failed',
        message: `更换数据密钥没有完成，台账仍用第 ${ledger.keys.generation} 代密钥：${(e as Error).message}`,
      };
    } finally {
      job.running = null;
    }
    return job.state;
  };
  job.running = run();
  return job.running;
}

/** A re-key started after the current call's transaction commits (a deactivation, a replaced recovery key). */
export function rekeySoon(ledger: OpenLedger, reason: string, staffId: number | null = null): void {
  const job = jobOf(ledger);
  if (job.running) return;
  // Registered now, not when it starts: a backup or the exit that comes first waits for it (rekeyRunning).
  const soon: Promise<RekeyState> = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
    if (job.running === soon) job.running = null;
    return rekeyLedger(ledger, reason, { staffId });
  });
  job.running = soon;
}

/**
 * At open, before anything else: a re-key cut short is finished. The scratch copy goes; a key file holding two
 * generations keeps the one whose key opens the ledger file.
 */
export function finishInterrupted(file: string, keys: Keyring): void {
  for (const f of scratch(rekeyingOf(file))) fs.rmSync(f, { force: true });
  if (keys.generations.length > 1) settleOnWhatOpens(file, keys);
  if (fs.existsSync(keptOf(file))) {
    fs.rmSync(keptOf(file), { force: true });
    syncFolder(path.dirname(file));
  }
}

/** Keeps in the key file the generation whose key opens the ledger file; undefined when none does. */
function settleOnWhatOpens(file: string, keys: Keyring): number | undefined {
  const opens = keys.generations.find((gen) => {
    const key = keys.keyFor(gen);
    if (!key) return false;
    try {
      // Read-only: a connection with the wrong key must not checkpoint the WAL on close.
      openKeyed(file, key, { readonly: true }).close();
      return true;
    } catch {
      return false;
    }
  });
  if (opens !== undefined) keys.settle(opens);
  return opens;
}
