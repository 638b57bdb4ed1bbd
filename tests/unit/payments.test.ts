// Single payments, reversals, closed months and the ledger's own guards, on a real ledger through the dispatcher.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { must, refused } from './helpers';
import { paymentsWorld } from './paymentsSetup';

const sum = (w: { one: <T>(sql: string, ...a: unknown[]) => T }, where = '1') =>
  w.one<{ fen: number }>(`SELECT coalesce(sum(signed_fen), 0) AS fen FROM payments WHERE ${where}`).fen;

test('a one-off case is paid in parts up to its approved amount, then moves to paid; the receipt shows no full ID', async () => {
  const { w, clerk, household, approved } = await paymentsWorld();
  const h = await household('张三');
  const id = await approved(h, 'temporary_relief_urgent', '3,000');
  const first = must(
    await w.call(clerk, 'payments.pay', {
      applicationId: id,
      amount: '1,234.50',
      method: 'cash',
      paidOn: '2026-11-23',
    }),
  );
  assert.equal(first.amountFen, 123450);
  assert.equal(first.signedFen, 123450);
  assert.match(first.idNumber, /^\d{4}\*{10}\d{3}[\dX]$/);
  assert.equal(first.personName, '张三');
  let c = must(await w.call(clerk, 'payments.ofCase', { applicationId: id }));
  assert.deepEqual([c.paidFen, c.remainingFen], [123450, 176550]);
  assert.equal(must(await w.call(clerk, 'applications.get', { id })).state, 'approved');

  const e = refused(
    await w.call(clerk, 'payments.pay', {
      applicationId: id,
      amount: '1,765.51',
      method: 'cash',
      paidOn: '2026-11-23',
    }),
  );
  assert.equal(e.field, 'amount');
  assert.match(e.message, /不能超过尚未发放的批准金额 1,765.50 元/);

  const last = must(
    await w.call(clerk, 'payments.pay', { applicationId: id, amount: '1765.5', method: 'bank', paidOn: '2026-11-23' }),
  );
  assert.equal(last.accountTail?.length, 8);
  assert.equal(must(await w.call(clerk, 'applications.get', { id })).state, 'paid');
  c = must(await w.call(clerk, 'payments.ofCase', { applicationId: id }));
  assert.deepEqual([c.paidFen, c.remainingFen, c.payments.length], [300000, 0, 2]);
  assert.equal(sum(w), 300000);
  const steps = w.one<{ s: string }>(
    `SELECT group_concat(action, ',') AS s FROM application_steps WHERE application_id = ?`,
    id,
  ).s;
  assert.equal(steps, 'register,investigate,review,publicize,approve,pay');
  assert.equal(w.one(`SELECT count(*) AS n FROM audit_log WHERE channel = 'payments.pay'`).n, 2);
  // A paid case takes no more money.
  assert.match(
    refused(
      await w.call(clerk, 'payments.pay', { applicationId: id, amount: '1', method: 'cash', paidOn: '2026-11-23' }),
    ).message,
    /已发放/,
  );
});

