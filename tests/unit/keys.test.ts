// Encryption at rest on real files: what a copied ledger, WAL or backup gives away (nothing), who opens the ledger
// (each staff member's password, the recovery key; not a deactivated member's), faults of the key file, and a USB
// backup restored onto a new PC.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process'; // date-free: the sqlite3 command reads no date
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import Database from 'better-sqlite3-multiple-ciphers';

import { newSession, type Session } from '../../main/core/dispatch';
import { rekeyRunning } from '../../main/core/rekey';
import { Keyring, keysFileOf } from '../../main/db/keys';
import { openKeyed } from '../../main/db/open';
import { idNumberFor } from '../../main/demo/fictional';
import { createDesk, type Desk } from '../../main/desk';
import { handlers } from '../../main/handlers';
import type { Channel, Input, Output } from '../../shared/contract';
import type { Result } from '../../shared/domain/result';
import { Clock, must, refused, tempDir, testClock } from './helpers';

const PLANTED = {
  name: '欧阳秘密',
  id: idNumberFor('1968-04-12', 7, false),
  phone: '13912345678',
  account: '6217009988776655443',
};
const ADMIN = { username: 'admin', displayName: '王管理', password: 'admin-pass-1' };

const call = <C extends Channel>(desk: Desk, s: Session, channel: C, input: Input<C>) =>
  desk.dispatch(s, channel, input) as Promise<Result<Output<C>>>;

/** The bytes of a file hold none of the planted household's words, in UTF-8 or UTF-16 (how SQLite may keep text). */
function assertHoldsNothing(file: string): void {
  const bytes = fs.readFileSync(file);
  for (const word of Object.values(PLANTED))
    for (const enc of ['utf8', 'utf16le'] as const)
      assert.ok(!bytes.includes(Buffer.from(word, enc)), `${path.basename(file)} holds ${word} in clear`);
  assert.ok(!bytes.subarray(0, 16).toString('latin1').startsWith('SQLite format 3'), `${file} has a plain header`);
}

function assertUnreadable(file: string): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  assert.throws(() => db.prepare('SELECT count(*) FROM sqlite_master').get(), /file is not a database/);
  db.close();
  const cli = spawnSync('sqlite3', ['-readonly', file, 'SELECT count(*) FROM sqlite_master;'], { encoding: 'utf8' });
  if (cli.error) throw new Error(`sqlite3 is needed for this test (apt-get install sqlite3): ${cli.error.message}`);
  assert.notEqual(cli.status, 0);
  assert.match(cli.stderr, /file is not a database/);
}

