// The upgrade of a plain ledger made by the version before encryption: by its administrator from the sign-in screen,
// with a plain backup where they chose; and with kill -9 at random moments, which leave the old plain ledger or the
// new encrypted one, never neither.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process'; // date-free: node (under bash) on children/encryptLedger.ts
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import Database from 'better-sqlite3-multiple-ciphers';

import { newSession } from '../../main/core/dispatch';
import { Keyring, keysFileOf } from '../../main/db/keys';
import { isPlain, openKeyed } from '../../main/db/open';
import { encryptLedger } from '../../main/db/upgrade';
import { createDesk } from '../../main/desk';
import { handlers } from '../../main/handlers';
import { AppError } from '../../shared/domain/result';
import { childArgs } from './fixtures';
import { Clock, must, refused, tempDir } from './helpers';
import { makePlainLedger, PLAIN_PASSWORDS, PLANTED_NAME } from './plainLedger';

const CHILD = path.join(__dirname, 'children', 'encryptLedger.ts');
const NOW = new Date('2026-11-23T09:00:00+08:00');

/** The households of a ledger file as it stands: plain, or encrypted and opened through the admin's slot. */
function whatIsThere(file: string): { state: 'plain' | 'encrypted'; households: number; planted: number } {
  const plain = isPlain(file);
  let db: Database.Database;
  if (plain) db = new Database(file, { readonly: true, fileMustExist: true });
  else {
    const r = Keyring.read(keysFileOf(file)).signIn('admin', PLAIN_PASSWORDS.admin, NOW);
    if (r instanceof AppError) throw new Error(r.message);
    db = openKeyed(file, r.dataKey, { readonly: true });
  }
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    return {
      state: plain ? 'plain' : 'encrypted',
      households: db.prepare('SELECT count(*) FROM households').pluck().get() as number,
      planted: db.prepare('SELECT count(*) FROM persons WHERE name = ?').pluck().get(PLANTED_NAME) as number,
    };
  } finally {
    db.close();
  }
}

test('the admin encrypts a plain ledger from the sign-in screen: a plain backup where they chose, every password kept', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'ledger.sqlite');
  const { households } = makePlainLedger(file, 50);
  // An old daily backup, plain like everything that version made.
  const id = (
    new Database(file).prepare(`SELECT value FROM settings WHERE key = 'ledgerId'`).pluck().get() as string
  ).replace(/"/g, '');
  const old = path.join(dir, 'backups', id, 'bianmin-2026-11-20T083000-daily.sqlite');
  fs.mkdirSync(path.dirname(old), { recursive: true });
  await new Database(file).backup(old);

  const desk = createDesk(file, { clock: new Clock().now, handlers });
  const s = newSession();
  const state = must(await desk.dispatch(s, 'setup.state', {})) as { plain: boolean; centerName: string };
  assert.equal(state.plain, true);
  assert.match(
    refused(await desk.dispatch(s, 'session.signIn', { username: 'admin', password: 'admin-pass-1' })).message,
    /需要先加密/,
  );
  const folder = tempDir();
  const clerk = refused(
    await desk.dispatch(s, 'setup.encrypt', { username: 'li', password: PLAIN_PASSWORDS.li, folder }),
  );
  assert.match(clerk.message, /管理员/);
  assert.match(
    refused(await desk.dispatch(s, 'setup.encrypt', { username: 'admin', password: 'wrong-pass', folder })).message,
    /用户名或密码错误/,
  );
  assert.match(
    refused(
      await desk.dispatch(s, 'setup.encrypt', {
        username: 'admin',
        password: PLAIN_PASSWORDS.admin,
        folder: path.join(folder, 'no'),
      }),
    ).message,
    /文件夹不存在/,
  );
  assert.ok(isPlain(file), 'every refusal left the plain ledger as it was');

  const done = must(
    await desk.dispatch(s, 'setup.encrypt', { username: 'admin', password: PLAIN_PASSWORDS.admin, folder }),
  ) as { recoveryKey: string; plainBackup: string };
  assert.ok(isPlain(done.plainBackup), 'the backup the admin keeps is plain, as the screen warned');
  assert.ok(fs.readFileSync(done.plainBackup).includes(Buffer.from(PLANTED_NAME)));
  assert.ok(!isPlain(file));
  assert.ok(!fs.readFileSync(file).includes(Buffer.from(PLANTED_NAME)));
  assert.ok(!fs.existsSync(file + '.encrypting'));
  assert.ok(!isPlain(old), 'the old plain backups beside the ledger are encrypted too');
  // Signed in as the admin, on the migrated ledger, which no longer keeps password hashes.
  assert.equal(
    (must(await desk.dispatch(s, 'session.state', {})) as { staff: { username: string } }).staff.username,
    'admin',
  );
  assert.equal(
    (must(await desk.dispatch(s, 'households.list', { offset: 0, limit: 5 })) as { total: number }).total,
    households,
  );
  const columns = desk.ledger!.db.prepare(`SELECT name FROM pragma_table_info('staff')`).pluck().all();
  assert.ok(!columns.includes('password_hash'));
  must(await desk.dispatch(s, 'setup.confirmRecovery', { recoveryKey: done.recoveryKey }));
  await desk.close();

  // The clerk never typed a password during the upgrade, and still signs in with the old one.
  const again = createDesk(file, { clock: new Clock().now, handlers });
  assert.equal(
    (must(await again.dispatch(newSession(), 'setup.state', {})) as { centerName: string }).centerName,
    '东山镇便民服务中心',
  );
  must(await again.dispatch(newSession(), 'session.signIn', { username: 'li', password: PLAIN_PASSWORDS.li }));
  await again.close();
});

