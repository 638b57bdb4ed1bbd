// The re-key (core/rekey.ts): kill -9 at every step and at random moments of the copy leaves a ledger that the old key
// or the new key opens, never neither, with every row; the next open settles the key file on the one that opens. And
// a key file of version 1 (before key pairs) still opens, and is rewritten as version 2 at the first sign-in.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process'; // date-free: node on children/rekeyLedger.ts, read with this file
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { Ledger } from '../../main/core/ledger';
import { rekeyingOf, rekeyLedger } from '../../main/core/rekey';
import { Keyring, keysFileOf } from '../../main/db/keys';
import { openKeyed } from '../../main/db/open';
import { CURRENT_PARAMS, derive } from '../../main/db/password';
import { AppError } from '../../shared/domain/result';
import { childArgs } from './fixtures';
import { must, tempDir, testClock, world } from './helpers';

const CHILD = path.join(__dirname, 'children', 'rekeyLedger.ts');
const ROWS = 60_000;

/** A closed ledger with an admin and enough audit rows that the copy takes a moment. */
async function fixture(): Promise<{ file: string; rows: number }> {
  const w = await world({ hashing: 'real' });
  await w.admin();
  const ins = w.ledger.db.prepare(
    `INSERT INTO audit_log (at, staff_id, channel, entity, entity_id, before, after)
      VALUES ('2026-11-20T09:00:00+08:00', 1, 'households.update', 'households', ?, NULL, ?)`,
  );
  w.ledger.db.transaction(() => {
    for (let i = 0; i < ROWS; i++) ins.run(String(i), JSON.stringify({ note: `第 ${i} 行`, pad: 'x'.repeat(120) }));
  })();
  const rows = w.count('audit_log');
  await w.ledger.close({ backup: false });
  return { file: w.ledger.file, rows };
}

function copyOf(fixtureFile: string): string {
  const file = path.join(tempDir(), 'ledger.sqlite');
  fs.copyFileSync(fixtureFile, file);
  fs.copyFileSync(keysFileOf(fixtureFile), keysFileOf(file));
  return file;
}

/** Runs the child; kills it `delayMs` after it says `cue`. Answers whether it was killed. */
async function runChild(file: string, stopAt: string, cue: string, delayMs: number): Promise<boolean> {
  const args = await childArgs(CHILD);
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...args, file, stopAt], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let armed = false;
    p.stderr.on('data', (d) => (err += d));
    p.stdout.on('data', (d) => {
      out += d;
      if (!armed && out.split('\n').includes(cue)) {
        armed = true;
        setTimeout(() => p.kill('SIGKILL'), delayMs);
      }
    });
    p.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') return resolve(true);
      if (code !== 0 || !out.includes('"phase":"done"'))
        return reject(new Error(`child failed (${code}): ${out}${err}`));
      resolve(false);
    });
  });
}

/** What a kill left: which of the key file's generations opens the ledger file, and its rows (through that key). */
function whatIsThere(file: string): { opening: number[]; generations: number[]; rows: number } {
  const keys = Keyring.read(keysFileOf(file));
  const r = keys.signIn('admin', 'admin-pass-1', testClock());
  assert.ok(!(r instanceof Error), 'the admin’s password opens the key file');
  const opening: number[] = [];
  let rows = -1;
  for (const gen of keys.generations) {
    try {
      const db = openKeyed(file, keys.keyFor(gen)!, { readonly: true });
      rows = db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
      db.close();
      opening.push(gen);
    } catch {
      // this generation's key does not open the file
    }
  }
  return { opening, generations: keys.generations, rows };
}

