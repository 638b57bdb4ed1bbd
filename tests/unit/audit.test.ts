// The audit log: a row for every mutation in the same transaction, append-only, listed with filters by SQL.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { auditAction } from '../../shared/domain/auditWords';
import type { AuditRow } from '../../shared/schemas/audit';
import type { Page } from '../../shared/schemas/common';
import { must, world } from './helpers';

test('every mutation writes staff, time, channel, entity, before and after', async () => {
  const w = await world();
  const admin = await w.admin();
  const center = {
    name: '城关镇便民服务中心',
    address: '城关镇人民路 1 号',
    hotline: '0571-12345678',
    officeHours: '工作日 9:00–17:00',
    idleLockMinutes: 15,
    serviceItems: [{ name: '司法所', phone: '0571-12340003' }],
  };
  must(await w.call(admin, 'settings.save', center));
  const page = must(await w.call(admin, 'audit.list', { channel: 'settings.save' })) as Page<AuditRow>;
  assert.equal(page.total, 1);
  const row = page.rows[0];
  assert.equal(row.staffName, '王管理');
  assert.equal(row.entity, 'settings');
  assert.match(row.at, /^2026-11-23T09:00:00\.000\+08:00$/);
  assert.equal(JSON.parse(row.before!).name, '乡镇便民服务中心');
  // As saved: the defaults of settings the form did not send are in it too.
  assert.deepEqual(JSON.parse(row.after!), { ...center, mediationDays: 30, followUpDays: 30 });
});

test('audit rows cannot be updated or deleted, even with raw SQL', async () => {
  const w = await world();
  await w.admin();
  const n = w.count('audit_log');
  assert.ok(n >= 2);
  assert.throws(() => w.ledger.db.prepare(`UPDATE audit_log SET channel = 'x'`).run(), /审计记录不可修改/);
  assert.throws(() => w.ledger.db.prepare('DELETE FROM audit_log').run(), /审计记录不可删除/);
  assert.equal(w.count('audit_log'), n);
});

test('the list pages and filters in SQL: staff, channel, entity, dates, sort', async () => {
  const w = await world();
  const admin = await w.admin();
  const clerk = await w.staff('li', ['clerk']);
  for (let i = 0; i < 7; i++) {
    w.clock.advanceMinutes(60 * 24); // the idle clock locks the session overnight
    must(await w.call(clerk, 'session.unlock', { password: 'staff-pass-1' }));
    must(await w.call(clerk, 'session.lock', {}));
  }
  must(await w.call(admin, 'session.unlock', { password: 'admin-pass-1' }));
  const all = must(await w.call(admin, 'audit.list', { limit: 5 })) as Page<AuditRow>;
  assert.equal(all.rows.length, 5);
  assert.equal(all.total, w.count('audit_log'));
  assert.ok(all.rows[0].id > all.rows[1].id, 'newest first');
  const mine = must(
    await w.call(admin, 'audit.list', { staffId: clerk.staff!.id, channel: 'session.lock' }),
  ) as Page<AuditRow>;
  assert.equal(mine.total, 7);
  const range = must(
    await w.call(admin, 'audit.list', { channel: 'session.lock', from: '2026-11-25', to: '2026-11-27' }),
  ) as Page<AuditRow>;
  assert.deepEqual(range.rows.map((r) => r.at.slice(0, 10)).sort(), ['2026-11-25', '2026-11-26', '2026-11-27']);
  const asc = must(
    await w.call(admin, 'audit.list', { sort: { col: 'at', dir: 'asc' }, limit: 1, offset: 0 }),
  ) as Page<AuditRow>;
  assert.equal(asc.rows[0].channel, 'setup.createAdmin');
});

test('a lookup reads in words with how many numbers were tried, how many new, which (masked), and a refusal', () => {
  const row = (after: object) => ({
    at: '2026-03-01T10:02:00.000+08:00',
    staffName: '张三',
    channel: 'households.list',
    entity: 'lookup',
    entityId: 'id',
    after: JSON.stringify(after),
  });
  const counted = auditAction(row({ n: 1, of: 2, what: '3303**********1234、3303**********5678', d: ['x'] }));
  assert.match(counted, /（核对 2 个号码，今天新核对 1 个）：3303\*{10}1234、3303\*{10}5678$/);
  const refusedRow = auditAction(row({ n: 0, refused: 7, what: '3303**********1234' }));
  assert.match(refusedRow, /（核对 7 个号码）：3303\*{10}1234，被拒绝$/);
  const long = auditAction(row({ n: 300, of: 300, what: '3303**********1234、'.repeat(300) }));
  assert.ok(long.length < 140, long);
});

test('a record named by a key of the program reads without the key: 修改中心设置, 创建管理员（中心设置）', () => {
  const row = (channel: string, entityId: string) => ({
    at: '2026-03-01T10:02:00.000+08:00',
    staffName: '王管理',
    channel,
    entity: 'settings',
    entityId,
    after: JSON.stringify({ name: '城关镇便民服务中心' }),
  });
  assert.equal(auditAction(row('settings.save', 'center')), '修改中心设置');
  assert.equal(auditAction(row('setup.createAdmin', 'center')), '创建管理员（中心设置）');
  assert.equal(auditAction({ ...row('households.update', '12'), entity: 'household' }), '修改户（户 12）');
});