test('kill -9 at random moments of the upgrade ×10: the old plain ledger or the new encrypted one, never neither', async () => {
  const base = path.join(tempDir(), 'plain.sqlite');
  const { households } = makePlainLedger(base, 2000);
  const fresh = () => {
    const dir = tempDir();
    const file = path.join(dir, 'ledger.sqlite');
    fs.copyFileSync(base, file);
    fs.copyFileSync(base + '-wal', file + '-wal');
    return { file, folder: dir };
  };
  const args = await childArgs(CHILD);
  const run = (file: string, folder: string, killAfterMs: number | null) =>
    new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, [...args, file, folder], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      let started = 0;
      child.stdout.on('data', (d: Buffer) => {
        out += d;
        // From the admin's check on: the copies, the key file, the rename (the scrypt before it is not the upgrade).
        if (!started && out.includes('checked')) {
          started = performance.now();
          if (killAfterMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        }
      });
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        if (killAfterMs === null && code !== 0) reject(new Error(`the upgrade failed (${code})`));
        else resolve(signal ? -1 : performance.now() - started);
      });
    });

  const whole = fresh();
  const took = await run(whole.file, whole.folder, null);
  assert.deepEqual(whatIsThere(whole.file), { state: 'encrypted', households, planted: 1 });
  const seen = { plain: 0, encrypted: 0 };
  for (let i = 0; i < 10; i++) {
    const { file, folder } = fresh();
    await run(file, folder, Math.random() * took * 1.1);
    const there = whatIsThere(file);
    assert.deepEqual({ households: there.households, planted: there.planted }, { households, planted: 1 });
    seen[there.state]++;
    // Whatever was left, the next start finishes the job.
    if (there.state === 'plain')
      await encryptLedger(file, { username: 'admin', password: PLAIN_PASSWORDS.admin, folder, now: NOW });
    assert.deepEqual(whatIsThere(file), { state: 'encrypted', households, planted: 1 });
  }
  console.log(
    `# upgrade took ${Math.round(took)} ms; after the kills: ${seen.plain} plain, ${seen.encrypted} encrypted`,
  );
});

test('a disk that fills during the upgrade: a clear message, the plain ledger as it was and still openable', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'ledger.sqlite');
  const { households } = makePlainLedger(file, 20_000);
  const fold = new Database(file);
  fold.pragma('wal_checkpoint(TRUNCATE)');
  fold.close();
  const before = fs.readFileSync(file);
  const folder = tempDir();
  // No file may grow past half the ledger (bash counts KiB): the copies stop part-way, as on a full disk. SIGXFSZ is
  // ignored, so the write fails with EFBIG instead of killing the process.
  const kib = Math.floor(before.length / 2 / 1024);
  const r = spawnSync(
    'bash',
    [
      '-c',
      `trap '' XFSZ; ulimit -f ${kib}; exec "$0" "$@"`,
      process.execPath,
      ...(await childArgs(CHILD)),
      file,
      folder,
    ],
    { encoding: 'utf8' },
  );
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /加密没有完成，台账未作任何改动（仍是原来的未加密台账）。磁盘空间不足/);
  assert.deepEqual(fs.readFileSync(file), before, 'the ledger is byte for byte what it was');
  assert.deepEqual(fs.readdirSync(folder), [], 'no half-written plain backup is left');
  assert.ok(!fs.existsSync(file + '.encrypting') && !fs.existsSync(keysFileOf(file)));
  assert.deepEqual(whatIsThere(file), { state: 'plain', households, planted: 1 });
});
