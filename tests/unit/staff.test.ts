// Staff sign-in: key slots with scrypt parameters, lockout after five wrong passwords, idle auto-lock, roles taking
// effect at once.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';

import { newSession } from '../../main/core/dispatch';
import { Keyring, keysFileOf, wrongPassword } from '../../main/db/keys';
import { CURRENT_PARAMS } from '../../main/db/password';
import { CHEAP_HASH, must, refused, testClock, world } from './helpers';

test('the first admin is created once; passwords are scrypt N=2^17 r=8 p=1 with a per-user salt', async () => {
  const w = await world({ hashing: 'real' });
  const anon = newSession();
  assert.equal((must(await w.call(anon, 'setup.state', {})) as { needsAdmin: boolean }).needsAdmin, true);
  await w.admin();
  assert.equal((must(await w.call(anon, 'setup.state', {})) as { needsAdmin: boolean }).needsAdmin, false);
  assert.equal(
    refused(await w.call(anon, 'setup.createAdmin', { username: 'evil', displayName: '冒充', password: 'password-1' }))
      .code,
    'CONFLICT',
  );
  await w.staff('li', ['clerk']);
  // The passwords live only as key slots in the key file: scrypt parameters and a salt per slot, nothing in clear;
  // a slot is found by a keyed hash of the username, not the name.
  const text = fs.readFileSync(keysFileOf(w.ledger.file), 'utf8');
  const slots = (
    JSON.parse(text) as { slots: { staffId: number | null; name: string; priv: { salt: string; params: string } }[] }
  ).slots.filter((s) => s.staffId !== null);
  assert.equal(slots.length, 2);
  for (const s of slots) assert.ok(!['admin', 'li'].includes(s.name), 'no username in clear');
  for (const s of slots) assert.deepEqual(JSON.parse(s.priv.params), { N: 131072, r: 8, p: 1, keylen: 64 });
  assert.notEqual(slots[0].priv.salt, slots[1].priv.salt);
  assert.ok(!text.includes('pass'), 'no password in the key file');
  const columns = w.ledger.db.prepare(`SELECT name FROM pragma_table_info('staff')`).pluck().all();
  assert.ok(!columns.includes('password_hash'), 'the staff table keeps no password hash');
});

test('first start: the center is named, and the admin is signed in by creating the account (no second sign-in)', async () => {
  const w = await world();
  const s = newSession();
  const input = { username: 'admin', displayName: '王管理', password: 'admin-pass-1' };
  // A name that is too long is refused at its field, and nothing is written.
  const long = refused(await w.call(s, 'setup.createAdmin', { ...input, centerName: '镇'.repeat(61) }));
  assert.equal(long.field, 'centerName');
  assert.deepEqual([w.count('staff'), w.count('audit_log')], [0, 0]);
  assert.equal(must(await w.call(s, 'session.state', {})).staff, null);

  must(await w.call(s, 'setup.createAdmin', { ...input, centerName: ' 城关镇便民服务中心 ' }));
  assert.equal(must(await w.call(s, 'session.state', {})).staff?.displayName, '王管理');
  assert.equal(must(await w.call(s, 'settings.get', {})).name, '城关镇便民服务中心');
  assert.equal(w.ledger.keys.centerName, '城关镇便民服务中心', 'the sign-in screen reads it from the key file');
  assert.deepEqual(
    w.ledger.db
      .prepare(`SELECT entity, after FROM audit_log ORDER BY id`)
      .all()
      .map((r) => {
        const { entity, after } = r as { entity: string; after: string };
        return [entity, (JSON.parse(after) as { event?: string; name?: string }).event ?? JSON.parse(after).name];
      }),
    [
      ['staff', undefined],
      ['settings', '城关镇便民服务中心'],
      ['session', 'signed in'],
    ],
  );
  // A second window (another session) is not signed in by it.
  assert.equal(must(await w.call(newSession(), 'session.state', {})).staff, null);
});

test('five wrong passwords lock the account for five minutes; while locked every password hears the same', async () => {
  const w = await world({ hashing: 'real' });
  await w.admin();
  const s = newSession();
  const WRONG = wrongPassword().message;
  for (let i = 1; i <= 5; i++) {
    const e = refused(await w.call(s, 'session.signIn', { username: 'admin', password: 'wrong-pass' }));
    assert.equal(e.message, WRONG, 'the fifth wrong password locks the account without saying so');
  }
  // While locked, the right password hears what a wrong one hears, so guessing learns nothing through the lock.
  for (const password of ['wrong-pass', 'admin-pass-1', 'wrong-pass-2', 'admin-pass-1'])
    assert.equal(refused(await w.call(s, 'session.signIn', { username: 'admin', password })).message, WRONG);
  assert.equal(s.staff, null);
  // Tries during the lock are not counted: the lock ends five minutes after it began, not after the last try.
  w.clock.advanceMinutes(5.1);
  must(await w.call(s, 'session.signIn', { username: 'admin', password: 'admin-pass-1' }));
  assert.equal((s.staff as { username: string } | null)?.username, 'admin');
  const refusedRows = w.ledger.db
    .prepare(`SELECT count(*) AS n FROM audit_log WHERE after LIKE '%sign-in refused%'`)
    .get() as { n: number };
  assert.equal(refusedRows.n, 9, 'every refused attempt on a known account is audited');
  // An unknown user gets the same answer as a wrong password.
  assert.equal(
    refused(await w.call(newSession(), 'session.signIn', { username: 'nobody', password: 'x' })).message,
    WRONG,
  );
});