test('kill -9 at each step of a re-key and at random moments of its copy: the old key or the new one opens the ledger, never neither; the next open settles it', async () => {
  const { file: fixtureFile, rows } = await fixture();
  const points: { stopAt: string; cue: string; delay: number }[] = [
    { stopAt: 'copied', cue: 'copied', delay: 50 },
    { stopAt: 'keyed', cue: 'keyed', delay: 50 },
    { stopAt: 'swapped', cue: 'swapped', delay: 50 },
    { stopAt: 'settled', cue: 'settled', delay: 50 },
    // Random moments from the start of the copy on: the kill lands wherever it lands.
    ...[0, 1, 2, 3, 4, 5].map(() => ({ stopAt: '-', cue: 'copying', delay: Math.floor(Math.random() * 400) })),
  ];
  const seen = { old: 0, new: 0 };
  for (const p of points) {
    const file = copyOf(fixtureFile);
    const killed = await runChild(file, p.stopAt, p.cue, p.delay);
    const left = whatIsThere(file);
    assert.equal(left.opening.length, 1, `exactly one key opens the ledger after a kill at ${p.cue}+${p.delay}`);
    assert.equal(left.rows, rows, 'every row is there');
    const onNew = left.opening[0] === 2;
    seen[onNew ? 'new' : 'old']++;
    if (['swapped', 'settled'].includes(p.stopAt)) assert.ok(onNew, `after ${p.stopAt} the new key opens it`);
    if (['copied', 'keyed'].includes(p.stopAt)) assert.ok(!onNew, `after ${p.stopAt} the old key still opens it`);
    if (p.stopAt === 'keyed') assert.deepEqual(left.generations, [2, 1], 'both generations are in the key file');
    // The next start: the key file keeps the generation that opens, the scratch copy is gone, and a re-key runs.
    const ledger = await Ledger.open(file, {
      clock: testClock,
      keys: Keyring.unlock(file, 'admin', 'admin-pass-1', testClock()),
    });
    assert.deepEqual(ledger.keys.generations, [left.opening[0]]);
    assert.ok(!fs.existsSync(rekeyingOf(file)));
    assert.equal(ledger.db.pragma('quick_check', { simple: true }), 'ok');
    const done = await rekeyLedger(ledger, 'after the crash');
    assert.equal(done.phase, 'done', done.message ?? '');
    assert.equal(
      ledger.db.prepare('SELECT count(*) FROM audit_log WHERE channel = ?').pluck().get('households.update'),
      ROWS,
    );
    await ledger.close({ backup: false });
    assert.equal(killed || p.stopAt === '-', true);
  }
  assert.ok(seen.old > 0 && seen.new > 0, `kills left both the old ledger and the new one (${JSON.stringify(seen)})`);
});

/** The key file as version 1 wrote it: the data key wrapped straight under each password, one MAC. */
function writeV1(
  file: string,
  ledgerId: string,
  dataKey: Buffer,
  staff: { id: number; username: string; password: string }[],
) {
  const b64 = (b: Buffer) => b.toString('base64');
  const wrapV1 = (secret: string, aad: string) => {
    const salt = crypto.randomBytes(16);
    const scrypted = derive(secret, salt, CURRENT_PARAMS);
    const wk = Buffer.from(crypto.hkdfSync('sha256', scrypted, Buffer.alloc(0), `bianmin key slot ${aad}`, 32));
    const iv = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', wk, iv);
    c.setAAD(Buffer.from(aad));
    const key = Buffer.concat([c.update(dataKey), c.final()]);
    return {
      salt: b64(salt),
      params: JSON.stringify(CURRENT_PARAMS),
      iv: b64(iv),
      tag: b64(c.getAuthTag()),
      key: b64(key),
    };
  };
  const f = {
    format: 'bianmin-keys',
    version: 1,
    ledgerId,
    centerName: '旧版中心',
    demo: null,
    recoveryConfirmed: true,
    slots: staff.map((s) => ({
      staffId: s.id,
      username: s.username,
      ...wrapV1(s.password, `staff ${s.id} ${s.username}`),
    })),
    recovery: null,
    mac: '',
    counters: {},
  };
  const { mac: _m, counters: _c, ...covered } = f;
  const macKey = Buffer.from(crypto.hkdfSync('sha256', dataKey, Buffer.alloc(0), 'bianmin key file mac', 32));
  f.mac = crypto.createHmac('sha256', macKey).update(JSON.stringify(covered)).digest('base64');
  fs.writeFileSync(file, JSON.stringify(f, null, 1));
}

