// The one entry: unknown channels, malformed input, sign-in and roles refused with the right code, nothing written.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { type Handlers, newSession } from '../../main/core/dispatch';
import { putSetting } from '../../main/core/settings';
import { handlers } from '../../main/handlers';
import { must, refused, world } from './helpers';

test('unknown channel → NOT_FOUND, malformed input → VALIDATION with the field, nothing written', async () => {
  const w = await world();
  const admin = await w.admin();
  const audits = w.count('audit_log');
  assert.equal(refused(await w.dispatcher.dispatch(admin, 'staff.drop', {})).code, 'NOT_FOUND');
  const e = refused(
    await w.call(admin, 'staff.create', { username: 'li', displayName: '李四', password: 'short', roles: ['clerk'] }),
  );
  assert.deepEqual([e.code, e.field, e.message], ['VALIDATION', 'password', '密码至少 8 位']);
  assert.equal(refused(await w.dispatcher.dispatch(admin, 'staff.create', 'not an object')).code, 'VALIDATION');
  assert.equal(
    refused(await w.dispatcher.dispatch(admin, 'staff.create', { username: 'li', roles: ['janitor'] })).code,
    'VALIDATION',
  );
  assert.equal(w.count('audit_log'), audits);
  assert.equal(w.count('staff'), 1);
});

test('not signed in, or a role not allowed → FORBIDDEN and nothing written', async () => {
  const w = await world();
  await w.admin();
  const anon = newSession();
  assert.equal(refused(await w.call(anon, 'settings.get', {})).code, 'FORBIDDEN');
  const clerk = await w.staff('clerk1', ['clerk']);
  const before = [w.count('staff'), w.count('audit_log')];
  const e = refused(
    await w.call(clerk, 'staff.create', {
      username: 'x1',
      displayName: '某',
      password: 'password-1',
      roles: ['admin'],
    }),
  );
  assert.equal(e.code, 'FORBIDDEN');
  assert.match(e.message, /需要管理员权限/);
  assert.equal(refused(await w.call(clerk, 'audit.list', {})).code, 'FORBIDDEN');
  assert.equal(
    refused(
      await w.call(clerk, 'settings.save', {
        name: '改名',
        address: '',
        hotline: '',
        officeHours: '',
        idleLockMinutes: 15,
      }),
    ).code,
    'FORBIDDEN',
  );
  assert.deepEqual([w.count('staff'), w.count('audit_log')], before);
  // A clerk may read what everyone reads.
  assert.equal(must(await w.call(clerk, 'settings.get', {})).idleLockMinutes, 15);
});

test('a mutation that forgets its audit row is rolled back', async () => {
  const forgetful: Handlers = {
    ...handlers,
    'settings.save': (ctx, input) => {
      putSetting(ctx.db, 'center', input);
      return input;
    },
  };
  const w = await world({ handlers: forgetful });
  const admin = await w.admin();
  const e = refused(
    await w.call(admin, 'settings.save', {
      name: '新名字',
      address: '',
      hotline: '',
      officeHours: '',
      idleLockMinutes: 15,
    }),
  );
  assert.equal(e.code, 'INTERNAL');
  assert.notEqual(must(await w.call(admin, 'settings.get', {})).name, '新名字');
});

test('text fields: kept exactly, SQL is just text, oversize and invisible characters refused', async () => {
  const w = await world();
  const admin = await w.admin();
  const sql = `'); DROP TABLE staff; --`;
  const row = must(
    await w.call(admin, 'staff.create', {
      username: 'sql1',
      displayName: sql,
      password: 'password-1',
      roles: ['clerk'],
    }),
  ) as { displayName: string };
  assert.equal(row.displayName, sql);
  assert.equal(w.count('staff'), 2);
  const rare = '阿依古丽·买买提𠮷';
  assert.equal(
    (
      must(
        await w.call(admin, 'staff.create', {
          username: 'rare',
          displayName: rare,
          password: 'password-1',
          roles: ['clerk'],
        }),
      ) as { displayName: string }
    ).displayName,
    rare,
  );

  const cases: [Record<string, unknown>, string, RegExp][] = [
    [{ displayName: '张'.repeat(10_000) }, 'displayName', /最多 50 个字/],
    [{ displayName: '' }, 'displayName', /请填写姓名/],
    [{ displayName: '张\u200b三' }, 'displayName', /不可见字符/],
    [{ password: '' }, 'password', /请填写密码/],
    [{ password: 'p'.repeat(10_000) }, 'password', /最多 128 位/],
    [{ username: `a' OR '1'='1` }, 'username', /用户名用/],
    [{ username: 'u'.repeat(10_000) }, 'username', /最多 32 位/],
  ];
  for (const [patch, field, msg] of cases) {
    const e = refused(
      await w.call(admin, 'staff.create', {
        username: 'ok_user',
        displayName: '赵六',
        password: 'password-1',
        roles: ['clerk'],
        ...patch,
      } as never),
    );
    assert.equal(e.code, 'VALIDATION', JSON.stringify(patch).slice(0, 40));
    assert.equal(e.field, field);
    assert.match(e.message, msg);
  }
  assert.equal(w.count('staff'), 3);
  const center = {
    name: `x'); DELETE FROM audit_log; --`,
    address: '',
    hotline: '',
    officeHours: '',
    idleLockMinutes: 15,
  };
  assert.equal(must(await w.call(admin, 'settings.save', center)).name, center.name);
  assert.ok(w.count('audit_log') > 0);
});

test("a task that ends while another call holds the ledger keeps its audit row when that call's transaction rolls back", async () => {
  const w = await world();
  const clerk = await w.staff('clerk1', ['clerk']);
  const exports = () => w.one(`SELECT count(*) AS n FROM audit_log WHERE entity = 'export'`).n;
  const before = exports();
  let answered = 0;
  const exported = w.call(clerk, 'payments.xlsx', {}).then((r) => ((answered = performance.now()), r));
  await new Promise((r) => setTimeout(r, 30)); // past the dispatcher's wait: the workbook is being written
  // Stands for imports.confirm: one transaction open across awaits, then a failure and its rollback.
  let released = 0;
  await w.ledger
    .hold(async () => {
      w.ledger.db.exec('BEGIN IMMEDIATE');
      await new Promise((r) => setTimeout(r, 3000));
      throw new Error('the import failed');
    })
    .catch(() => {
      if (w.ledger.db.inTransaction) w.ledger.db.exec('ROLLBACK');
      released = performance.now();
    });
  const r = must(await exported);
  assert.equal(r.rows, 0);
  assert.equal(exports(), before + 1, 'the export is in the audit log');
  assert.ok(answered >= released, 'the file is handed over only once its audit row is written');
});