test('bad input at payment: each refused at its field with a clear message, nothing written', async () => {
  const { w, clerk, household, approved } = await paymentsWorld();
  const h = await household('李四');
  const noAccount = await household('王五', { account: '' });
  const id = await approved(h, 'temporary_relief_urgent', '2,000');
  const bankless = await approved(noAccount, 'medical_relief', '5,000');
  const pending = must(
    await w.call(clerk, 'applications.register', {
      householdId: h.id,
      personId: h.members[0].id,
      kindCode: 'medical_relief',
      reason: '住院',
      amount: '100',
      materials: [],
    }),
  ).id;
  const monthly = await approved(h, 'elderly_allowance', '200');
  const before = [w.count('payments'), w.count('audit_log'), w.count('application_steps')];
  const pay = (patch: Record<string, unknown>) =>
    w.call(clerk, 'payments.pay', {
      applicationId: id,
      amount: '100',
      method: 'cash',
      paidOn: '2026-11-23',
      ...patch,
    } as never);
  const cases: [Record<string, unknown>, string, RegExp][] = [
    [{ amount: '1234.567' }, 'amount', /两位小数/],
    [{ amount: '1.234,50' }, 'amount', /小数点/],
    [{ amount: '-5' }, 'amount', /负数/],
    [{ amount: '0' }, 'amount', /大于 0/],
    [{ amount: '' }, 'amount', /请填写金额/],
    [{ amount: '2,000.01' }, 'amount', /不能超过/],
    [{ applicationId: pending }, 'applicationId', /当前为“已受理”/],
    [{ applicationId: monthly }, 'applicationId', /按月发放，请通过发放批次/],
    [{ applicationId: bankless, method: 'bank' }, 'method', /没有登记一卡通账号/],
    [{ paidOn: '2026-11-24' }, 'paidOn', /不能晚于今天/],
    [{ paidOn: '2026-11-01' }, 'paidOn', /不能早于审批日期/],
    [{ paidOn: '2026-02-30' }, 'paidOn', /YYYY-MM-DD/],
    [{ note: '备'.repeat(2000) }, 'note', /最多 200 个字/],
  ];
  for (const [patch, field, msg] of cases) {
    const e = refused(await pay(patch));
    assert.equal(e.field, field, JSON.stringify(patch).slice(0, 60));
    assert.match(e.message, msg, JSON.stringify(patch).slice(0, 60));
  }
  assert.deepEqual([w.count('payments'), w.count('audit_log'), w.count('application_steps')], before);
  // What is accepted: thousands commas and full-width digits.
  assert.equal(must(await pay({ amount: '１２３' })).amountFen, 12300);
  assert.equal(must(await pay({ amount: '1,234.50' })).amountFen, 123450);
});

test('reversal: approver only, a new row dated today linked to the original, at most once, never itself reversed', async () => {
  const { w, clerk, approver, household, approved, advanceDays } = await paymentsWorld();
  const h = await household('赵六');
  const id = await approved(h, 'temporary_relief_urgent', '1,000');
  const p = must(
    await w.call(clerk, 'payments.pay', { applicationId: id, amount: '1,000', method: 'cash', paidOn: '2026-11-23' }),
  );
  assert.equal(refused(await w.call(clerk, 'payments.reverse', { id: p.id, reason: '金额录错' })).code, 'FORBIDDEN');
  assert.equal(refused(await w.call(approver, 'payments.reverse', { id: p.id, reason: '' })).field, 'reason');
  await advanceDays(1);
  const r = must(await w.call(approver, 'payments.reverse', { id: p.id, reason: '金额录错' }));
  assert.deepEqual(
    [r.reversesId, r.paidOn, r.amountFen, r.signedFen, r.note],
    [p.id, '2026-11-24', 100000, -100000, '金额录错'],
  );
  const original = must(await w.call(clerk, 'payments.get', { id: p.id }));
  assert.equal(original.reversedBy, r.id);
  assert.equal(original.paidOn, '2026-11-23', 'the original is unchanged');
  assert.equal(sum(w), 0);
  // The case waits for payment again, with its step.
  assert.equal(must(await w.call(clerk, 'applications.get', { id })).state, 'approved');
  assert.match(
    refused(await w.call(approver, 'payments.reverse', { id: p.id, reason: '再来一次' })).message,
    /已于 2026-11-24 冲正/,
  );
  assert.match(
    refused(await w.call(approver, 'payments.reverse', { id: r.id, reason: '冲正冲正' })).message,
    /冲正记录不能再冲正/,
  );
  must(await w.call(clerk, 'payments.pay', { applicationId: id, amount: '800', method: 'cash', paidOn: '2026-11-24' }));
  assert.equal(sum(w), 80000);
  const list = must(await w.call(clerk, 'payments.list', { reversed: 'reversed' }));
  assert.deepEqual([list.total, list.sumFen, list.rows[0].id], [1, 100000, p.id]);
  assert.deepEqual(must(await w.call(clerk, 'payments.list', { reversed: 'reversal' })).sumFen, -100000);
  assert.deepEqual(must(await w.call(clerk, 'payments.list', { reversed: 'standing' })).sumFen, 80000);
});

