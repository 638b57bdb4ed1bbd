// The ledger file: pragmas, migrations with a backup first, and every unsafe file refused untouched.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { Ledger } from '../../main/core/ledger';
import { loadMigrations } from '../../main/db/migrate';
import { isNetworkPath, LedgerOpenError, mountTypeOf, openKeyed } from '../../main/db/open';
import { tempDir, testClock } from './helpers';

const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

test('opens with WAL, FULL sync, foreign keys and a busy timeout; migrations set user_version', async () => {
  const ledger = await Ledger.open(path.join(tempDir(), 'ledger.sqlite'), { clock: testClock });
  const db = ledger.db;
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.pragma('synchronous', { simple: true }), 2); // FULL
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  assert.ok((db.pragma('busy_timeout', { simple: true }) as number) >= 5000);
  assert.equal(db.pragma('user_version', { simple: true }), loadMigrations().length);
  await ledger.close({ backup: false });
});

test('a pending migration backs up a ledger that holds data, then applies in one transaction', async () => {
  const file = path.join(tempDir(), 'ledger.sqlite');
  const base = loadMigrations();
  const l1 = await Ledger.open(file, { clock: testClock, migrations: base });
  l1.db.prepare(`INSERT INTO settings (key, value) VALUES ('marker', '"before"')`).run();
  await l1.close({ backup: false });

  const next = {
    version: base.length + 1,
    name: 'xxxx_test.sql',
    sql: 'CREATE TABLE added_later (id INTEGER PRIMARY KEY);',
  };
  const l2 = await Ledger.open(file, { clock: testClock, keys: l1.keys, migrations: [...base, next] });
  assert.equal(l2.db.pragma('user_version', { simple: true }), next.version);
  const backups = fs.readdirSync(l2.backupsDir).filter((f) => f.includes(`before-migrate-v${next.version}`));
  assert.equal(backups.length, 1, 'one backup made before migrating');
  const b = openKeyed(path.join(l2.backupsDir, backups[0]), l2.keys.key, { readonly: true });
  assert.equal(b.pragma('user_version', { simple: true }), base.length, 'the backup is the ledger as it was');
  assert.deepEqual(b.prepare(`SELECT value FROM settings WHERE key = 'marker'`).get(), { value: '"before"' });
  b.close();
  await l2.close({ backup: false });

  // A failing migration leaves the ledger at its old version, with nothing half-applied.
  const broken = {
    version: next.version + 1,
    name: 'yyyy_bad.sql',
    sql: 'CREATE TABLE half (id INTEGER); THIS IS NOT SQL;',
  };
  await assert.rejects(Ledger.open(file, { clock: testClock, keys: l1.keys, migrations: [...base, next, broken] }));
  const l3 = await Ledger.open(file, { clock: testClock, keys: l1.keys, migrations: [...base, next] });
  assert.equal(l3.db.pragma('user_version', { simple: true }), next.version);
  assert.equal(
    (l3.db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'`).get() as { n: number }).n,
    0,
  );
  await l3.close({ backup: false });
});

test('a corrupt copy is refused with a clear message and left byte for byte untouched', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'ledger.sqlite');
  const l = await Ledger.open(file, { clock: testClock });
  const ins = l.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  l.db.transaction(() => {
    for (let i = 0; i < 3000; i++) ins.run(`k${i}`, JSON.stringify('x'.repeat(100)));
  })();
  await l.close({ backup: false });

  const copy = path.join(dir, 'garbled.sqlite');
  fs.copyFileSync(file, copy);
  const fd = fs.openSync(copy, 'r+');
  const size = fs.fstatSync(fd).size;
  for (let page = 2; page * 4096 < size; page += 3)
    fs.writeSync(fd, crypto.randomBytes(200), 0, 200, page * 4096 + 100);
  fs.closeSync(fd);
  const before = sha(copy);

  await assert.rejects(
    Ledger.open(copy, { clock: testClock, keys: l.keys }),
    (e: Error) => e instanceof LedgerOpenError && /已损坏/.test(e.message) && /未作任何改动/.test(e.message),
  );
  assert.equal(sha(copy), before);
  assert.equal(fs.existsSync(copy + '-wal') && fs.statSync(copy + '-wal').size > 0, false);
});

test('a file that is not a ledger is refused untouched', async () => {
  const file = path.join(tempDir(), 'notes.sqlite');
  fs.writeFileSync(file, '这不是数据库'.repeat(100));
  const before = sha(file);
  await assert.rejects(Ledger.open(file, { clock: testClock }), /已存在，需要登录后才能打开/);
  const other = await Ledger.open(path.join(tempDir(), 'ledger.sqlite'), { clock: testClock });
  await other.close({ backup: false });
  await assert.rejects(Ledger.open(file, { clock: testClock, keys: other.keys }), /密钥与台账文件不符.*未作任何改动/);
  assert.equal(sha(file), before);
});

test('a directory, an unwritable place and an old SQLite are refused and nothing is created', async () => {
  const dir = tempDir();
  await assert.rejects(Ledger.open(dir, { clock: testClock }), /是一个文件夹/);
  await assert.rejects(Ledger.open('/proc/bianmin-no-such/ledger.sqlite', { clock: testClock }), /无法写入/);
  const file = path.join(dir, 'new.sqlite');
  await assert.rejects(Ledger.open(file, { clock: testClock, sqliteVersion: '3.51.2' }), /SQLite 版本 3\.51\.2 太旧/);
  assert.equal(fs.existsSync(file), false);
  assert.deepEqual(fs.readdirSync(dir), []);
});

test('network shares are recognised: UNC paths and network file systems', async () => {
  const mounts = [
    '/dev/sda1 / ext4 rw 0 0',
    'fs:/export /mnt/share nfs4 rw 0 0',
    '//srv/pub /media/smb cifs rw 0 0',
  ].join('\n');
  assert.equal(mountTypeOf('/mnt/share/a/ledger.sqlite', mounts), 'nfs4');
  assert.equal(isNetworkPath('/mnt/share/ledger.sqlite', mounts), true);
  assert.equal(isNetworkPath('/media/smb/ledger.sqlite', mounts), true);
  assert.equal(isNetworkPath('/mnt/shared/ledger.sqlite', mounts), false, 'a prefix of a mount point is not inside it');
  assert.equal(isNetworkPath('/home/a/ledger.sqlite', mounts), false);
  assert.equal(isNetworkPath('\\\\fileserver\\台账\\ledger.sqlite', mounts), true);
  await assert.rejects(Ledger.open('//fileserver/share/ledger.sqlite', { clock: testClock }), /网络共享/);
});

test('migrations are history: what 0014 and 0015 expand to from db/synced.ts never changes (a change is a new one)', () => {
  // Ledgers past version 15 never run these again: a table added to or dropped from SYNCED, or a key changed, would
  // give new ledgers other triggers than old ones at the same version. Such a change goes in a new migration.
  const frozen: Record<string, string> = {
    '0014_outbox.sql': '98f181f84fb7262513b4ac2f4c381a9a2c4febc93ddbb7bf41bcd410de71d836',
    '0015_outbox_registers.sql': '6a48efff36a1bbde81abcd718c50488e519c88f5dd3a09210d50ac6d39af28ee',
  };
  for (const m of loadMigrations().filter((x) => x.name in frozen))
    assert.equal(
      crypto.createHash('sha256').update(m.sql.replace(/\r\n/g, '\n')).digest('hex'),
      frozen[m.name],
      m.name,
    );
});