test('a version-1 key file opens with every password, becomes version 2 at the first sign-in, and a re-key drops the slots not yet signed in', async () => {
  const w = await world({ hashing: 'real' });
  const admin = await w.admin();
  const li = must(
    await w.call(admin, 'staff.create', {
      username: 'LiMing',
      displayName: '李明',
      password: 'li-pass-1',
      roles: ['clerk'],
    }),
  );
  const zhao = must(
    await w.call(admin, 'staff.create', {
      username: 'zhaoqiang',
      displayName: '赵强',
      password: 'zhao-pass-1',
      roles: ['clerk'],
    }),
  );
  const key = w.ledger.keys.key;
  const file = w.ledger.file;
  await w.ledger.close({ backup: false });
  writeV1(keysFileOf(file), w.ledger.id, key, [
    { id: 1, username: 'admin', password: 'admin-pass-1' },
    { id: li.id, username: 'LiMing', password: 'li-pass-1' },
    { id: zhao.id, username: 'zhaoqiang', password: 'zhao-pass-1' },
  ]);
  assert.throws(() => Keyring.unlock(file, 'admin', 'wrong-pass', testClock()), /用户名或密码错误/);
  assert.equal(JSON.parse(fs.readFileSync(keysFileOf(file), 'utf8')).version, 1, 'a wrong password writes nothing');
  // The name typed in another case, as the staff table allows.
  const keys = Keyring.unlock(file, 'liming', 'li-pass-1', testClock());
  const text = fs.readFileSync(keysFileOf(file), 'utf8');
  assert.equal(JSON.parse(text).version, 2);
  for (const name of ['LiMing', 'liming', 'zhaoqiang']) assert.ok(!text.includes(name), `${name} is not in the file`);
  const ledger = await Ledger.open(file, { clock: testClock, keys });
  assert.deepEqual(ledger.keys.legacyStaff.sort(), [1, zhao.id].sort(), 'the others are still on their old slots');
  await ledger.close({ backup: false });
  Keyring.unlock(file, 'admin', 'admin-pass-1', testClock());
  const again = await Ledger.open(file, {
    clock: testClock,
    keys: Keyring.unlock(file, 'LiMing', 'li-pass-1', testClock()),
  });
  assert.deepEqual(again.keys.legacyStaff, [zhao.id]);
  const done = await rekeyLedger(again, 'test');
  assert.equal(done.phase, 'done');
  assert.equal(again.keys.hasSlot(zhao.id), false, 'a slot of version 1 cannot follow a re-key: 需重置密码');
  await again.close({ backup: false });
  Keyring.unlock(file, 'admin', 'admin-pass-1', testClock());
  Keyring.unlock(file, 'liming', 'li-pass-1', testClock());
  assert.throws(() => Keyring.unlock(file, 'zhaoqiang', 'zhao-pass-1', testClock()), /用户名或密码错误/);
});

/** Every key an old key file gives with a password: its current data key and the older ones boxed under it. */
function keysFrom(keyFile: string, username: string, password: string): Buffer[] {
  const k = Keyring.read(keyFile);
  const r = k.signIn(username, password, testClock());
  if (r instanceof AppError) throw r;
  return k.allKeys;
}

const opensWith = (file: string, keys: Buffer[]) =>
  keys.some((key) => {
    try {
      openKeyed(file, key, { readonly: true }).close();
      return true;
    } catch {
      return false;
    }
  });