test(`the triggers refuse UPDATE and DELETE of a posted payment and a second reversal, whatever SQL is run`, async () => {
  const { w, clerk, household, approved } = await paymentsWorld();
  const h = await household('钱七');
  const id = await approved(h, 'temporary_relief_urgent', '500');
  const p = must(
    await w.call(clerk, 'payments.pay', { applicationId: id, amount: '500', method: 'cash', paidOn: '2026-11-23' }),
  );
  const db = w.ledger.db;
  assert.throws(() => db.prepare('UPDATE payments SET amount_fen = 1 WHERE id = ?').run(p.id), /不能修改/);
  assert.throws(() => db.prepare('UPDATE payments SET note = ? WHERE id = ?').run('改', p.id), /不能修改/);
  assert.throws(() => db.prepare('DELETE FROM payments WHERE id = ?').run(p.id), /不能删除/);
  assert.throws(() => db.prepare('DELETE FROM payments').run(), /不能删除/);
  const copy = `INSERT INTO payments (application_id, household_id, person_id, area_id, kind_code, top_kind,
    amount_fen, paid_on, method, reverses_id, cause, posted_by, posted_at)
    SELECT application_id, household_id, person_id, area_id, kind_code, top_kind, ?, paid_on, method, ?, 'manual',
      posted_by, posted_at
    FROM payments
    WHERE id = ?`;
  assert.throws(() => db.prepare(copy).run(1, p.id, p.id), /冲正金额必须等于原发放金额/);
  const rid = db.prepare(copy).run(50000, p.id, p.id).lastInsertRowid;
  assert.throws(() => db.prepare(copy).run(50000, p.id, p.id), /UNIQUE constraint failed: payments.reverses_id/);
  assert.throws(() => db.prepare(copy).run(50000, rid, rid), /冲正记录不能再被冲正/);
  assert.deepEqual(db.prepare('SELECT amount_fen AS a, note FROM payments WHERE id = ?').get(p.id), {
    a: 50000,
    note: '',
  });
});

test('closed months: an admin closes, posting and reversing inside is refused, reopening needs an admin and a reason', async () => {
  const { w, admin, clerk, approver, household, approved } = await paymentsWorld();
  const h = await household('孙八');
  const id = await approved(h, 'temporary_relief_urgent', '1,000');
  const p = must(
    await w.call(clerk, 'payments.pay', { applicationId: id, amount: '300', method: 'cash', paidOn: '2026-11-23' }),
  );
  assert.equal(refused(await w.call(clerk, 'months.close', { month: '2026-11' })).code, 'FORBIDDEN');
  assert.equal(refused(await w.call(admin, 'months.close', { month: '2026-12' })).field, 'month');
  assert.equal(refused(await w.call(admin, 'months.close', { month: '2026-13' })).field, 'month');
  must(await w.call(admin, 'months.close', { month: '2026-11' }));
  assert.match(refused(await w.call(admin, 'months.close', { month: '2026-11' })).message, /已经结账/);
  const before = [w.count('payments'), w.count('audit_log')];
  const e = refused(
    await w.call(clerk, 'payments.pay', { applicationId: id, amount: '300', method: 'cash', paidOn: '2026-11-23' }),
  );
  assert.deepEqual([e.field, e.code], ['paidOn', 'CONFLICT']);
  assert.match(e.message, /2026-11 已结账/);
  assert.match(refused(await w.call(approver, 'payments.reverse', { id: p.id, reason: '录错' })).message, /已结账/);
  assert.deepEqual([w.count('payments'), w.count('audit_log')], before);
  // The trigger refuses it too, under any code path.
  assert.throws(
    () =>
      w.ledger.db
        .prepare(
          `INSERT INTO payments (application_id, household_id, person_id, area_id, kind_code, top_kind, amount_fen,
            paid_on, method, posted_by, posted_at)
    SELECT application_id, household_id, person_id, area_id, kind_code, top_kind, 1, '2026-11-30', 'cash', posted_by,
              posted_at
            FROM payments
            WHERE id = ?`,
        )
        .run(p.id),
    /已结账/,
  );

  assert.equal(
    refused(await w.call(approver, 'months.reopen', { month: '2026-11', reason: '补录冲正' })).code,
    'FORBIDDEN',
  );
  assert.equal(
    refused(await w.call(admin, 'months.reopen', { month: '2026-11', reason: '' } as never)).field,
    'reason',
  );
  must(await w.call(admin, 'months.reopen', { month: '2026-11', reason: '补录冲正' }));
  const audit = w.one<{ after: string }>(`SELECT after FROM audit_log WHERE channel = 'months.reopen'`);
  assert.match(audit.after, /补录冲正/);
  must(await w.call(approver, 'payments.reverse', { id: p.id, reason: '录错' }));
  assert.deepEqual(must(await w.call(clerk, 'months.list', {})), []);
});
