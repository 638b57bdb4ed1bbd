// @dated (tests/tools/check-tests.mjs): run again under faketime by .ci/run
// Backups through the SQLite backup API, verified; daily and at exit, 30 kept; manual to a folder; restore.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';

import { dailyBackup, listBackups, makeBackup, pruneBackups } from '../../main/core/backupFiles';
import { Ledger } from '../../main/core/ledger';
import { openKeyed } from '../../main/db/open';
import type { BackupFile } from '../../shared/schemas/backup';
import { must, refused, tempDir, testClock, world } from './helpers';

/** Writes pairs from 5000 on, one transaction each, until told to stop; says how many it wrote in stop[1]. */
const WRITER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3-multiple-ciphers');
const db = new Database(workerData.file);
db.pragma("cipher = 'sqlcipher'");
db.pragma(\`key = "x'\${Buffer.from(workerData.key).toString('hex')}'"\`);
db.pragma('busy_timeout = 5000');
const ins = db.prepare('INSERT INTO pairs (pair, payload) VALUES (?, ?)');
const pair = db.transaction((n) => { ins.run(n, 'x'.repeat(2000)); ins.run(n, 'y'.repeat(2000)); });
parentPort.postMessage('ready');
let n = 5000;
while (!Atomics.load(workerData.stop, 0)) pair(n++);
Atomics.store(workerData.stop, 1, n);
db.close();
`;

test('a backup taken while writes run opens, passes integrity_check and holds only whole transactions', async () => {
  const ledger = await Ledger.open(path.join(tempDir(), 'ledger.sqlite'), { clock: testClock });
  const db = ledger.db;
  db.exec('CREATE TABLE pairs (id INTEGER PRIMARY KEY, pair INTEGER NOT NULL, payload TEXT NOT NULL)');
  const ins = db.prepare('INSERT INTO pairs (pair, payload) VALUES (?, ?)');
  // Each write is a transaction of two rows; a consistent backup never holds half of one.
  const writePair = db.transaction((n: number) => {
    ins.run(n, 'x'.repeat(2000));
    ins.run(n, 'y'.repeat(2000));
  });
  for (let i = 0; i < 5000; i++) writePair(i); // ~20 MB, so the backup takes a while
  // VACUUM INTO holds this thread, so the writes run on another connection in a worker thread meanwhile.
  const stop = new Int32Array(new SharedArrayBuffer(8));
  const writer = new Worker(WRITER, { eval: true, workerData: { file: ledger.file, key: ledger.keys.key, stop } });
  await new Promise((r) => writer.once('message', r));
  const file = await makeBackup(ledger, 'test');
  Atomics.store(stop, 0, 1);
  await new Promise((r) => writer.once('exit', r));
  const n = Atomics.load(stop, 1);
  assert.ok(n > 5000, 'writes ran during the backup');

  const b = openKeyed(file, ledger.keys.key, { readonly: true });
  assert.equal((b.pragma('integrity_check') as { integrity_check: string }[])[0].integrity_check, 'ok');
  const { rows, pairs, broken } = b
    .prepare(
      `SELECT count(*) AS rows, count(DISTINCT pair) AS pairs,
          (SELECT count(*) FROM (SELECT pair FROM pairs GROUP BY pair HAVING count(*) <> 2)) AS broken
        FROM pairs`,
    )
    .get() as { rows: number; pairs: number; broken: number };
  assert.equal(broken, 0);
  assert.equal(rows, pairs * 2);
  assert.ok(pairs >= 5000);
  assert.equal(b.pragma('journal_mode', { simple: true }), 'delete', 'a backup is one self-contained file');
  b.close();
  assert.equal(fs.existsSync(file + '.partial'), false);
  await ledger.close({ backup: false });
});

test('restore brings back exactly the rows of the backup, after backing up the current ledger', async () => {
  const w = await world();
  const admin = await w.admin();
  await w.staff('li', ['clerk']);
  const taken = must(await w.call(admin, 'backup.create', {})) as BackupFile & { path: string };
  const snapshot = w.ledger.db.prepare('SELECT id, username, display_name FROM staff ORDER BY id').all();
  await w.staff('zhao', ['reviewer']);
  must(
    await w.call(admin, 'settings.save', {
      name: '改过的名字',
      address: '',
      hotline: '',
      officeHours: '',
      idleLockMinutes: 15,
    }),
  );

  must(await w.call(admin, 'backup.restore', { file: taken.file }));
  assert.deepEqual(w.ledger.db.prepare('SELECT id, username, display_name FROM staff ORDER BY id').all(), snapshot);
  assert.equal(w.one(`SELECT count(*) AS n FROM settings WHERE value LIKE '%改过的名字%'`).n, 0);
  const before = listBackups(w.ledger.backupsDir).filter((b) => b.file.includes('before-restore'));
  assert.equal(before.length, 1);
  const saved = openKeyed(path.join(w.ledger.backupsDir, before[0].file), w.ledger.keys.key, { readonly: true });
  assert.equal(
    (saved.prepare('SELECT count(*) AS n FROM staff').get() as { n: number }).n,
    3,
    'the ledger as it was before the restore',
  );
  saved.close();
  // The restore itself is in the restored ledger's audit log.
  assert.equal(w.one(`SELECT count(*) AS n FROM audit_log WHERE channel = 'backup.restore'`).n, 1);
  assert.equal((w.ledger.db.pragma('quick_check') as { quick_check: string }[])[0].quick_check, 'ok');
});

test('restore refuses a damaged backup and a name outside the backups folder, changing nothing', async () => {
  const w = await world();
  const admin = await w.admin();
  const taken = must(await w.call(admin, 'backup.create', {})) as BackupFile & { path: string };
  const fd = fs.openSync(taken.path, 'r+');
  fs.writeSync(fd, Buffer.alloc(4096, 0xab), 0, 4096, 4096);
  fs.closeSync(fd);
  const staffBefore = w.count('staff');
  assert.equal(refused(await w.call(admin, 'backup.restore', { file: taken.file })).code, 'VALIDATION');
  assert.equal(refused(await w.call(admin, 'backup.restore', { file: '../ledger.sqlite' })).code, 'VALIDATION');
  assert.equal(w.count('staff'), staffBefore);
});

test('manual backup to a folder the user picks; a missing folder is refused', async () => {
  const w = await world();
  const admin = await w.admin();
  const usb = tempDir();
  const r = must(await w.call(admin, 'backup.create', { folder: usb })) as { path: string };
  assert.equal(path.dirname(r.path), usb);
  const b = openKeyed(r.path, w.ledger.keys.key, { readonly: true });
  assert.equal((b.prepare('SELECT count(*) AS n FROM staff').get() as { n: number }).n, 1);
  b.close();
  const e = refused(await w.call(admin, 'backup.create', { folder: path.join(usb, '不存在') }));
  assert.deepEqual([e.code, e.field], ['VALIDATION', 'folder']);
  const clerk = await w.staff('li', ['clerk']);
  assert.equal(refused(await w.call(clerk, 'backup.create', {})).code, 'FORBIDDEN');
});

test('daily at the first start of each day and at clean exit, stamped by the ledger clock; 30 kept', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'ledger.sqlite');
  let now = new Date('2026-11-23T08:00:00+08:00');
  const clock = () => now;
  const l1 = await Ledger.open(file, { clock });
  assert.equal(listBackups(l1.backupsDir).length, 0, 'a new, empty ledger needs no backup');
  now = new Date('2026-11-23T18:30:00+08:00');
  await l1.close(); // clean exit: one backup, stamped with the ledger's clock, not the machine's
  assert.deepEqual(
    listBackups(l1.backupsDir).map((b) => b.file),
    ['bianmin-2026-11-23T183000-exit.sqlite'],
  );

  now = new Date('2026-11-23T19:00:00+08:00');
  const l2 = await Ledger.open(file, { clock, keys: l1.keys });
  assert.equal(
    listBackups(l2.backupsDir).filter((b) => b.file.includes('2026-11-23T') && b.file.endsWith('-daily.sqlite')).length,
    1,
  );
  assert.equal(await dailyBackup(l2, new Date('2026-11-23T17:00:00+08:00')), null, 'once a day');
  const next = await dailyBackup(l2, new Date('2026-11-24T08:00:00+08:00'));
  assert.match(path.basename(next!), /^bianmin-2026-11-24T080000-daily\.sqlite$/);

  for (let i = 0; i < 35; i++) await makeBackup(l2, 'manual', l2.backupsDir, new Date(Date.UTC(2026, 0, 1 + i)));
  pruneBackups(l2.backupsDir);
  const kept = listBackups(l2.backupsDir);
  assert.equal(kept.length, 30);
  assert.equal(kept[0].file, 'bianmin-2026-11-24T080000-daily.sqlite', 'the newest are kept');
  await l2.close({ backup: false });
});