test('no backup made after a deactivation opens with the old key file: on USB during the re-key, at the exit', async () => {
  const w = await world({ hashing: 'real' });
  const admin = await w.admin();
  await w.staff('bob', ['clerk']);
  const bob = w.one<{ id: number }>(`SELECT id FROM staff WHERE username = 'bob'`);
  const stolen = path.join(tempDir(), 'stolen.keys');
  fs.copyFileSync(keysFileOf(w.ledger.file), stolen);
  const bobKeys = keysFrom(stolen, 'bob', 'staff-pass-1');
  must(await w.call(admin, 'staff.update', { id: bob.id, displayName: 'bob', active: false, roles: ['clerk'] }));
  // A USB backup asked for while the re-key is about to start (or running) waits for it.
  const usb = must(await w.call(admin, 'backup.create', { folder: tempDir() }));
  assert.ok(!opensWith(usb.path, bobKeys), 'the USB backup made after the deactivation');
  assert.ok(opensWith(usb.path, w.ledger.keys.allKeys.slice(0, 1)), 'it opens with the new key');
  // Deactivated again and closed at once: the exit backup waits for the re-key.
  await w.staff('carl', ['clerk']);
  const carl = w.one<{ id: number }>(`SELECT id FROM staff WHERE username = 'carl'`);
  const stolen2 = path.join(tempDir(), 'stolen2.keys');
  fs.copyFileSync(keysFileOf(w.ledger.file), stolen2);
  const carlKeys = keysFrom(stolen2, 'carl', 'staff-pass-1');
  must(await w.call(admin, 'staff.update', { id: carl.id, displayName: 'carl', active: false, roles: ['clerk'] }));
  const dir = w.ledger.backupsDir;
  const before = new Set(fs.readdirSync(dir));
  await w.ledger.close();
  const exit = fs.readdirSync(dir).filter((f) => f.endsWith('.sqlite') && !before.has(f));
  assert.equal(exit.length, 1, 'the exit backup');
  assert.ok(!opensWith(path.join(dir, exit[0]), carlKeys), 'the exit backup after the deactivation');
  assert.equal(Keyring.read(keysFileOf(w.ledger.file)).rekeyDue, false, 'the re-key finished before the exit');
});

test('an edited key file locks no one for ever and cannot make the sign-in derive for minutes', async () => {
  const w = await world({ hashing: 'real' });
  await w.admin();
  const file = w.ledger.file;
  await w.ledger.close({ backup: false });
  const kf = keysFileOf(file);
  // One wrong password leaves the admin's counter in the file.
  assert.ok(Keyring.read(kf).signIn('admin', 'wrong-pass', testClock()) instanceof AppError);
  const f = JSON.parse(fs.readFileSync(kf, 'utf8')) as {
    counters: Record<string, { failed: number; lockedUntil: string | null }>;
    slots: { priv: { params: string } }[];
  };
  // The counters are outside the MAC: a lock far in the future is not a lock this program ever set.
  const [tag] = Object.keys(f.counters);
  assert.ok(tag, 'a counter');
  const edited = structuredClone(f);
  edited.counters[tag] = { failed: 0, lockedUntil: '9999-12-31T00:00:00.000+08:00' };
  fs.writeFileSync(kf, JSON.stringify(edited));
  const signedIn = Keyring.read(kf).signIn('admin', 'admin-pass-1', testClock());
  assert.ok(!(signedIn instanceof AppError), 'a far-future lock is ignored');
  // A slot's scrypt cost raised (p = 1000 would hold the sign-in for minutes) is refused at once, as a broken file.
  const costly = structuredClone(f);
  costly.slots[0].priv.params = JSON.stringify({ ...CURRENT_PARAMS, p: 1000 });
  fs.writeFileSync(kf, JSON.stringify(costly));
  const t = performance.now();
  assert.throws(() => Keyring.read(kf).signIn('admin', 'admin-pass-1', testClock()), /钥匙文件已损坏或被改动过/);
  assert.ok(performance.now() - t < 5000, 'refused before deriving');
});