test('auto-lock after 15 idle minutes (configurable) hides everything until the password is typed', async () => {
  const w = await world();
  const admin = await w.admin();
  w.clock.advanceMinutes(14);
  must(await w.call(admin, 'staff.list', {}));
  w.clock.advanceMinutes(14); // 14 minutes after the last call: still open
  must(await w.call(admin, 'staff.list', {}));
  w.clock.advanceMinutes(15.5);
  const e = refused(await w.call(admin, 'staff.list', {}));
  assert.deepEqual([e.code, e.message], ['FORBIDDEN', '屏幕已锁定，请输入密码解锁']);
  assert.equal((must(await w.call(admin, 'session.state', {})) as { locked: boolean }).locked, true);
  refused(await w.call(admin, 'session.unlock', { password: 'wrong-pass' }));
  refused(await w.call(admin, 'settings.get', {}));
  must(await w.call(admin, 'session.unlock', { password: 'admin-pass-1' }));
  must(await w.call(admin, 'staff.list', {}));

  must(
    await w.call(admin, 'settings.save', {
      name: '城关镇便民服务中心',
      address: '',
      hotline: '',
      officeHours: '',
      idleLockMinutes: 5,
    }),
  );
  w.clock.advanceMinutes(6);
  refused(await w.call(admin, 'staff.list', {}));
  // The lock button locks at once.
  must(await w.call(admin, 'session.unlock', { password: 'admin-pass-1' }));
  must(await w.call(admin, 'session.lock', {}));
  refused(await w.call(admin, 'staff.list', {}));
});

test('roles held together; a change of roles or a deactivation takes effect on the next call', async () => {
  const w = await world();
  const admin = await w.admin();
  const both = await w.staff('rev', ['reviewer', 'approver']);
  assert.deepEqual(both.staff?.roles, ['approver', 'reviewer']);
  const id = both.staff!.id;
  must(await w.call(admin, 'staff.update', { id, displayName: '审核员', roles: ['reviewer', 'admin'], active: true }));
  must(await w.call(both, 'staff.list', {}));
  must(await w.call(admin, 'staff.update', { id, displayName: '审核员', roles: ['reviewer'], active: false }));
  assert.equal(refused(await w.call(both, 'settings.get', {})).message, '请先登录');
  assert.equal(both.staff, null);
  // The last active admin cannot remove their own admin role.
  const e = refused(
    await w.call(admin, 'staff.update', { id: admin.staff!.id, displayName: '王管理', roles: ['clerk'], active: true }),
  );
  assert.equal(e.code, 'CONFLICT');
  const list = must(await w.call(admin, 'staff.list', {}));
  assert.deepEqual(
    list.map((r) => [r.username, r.displayName, r.active]),
    [
      ['admin', '王管理', true],
      ['rev', '审核员', false],
    ],
  );
  // Username taken, case-insensitively.
  assert.equal(
    refused(
      await w.call(admin, 'staff.create', {
        username: 'REV',
        displayName: '某',
        password: 'password-1',
        roles: ['clerk'],
      }),
    ).field,
    'username',
  );
});

test("signing out ends the session; changing one's password needs the old one", async () => {
  const w = await world({ hashing: 'real' });
  const clerk = await w.staff('zhang', ['clerk']);
  assert.equal(
    refused(await w.call(clerk, 'session.changePassword', { oldPassword: 'nope-nope', newPassword: 'new-pass-22' }))
      .field,
    'oldPassword',
  );
  must(await w.call(clerk, 'session.changePassword', { oldPassword: 'staff-pass-1', newPassword: 'new-pass-22' }));
  must(await w.call(clerk, 'session.signOut', {}));
  assert.equal(refused(await w.call(clerk, 'settings.get', {})).code, 'FORBIDDEN');
  must(await w.call(newSession(), 'session.signIn', { username: 'zhang', password: 'new-pass-22' }));
});

test("the tests' cheap scrypt cost is injected only: a key file read as the app reads it gets today's cost", async () => {
  const w = await world();
  await w.admin();
  const file = keysFileOf(w.ledger.file);
  await w.ledger.close({ backup: false });
  const params = () =>
    (
      JSON.parse(fs.readFileSync(file, 'utf8')) as { slots: { staffId: number | null; priv: { params: string } }[] }
    ).slots
      .filter((s) => s.staffId !== null)
      .map((s) => JSON.parse(s.priv.params) as unknown);
  assert.deepEqual(params(), [CHEAP_HASH], 'made by a test at the cheap cost');
  const keys = Keyring.read(file);
  assert.ok(!(keys.signIn('admin', 'admin-pass-1', testClock()) instanceof Error), 'and read by the app as any other');
  keys.setSlot(1, 'admin', 'admin-pass-2');
  assert.deepEqual(params(), [CURRENT_PARAMS], "a slot the app writes is at today's cost");
  for (const hashParams of [
    { ...CHEAP_HASH, N: 2 ** 9 },
    { ...CURRENT_PARAMS, p: 2 },
  ])
    assert.throws(() => Keyring.read(file, { hashParams }), /scrypt parameters out of range/);
});