/** A first start on `dir`: the administrator, the recovery key typed back, the planted household. */
async function firstStart(dir: string, clock = new Clock()) {
  const file = path.join(dir, 'ledger.sqlite');
  const desk = createDesk(file, { clock: clock.now, handlers });
  const admin = newSession();
  const { recoveryKey } = must(await call(desk, admin, 'setup.createAdmin', ADMIN));
  assert.match(recoveryKey, /^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
  must(await call(desk, admin, 'setup.confirmRecovery', { recoveryKey: recoveryKey.toLowerCase() }));
  must(await call(desk, admin, 'session.signIn', { username: 'admin', password: ADMIN.password }));
  const area = must(await call(desk, admin, 'areas.save', { name: '东山村' }));
  must(
    await call(desk, admin, 'households.create', {
      areaId: area.id,
      members: [{ name: PLANTED.name, idNumber: PLANTED.id, relation: '户主', phone: PLANTED.phone }],
      categories: [],
      account: PLANTED.account,
    }),
  );
  return { file, desk, admin, recoveryKey, clock };
}

/** A new start on the same ledger: closed until a sign-in. */
const restart = (file: string, clock = new Clock()) => createDesk(file, { clock: clock.now, handlers });

test('the ledger, its WAL and its backups hold nothing in clear and open without the key neither in sqlite3 nor in better-sqlite3', async () => {
  const { file, desk, admin } = await firstStart(tempDir());
  const usb = tempDir();
  const manual = must(await call(desk, admin, 'backup.create', {}));
  const onUsb = must(await call(desk, admin, 'backup.create', { folder: usb }));
  assert.ok(fs.statSync(file + '-wal').size > 0, 'the WAL holds the writes (not yet checkpointed)');
  for (const f of [file, file + '-wal', manual.path, onUsb.path]) assertHoldsNothing(f);
  for (const f of [file, manual.path, onUsb.path]) assertUnreadable(f);
  // The key file beside the USB backup holds wrapped keys only.
  const keys = fs.readFileSync(onUsb.path.replace(/\.sqlite$/, '.keys'), 'utf8');
  assert.ok(!keys.includes(ADMIN.password));
  for (const w of Object.values(PLANTED)) assert.ok(!keys.includes(w));
  await desk.close();
  for (const f of [file, ...fs.readdirSync(path.join(path.dirname(file), 'backups'), { recursive: true }).map(String)])
    if (f.endsWith('.sqlite')) assertHoldsNothing(path.isAbsolute(f) ? f : path.join(path.dirname(file), 'backups', f));
});

test('each staff member opens the ledger with their own password, anyone with the recovery key; a change, a reset and a deactivation take effect', async () => {
  const { file, desk, admin, recoveryKey } = await firstStart(tempDir());
  for (const username of ['li', 'zhao'])
    must(
      await call(desk, admin, 'staff.create', {
        username,
        displayName: username,
        password: 'staff-pass-1',
        roles: ['clerk'],
      }),
    );
  await desk.close();

  for (const username of ['li', 'zhao', 'admin']) {
    const d = restart(file);
    const s = newSession();
    assert.equal(d.ledger, null, 'closed until someone signs in');
    assert.equal(must(await call(d, s, 'setup.state', {})).needsAdmin, false);
    refused(await call(d, s, 'households.list', { offset: 0, limit: 10 }));
    const password = username === 'admin' ? ADMIN.password : 'staff-pass-1';
    must(await call(d, s, 'session.signIn', { username, password }));
    assert.ok(d.ledger, `${username} opened the ledger`);
    assert.equal(must(await call(d, s, 'households.list', { offset: 0, limit: 10 })).total, 1);
    if (username === 'li')
      must(await call(d, s, 'session.changePassword', { oldPassword: password, newPassword: 'li-new-pass-2' }));
    if (username === 'admin') {
      const zhao = must(await call(d, s, 'staff.list', {})).find((r) => r.username === 'zhao')!;
      must(await call(d, s, 'staff.resetPassword', { id: zhao.id, password: 'zhao-reset-3' }));
    }
    await d.close();
  }

  // The changed and the reset password open it; the old ones open nothing, and leave it closed.
  for (const [username, old, now] of [
    ['li', 'staff-pass-1', 'li-new-pass-2'],
    ['zhao', 'staff-pass-1', 'zhao-reset-3'],
  ]) {
    const d = restart(file);
    assert.match(
      refused(await call(d, newSession(), 'session.signIn', { username, password: old })).message,
      /用户名或密码错误/,
    );
    assert.equal(d.ledger, null);
    must(await call(d, newSession(), 'session.signIn', { username, password: now }));
    await d.close();
  }

  // Every password lost: the recovery key sets the admin's new one and signs in.
  const d1 = restart(file);
  const wrong = refused(
    await call(d1, newSession(), 'session.recover', {
      recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH',
      username: 'admin',
      newPassword: 'admin-new-9',
    }),
  );
  assert.equal(wrong.field, 'recoveryKey');
  assert.equal(d1.ledger, null);
  const s1 = newSession();
  must(await call(d1, s1, 'session.recover', { recoveryKey, username: 'admin', newPassword: 'admin-new-9' }));
  const li = must(await call(d1, s1, 'staff.list', {})).find((r) => r.username === 'li')!;
  must(await call(d1, s1, 'staff.update', { id: li.id, displayName: li.displayName, roles: li.roles, active: false }));
  assert.equal(must(await call(d1, s1, 'staff.list', {})).find((r) => r.username === 'li')!.hasKey, false);
  await d1.close();

  const d2 = restart(file);
  refused(await call(d2, newSession(), 'session.signIn', { username: 'admin', password: ADMIN.password }));
  refused(await call(d2, newSession(), 'session.signIn', { username: 'li', password: 'li-new-pass-2' }));
  assert.equal(d2.ledger, null, 'a deactivated member cannot open the ledger with their old password');
  must(await call(d2, newSession(), 'session.signIn', { username: 'admin', password: 'admin-new-9' }));
  await d2.close();
});

test('a wrong recovery key, a key file missing, edited or of another ledger: a clear message, nothing overwritten', async () => {
  const { file, desk } = await firstStart(tempDir());
  await desk.close();
  const keysFile = keysFileOf(file);
  const ledgerBytes = fs.readFileSync(file);
  const keysText = fs.readFileSync(keysFile, 'utf8');
  const signIn = async (d: Desk) =>
    refused(await call(d, newSession(), 'session.signIn', { username: 'admin', password: ADMIN.password })).message;

  // The ledger copied without its key file.
  const alone = tempDir();
  fs.copyFileSync(file, path.join(alone, 'ledger.sqlite'));
  const d1 = restart(path.join(alone, 'ledger.sqlite'));
  assert.equal(must(await call(d1, newSession(), 'setup.state', {})).needsAdmin, false);
  assert.match(await signIn(d1), /找不到钥匙文件/);
  assert.equal(d1.ledger, null);
  await d1.close();

  // A key file edited by hand (a slot's username changed): the MAC refuses it.
  const edited = JSON.parse(keysText) as { slots: { username: string }[]; centerName: string };
  edited.centerName = '别的中心';
  fs.writeFileSync(keysFile, JSON.stringify(edited));
  const d2 = restart(file);
  assert.match(await signIn(d2), /钥匙文件.*已损坏或被改动过/);
  fs.writeFileSync(keysFile, '{ not json');
  assert.match(await signIn(d2), /已损坏或被改动过/);
  await d2.close();

  // Another ledger's key file beside this ledger: its key does not open this file.
  const other = await firstStart(tempDir());
  await other.desk.close();
  fs.copyFileSync(keysFileOf(other.file), keysFile);
  const d3 = restart(file);
  assert.match(await signIn(d3), /密钥与台账文件不符/);
  await d3.close();

  assert.deepEqual(fs.readFileSync(file), ledgerBytes, 'the ledger is byte for byte what it was');
  fs.writeFileSync(keysFile, keysText);
  const d4 = restart(file);
  must(await call(d4, newSession(), 'session.signIn', { username: 'admin', password: ADMIN.password }));
  await d4.close();
});

test('a USB backup with its key file is restored onto a fresh folder with a password or the recovery key; another ledger’s backup is refused', async () => {
  const { file, desk, admin, recoveryKey } = await firstStart(tempDir());
  const usb = tempDir();
  const backup = must(await call(desk, admin, 'backup.create', { folder: usb }));
  await desk.close();
  const other = await firstStart(tempDir());

  for (const proof of [{ username: 'admin', password: ADMIN.password }, { recoveryKey }]) {
    const fresh = path.join(tempDir(), 'new-pc', 'ledger.sqlite');
    const d = restart(fresh);
    const s = newSession();
    assert.equal(must(await call(d, s, 'setup.state', {})).needsAdmin, true);
    const wrong = 'password' in proof ? { ...proof, password: 'wrong-pass' } : { recoveryKey: 'ZZZZ'.repeat(8) };
    refused(await call(d, s, 'setup.restore', { file: backup.path, ...wrong }));
    assert.ok(!fs.existsSync(fresh), 'a wrong secret writes nothing');
    must(await call(d, s, 'setup.restore', { file: backup.path, ...proof }));
    must(await call(d, s, 'session.signIn', { username: 'admin', password: ADMIN.password }));
    const list = must(await call(d, s, 'households.list', { offset: 0, limit: 10 }));
    assert.equal(list.total, 1);
    assert.ok(fs.existsSync(keysFileOf(fresh)));
    await d.close();
  }

  // Another ledger's USB backup, with this ledger's key file beside it: refused, the backups untouched.
  const theirs = must(await call(other.desk, other.admin, 'backup.create', { folder: tempDir() }));
  await other.desk.close();
  const mixed = path.join(tempDir(), 'bianmin-2026-11-23T090000-manual.sqlite');
  fs.copyFileSync(theirs.path, mixed);
  fs.copyFileSync(backup.path.replace(/\.sqlite$/, '.keys'), mixed.replace(/\.sqlite$/, '.keys'));
  const d = restart(path.join(tempDir(), 'ledger.sqlite'));
  const e = refused(
    await call(d, newSession(), 'setup.restore', { file: mixed, username: 'admin', password: ADMIN.password }),
  );
  assert.match(e.message, /属于另一个台账/);
  // Within a ledger, the same: a backup of another ledger put into its backups folder is refused.
  const mine = restart(file);
  const s = newSession();
  must(await call(mine, s, 'session.signIn', { username: 'admin', password: ADMIN.password }));
  const into = path.join(mine.ledger!.backupsDir, path.basename(mixed));
  fs.copyFileSync(theirs.path, into);
  assert.match(
    refused(await call(mine, s, 'backup.restore', { file: path.basename(mixed) })).message,
    /属于另一个台账/,
  );
  await mine.close();
  await d.close();
  assert.ok(Keyring.exists(keysFileOf(file)));
});

/** Lets a re-key scheduled by the call just made (after its commit) start, then waits for it. */
async function rekeyed(desk: Desk): Promise<void> {
  await new Promise((r) => setImmediate(r));
  await rekeyRunning(desk.ledger!);
}

test('after a deactivation the data key changes: an old key file and the old password open neither the ledger nor a backup made after; the others keep their passwords; backups from before still restore', async () => {
  const { file, desk, admin } = await firstStart(tempDir());
  const li = must(
    await call(desk, admin, 'staff.create', {
      username: 'liwenjing',
      displayName: '李文静',
      password: 'li-pass-1',
      roles: ['clerk'],
    }),
  );
  must(
    await call(desk, admin, 'staff.create', {
      username: 'zhaoqiang',
      displayName: '赵强',
      password: 'zhao-pass-1',
      roles: ['clerk'],
    }),
  );
  // What li could have kept: a USB backup with its key file, made while li was active.
  const before = must(await call(desk, admin, 'backup.create', { folder: tempDir() }));
  const oldKeyFile = before.path.replace(/\.sqlite$/, '.keys');
  const inFolder = must(await call(desk, admin, 'backup.create', {}));

  must(
    await call(desk, admin, 'staff.update', { id: li.id, displayName: li.displayName, roles: li.roles, active: false }),
  );
  await rekeyed(desk);
  const state = must(await call(desk, admin, 'keys.rekeyState', {}));
  assert.equal(state.generation, 2, 'the data key changed');
  assert.equal(state.due, false);
  const after = must(await call(desk, admin, 'backup.create', { folder: tempDir() }));
  const afterDaily = must(await call(desk, admin, 'backup.create', {}));

  // li's old password and the old key file give the old data key, which opens nothing made after.
  const old = Keyring.read(oldKeyFile);
  const r = old.signIn('liwenjing', 'li-pass-1', testClock());
  assert.ok(!(r instanceof Error), 'the old key file still opens with li’s old password');
  const oldKey = (r as { dataKey: Buffer }).dataKey;
  for (const f of [file, after.path, afterDaily.path])
    assert.throws(() => openKeyed(f, oldKey, { readonly: true }).close(), /密钥与台账文件不符/, f);
  // Together with the new key file: li has no slot there, and the old key opens none of it.
  const current = Keyring.read(keysFileOf(file));
  assert.match(String(current.signIn('liwenjing', 'li-pass-1', testClock())), /用户名或密码错误/);
  const newer = Keyring.read(after.path.replace(/\.sqlite$/, '.keys'));
  assert.match(String(newer.signIn('liwenjing', 'li-pass-1', testClock())), /用户名或密码错误/);
  // What was made before keeps its key: the old key file opens the old backup (as the screen says).
  openKeyed(before.path, oldKey, { readonly: true }).close();
  await desk.close();

  // The others sign in with their unchanged passwords; a backup from before the re-key restores in place.
  const d = restart(file);
  const s = newSession();
  must(await call(d, s, 'session.signIn', { username: 'zhaoqiang', password: 'zhao-pass-1' }));
  await d.close();
  const d2 = restart(file);
  const s2 = newSession();
  must(await call(d2, s2, 'session.signIn', { username: 'admin', password: ADMIN.password }));
  must(await call(d2, s2, 'backup.restore', { file: path.basename(inFolder.path) }));
  assert.equal(must(await call(d2, s2, 'households.list', { offset: 0, limit: 10 })).total, 1);
  await d2.close();
  const d3 = restart(file);
  must(await call(d3, newSession(), 'session.signIn', { username: 'zhaoqiang', password: 'zhao-pass-1' }));
  await d3.close();
});

test('a replaced recovery key and 更换数据密钥 change the data key; the old recovery key with the old key file opens nothing after', async () => {
  const { file, desk, admin, recoveryKey } = await firstStart(tempDir());
  const oldCopy = path.join(tempDir(), 'old.keys');
  fs.copyFileSync(keysFileOf(file), oldCopy);
  must(await call(desk, admin, 'keys.newRecovery', {}));
  await rekeyed(desk);
  assert.equal(must(await call(desk, admin, 'keys.rekeyState', {})).generation, 2);
  const oldKey = Keyring.read(oldCopy).recover(recoveryKey)!;
  assert.ok(oldKey, 'the old recovery key opens the old key file');
  assert.throws(() => openKeyed(file, oldKey, { readonly: true }).close(), /密钥与台账文件不符/);
  const done = must(await call(desk, admin, 'keys.rekey', {}));
  assert.equal(done.phase, 'done');
  assert.equal(done.generation, 3);
  assert.equal(must(await call(desk, admin, 'households.list', { offset: 0, limit: 10 })).total, 1);
  await desk.close();
  const d = restart(file);
  must(await call(d, newSession(), 'session.signIn', { username: 'admin', password: ADMIN.password }));
  await d.close();
});

test('no password is cached: after a change the old one opens nothing, not even at the lock screen; the key file names no one', async () => {
  const { file, desk, admin } = await firstStart(tempDir());
  must(
    await call(desk, admin, 'staff.create', {
      username: 'qianxiaohong',
      displayName: '钱小红',
      password: 'qian-pass-1',
      roles: ['clerk'],
    }),
  );
  const s = newSession();
  must(await call(desk, s, 'session.signIn', { username: 'qianxiaohong', password: 'qian-pass-1' }));
  must(await call(desk, s, 'session.changePassword', { oldPassword: 'qian-pass-1', newPassword: 'qian-pass-2' }));
  must(await call(desk, s, 'session.lock', {}));
  refused(await call(desk, s, 'session.unlock', { password: 'qian-pass-1' }));
  must(await call(desk, s, 'session.unlock', { password: 'qian-pass-2' }));
  // The same on the key file itself: a sign-in, a new slot, the old password again.
  const keys = desk.ledger!.keys;
  assert.ok(!(keys.signIn('qianxiaohong', 'qian-pass-2', testClock()) instanceof Error));
  const id = must(await call(desk, admin, 'staff.list', {})).find((r) => r.username === 'qianxiaohong')!.id;
  keys.setSlot(id, 'qianxiaohong', 'qian-pass-3');
  assert.match(String(keys.signIn('qianxiaohong', 'qian-pass-2', testClock())), /用户名或密码错误/);
  // A wrong password counted: the counter is under a keyed hash too.
  keys.signIn('qianxiaohong', 'wrong-pass', testClock());
  await desk.close();
  const text = fs.readFileSync(keysFileOf(file), 'utf8');
  for (const name of ['qianxiaohong', '钱小红', '"admin"', ADMIN.displayName]) assert.ok(!text.includes(name), name);
});
