// Importing rosters: files as counters keep them, every row's verdict, all or nothing, undo, template, round trip.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';

import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

import type { Session } from '../../main/core/dispatch';
import { newVillages, villageNameProblem, villagesNamed } from '../../main/imports/villages';
import { must, refused, type World, world } from './helpers';
import { csv, idOf, openFile, type Row, rowsOf, xls, xlsx } from './importFixtures';

const A = idOf('1960-03-15', 1);
const A_WIFE = idOf('1962-07-01', 2, true);
const A_SON = idOf('1990-01-20', 3);
const B = idOf('1975-05-05', 4, true);
const C = idOf('1948-11-30', 5);

async function setUp(): Promise<{ w: World; admin: Session }> {
  const w = await world();
  const admin = await w.admin();
  for (const name of ['东山村', '西河村']) must(await w.call(admin, 'areas.save', { name }));
  return { w, admin };
}

/** A title row, a two-row header merged the way counters merge it, three households, a blank row and a 合计 row. */
const ROSTER: Row[] = [
  ['某某镇困难群众花名册（2026年）', null, null, null, null, null, null, null],
  ['序号', '家庭成员', null, null, '村（社区）', '困难类别', '一卡通账号', '备注'],
  [null, '姓名', '公民身份号码', '与户主关系', null, null, null, null],
  [1, '张 三 ', A, '户主', '东山村', '低保 2024-03-01、重度残疾', '6228480000000000011', '老党员'],
  [2, '李四妹', A_WIFE, '妻', '东山村', null, null, null],
  [3, '张小三', A_SON, '儿子', '东山村', null, null, null],
  [null, null, null, null, null, null, null, null],
  [4, '吉𠮷·㛃', B, '户主', '西河村', '特困', null, null],
  [5, '王五', C, '本人', '南山村', '低保', null, null],
  ['合计', '5人', null, null, null, null, null, null],
];

test('a two-row merged header under a title row maps itself; every row gets its verdict; confirm writes exactly the file', async () => {
  const { w, admin } = await setUp();
  const file = await xlsx(ROSTER, { merges: ['B2:D2', 'A2:A3', 'E2:E3', 'F2:F3', 'G2:G3', 'H2:H3', 'A1:H1'] });
  const p = await openFile(w, admin, 'households', '花名册.xlsx', file);
  assert.deepEqual(p.headerRows, [2, 3]);
  const col = (key: string) => p.mapping[key];
  assert.equal(col('name'), 1);
  assert.equal(col('idNumber'), 2);
  assert.equal(col('relation'), 3);
  assert.equal(col('area'), 4);
  assert.equal(col('categories'), 5);
  assert.equal(col('account'), 6);
  assert.deepEqual(
    { ok: p.counts.ok, refused: p.counts.refused, blank: p.counts.blank },
    { ok: 4, refused: 1, blank: 2 },
  );
  assert.deepEqual(p.unknownAreas, [{ name: '南山村', rows: 1 }]);
  const rows = await rowsOf(w, admin, p.job);
  assert.deepEqual(
    rows.map((r) => [r.row, r.status]),
    [
      [4, 'ok'],
      [5, 'ok'],
      [6, 'ok'],
      [8, 'ok'],
      [9, 'refused'],
    ],
  );
  assert.match(rows[4].reasons, /村（社区）“南山村”不在台账中：可勾选“新建这些村（社区）”，或对应到已有的村（社区）/);
  assert.match(rows[0].reasons, /未填纳入日期的困难类别按今天/);
  assert.match(rows[0].reasons, /姓名中的空格已去掉：张 三 → 张三/);

  // The admin maps the unknown village to one the ledger has; the row comes in.
  const west = w.one<{ id: number }>(`SELECT id FROM areas WHERE name = '西河村'`).id;
  const mapped = must(await w.call(admin, 'imports.check', { job: p.job, areaMap: { 南山村: west } }));
  assert.equal(mapped.counts.ok, 5);

  const record = must(await w.call(admin, 'imports.confirm', { job: p.job }));
  assert.equal(record.rowsDone, 5);
  assert.deepEqual(JSON.parse(record.counts), {
    areas: 0,
    households: 3,
    persons: 5,
    categories: 4,
    applications: 0,
    payments: 0,
  });
  const zhang = w.one<{ name: string; relation: string; account: string; head: number; area: string }>(
    `SELECT p.name, p.relation, h.account, h.head_person_id = p.id AS head, a.name AS area
     FROM persons p JOIN households h ON h.id = p.household_id JOIN areas a ON a.id = h.area_id
     WHERE p.id_number = ?`,
    A,
  );
  assert.deepEqual(zhang, { name: '张三', relation: '户主', account: '6228480000000000011', head: 1, area: '东山村' });
  assert.equal(
    w.one<{ relation: string }>('SELECT relation FROM persons WHERE id_number = ?', A_WIFE).relation,
    '配偶',
  );
  assert.equal(w.one<{ name: string }>('SELECT name FROM persons WHERE id_number = ?', B).name, '吉𠮷·㛃');
  assert.equal(
    w.one<{ n: number }>(
      'SELECT count(*) AS n FROM persons WHERE household_id = (SELECT household_id FROM persons WHERE id_number = ?)',
      A,
    ).n,
    3,
  );
  assert.deepEqual(
    w.one(
      `SELECT group_concat(category_code || '@' || from_date, ',') AS c
       FROM household_categories
       WHERE household_id = (SELECT household_id FROM persons WHERE id_number = ?)
       ORDER BY category_code`,
      A,
    ),
    { c: 'dibao@2024-03-01,severe_disability@2026-11-23' },
  );
  assert.equal(w.count('imports'), 1);
  const audit = w.one<{ after: string }>(
    `SELECT after FROM audit_log WHERE entity = 'import' AND entity_id = ?`,
    String(record.id),
  );
  assert.match(audit.after, /花名册\.xlsx/);

  // The same shape next time maps itself from memory, even after the clerk moved a column.
  const again = await openFile(w, admin, 'households', '花名册.xlsx', file);
  assert.equal(again.mapping.name, 1);
  assert.equal(again.counts.refused + again.counts.confirm, 5, 'every row is now in the ledger');
});

test('bad cells are refused at their row with how to fix them; cleaned values come in as they should', async () => {
  const { w, admin } = await setUp();
  const fifteen = '110101480101001'; // 1948-01-01, the old 15-digit number
  const rows: Row[] = [
    ['姓名', '身份证号', '村', '联系电话'],
    ['甲', 330411197204116000, '东山村', null],
    ['乙', '3.30411E+17', '东山村', null],
    ['丙', fifteen, '东山村', null],
    [
      '丁',
      `\u200B${A.slice(0, 6)} ${A.slice(6).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))}`,
      '东山村',
      null,
    ],
    ['戊', B.slice(0, 17) + (B[17] === '1' ? '2' : '1'), '东山村', null],
    ['己', '110101199002301234', '东山村', null],
    ['=HYPERLINK("x")', C, '东山村', null],
    ['庚', A, '东山村', null],
    ['辛', idOf('1980-01-01', 9), '东山村', '12345'],
  ];
  const p = await openFile(w, admin, 'households', 'bad.xlsx', await xlsx(rows));
  const got = await rowsOf(w, admin, p.job);
  const by = (row: number) => got.find((r) => r.row === row)!;
  assert.match(by(2).reasons, /被 Excel 存成了数字.*设为“文本”/);
  assert.match(by(3).reasons, /科学计数法/);
  assert.equal(by(4).status, 'ok');
  assert.match(by(4).reasons, /15 位旧号码已升级为 18 位/);
  assert.equal(by(5).status, 'ok');
  assert.equal(by(5).idMasked, `${A.slice(0, 4)}**********${A.slice(14)}`);
  assert.match(by(6).reasons, /校验位不对/);
  assert.match(by(7).reasons, /出生日期 1990-02-30 不存在/);
  assert.match(by(8).reasons, /不能以 = \+ - @ 开头/);
  assert.match(by(9).reasons, /与第 5 行的身份证号相同/);
  assert.match(by(10).reasons, /电话“12345”/);
  assert.deepEqual([p.counts.ok, p.counts.refused], [2, 7]);
  must(await w.call(admin, 'imports.confirm', { job: p.job }));
  assert.equal(w.count('persons'), 2);
  assert.equal(
    w.one<{ n: number }>('SELECT count(*) AS n FROM persons WHERE id_number = ?', `11010119480101001${'X'}`).n +
      w.one<{ n: number }>(`SELECT count(*) AS n FROM persons WHERE id_number LIKE '110101194801010%'`).n,
    1,
  );
});

test('.xls and GBK CSV read the same as .xlsx; amounts 1,234.50 and １２３ are taken, 1234.567 and -5 refused', async () => {
  const { w, admin } = await setUp();
  const people: Row[] = [
    ['姓名', '公民身份号码', '与户主关系', '所在村组'],
    ...ROSTER.slice(3, 6).map((r) => [r[1], r[2], r[3], r[4]]),
  ];
  const first = await openFile(w, admin, 'households', 'r.xlsx', await xlsx(people));
  must(await w.call(admin, 'imports.confirm', { job: first.job }));
  const roster: Row[] = [
    ['姓名', '身份证号', '救助类别', '月保障金', '起始月份'],
    ['张 三', A, '低保', '1,234.50', '2025-01'],
    ['李四妹', A_WIFE, '特困供养金', '１２３', '2025年3月'],
    ['张小三', A_SON, '低保', '1234.567', '2025-01'],
    ['张 三', A, '重度残疾人护理补贴', '-5', '2025-01'],
  ];
  for (const [name, data] of [
    ['在保.xls', xls(roster)],
    ['在保.csv', csv(roster)],
    ['在保-utf8.csv', csv(roster, 'utf8')],
  ] as const) {
    const p = await openFile(w, admin, 'entitlements', name, data);
    const got = await rowsOf(w, admin, p.job);
    assert.deepEqual(
      got.map((r) => r.status),
      ['ok', 'ok', 'refused', 'refused'],
      name,
    );
    assert.match(got[0].detail, /最低生活保障金 1,234\.50 元\/月，自 2025-01/);
    assert.match(got[1].detail, /特困人员供养金 123\.00 元\/月，自 2025-03/);
    assert.match(got[2].reasons, /最多精确到分/);
    assert.match(got[3].reasons, /不能为负数/);
  }
});

test('files that are not rosters are refused with a clear message and nothing is written', async () => {
  const { w, admin } = await setUp();
  const open = (name: string, data: Buffer) =>
    w.call(admin, 'imports.open', {
      job: randomUUID(),
      kind: 'households',
      fileName: name,
      base64: data.toString('base64'),
    });
  assert.match(refused(await open('a.xlsx', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]))).message, /不是 Excel/);
  assert.match(refused(await open('big.csv', Buffer.alloc(20 * 1024 * 1024 + 1, 0x41))).message, /超过 20 MB/);
  const cfb = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', Buffer.alloc(64, 1));
  XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(512, 2));
  const locked = Buffer.from(XLSX.CFB.write(cfb, { type: 'buffer' }) as Uint8Array);
  assert.match(refused(await open('locked.xlsx', locked)).message, /设置了打开密码/);
  const empty = new ExcelJS.Workbook();
  empty.addWorksheet('Sheet1');
  assert.match(refused(await open('empty.xlsx', Buffer.from(await empty.xlsx.writeBuffer()))).message, /没有数据/);

  // A zip bomb: honest about its size, and one that lies about it.
  const base = await JSZip.loadAsync(await xlsx([['姓名', '身份证号']]));
  base.file('xl/worksheets/sheet1.xml', Buffer.alloc(250 * 1024 * 1024, 0x20));
  const bomb = await base.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  assert.match(refused(await open('bomb.xlsx', bomb)).message, /解压后超过 200 MB/);
  const liar = Buffer.from(bomb);
  for (let at = liar.indexOf('PK\x01\x02'); at >= 0; at = liar.indexOf('PK\x01\x02', at + 4))
    liar.writeUInt32LE(1000, at + 24);
  assert.match(refused(await open('liar.xlsx', liar)).message, /大小与文件中记录的不符/);

  // A sheet "formatted" down to row 1,000,000: the empty rows are never read one by one.
  const million = await JSZip.loadAsync(await xlsx([['姓名', '身份证号', '村']]));
  const rowsXml = Array.from({ length: 1_000_000 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" s="0"/></row>`).join(
    '',
  );
  const sheet = (await million.file('xl/worksheets/sheet1.xml')!.async('string')).replace(
    /<\/row>\s*<\/sheetData>/,
    `</row>${rowsXml}</sheetData>`,
  );
  million.file('xl/worksheets/sheet1.xml', sheet);
  const started = process.hrtime.bigint();
  const r = refused(
    await open('million.xlsx', await million.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })),
  );
  assert.match(r.message, /没有数据|没有可导入的行/);
  console.log(`# million empty rows refused in ${Number(process.hrtime.bigint() - started) / 1e6} ms`);
  assert.equal(w.count('persons'), 0);
  assert.equal(w.count('imports'), 0);
});

/** The three households of ROSTER's first rows, imported, as a township's first day would. */
async function imported(w: World, admin: Session) {
  const rows: Row[] = [
    ['户主身份证号', '姓名', '身份证号', '与户主关系', '村（社区）', '困难类别', '一卡通账号'],
    [A, '张三', A, '户主', '东山村', '低保 2024-03-01', '6228480000000000011'],
    [A, '李四妹', A_WIFE, '配偶', null, null, null],
    [B, '吉𠮷·㛃', B, '户主', '西河村', '特困 2020-01-01', null],
  ];
  const p = await openFile(w, admin, 'households', '户籍.xlsx', await xlsx(rows));
  return must(await w.call(admin, 'imports.confirm', { job: p.job }));
}

test('a household already in the ledger asks merge or skip; merging adds only the missing members and categories; a clerk is not told whose number it is', async () => {
  const { w, admin } = await setUp();
  await imported(w, admin);
  const rows: Row[] = [
    ['户主身份证号', '姓名', '身份证号', '与户主关系', '村（社区）', '困难类别'],
    [A, '张三', A, '户主', '东山村', '低保、重度残疾 2025-01-01'],
    [A, '李四妹', A_WIFE, '配偶', null, null],
    [A, '张小三', A_SON, '子女', null, null],
    [C, '王五', C, '户主', '东山村', null],
    [C, '冒名', A_WIFE, '配偶', null, null],
  ];
  const file = await xlsx(rows);
  const p = await openFile(w, admin, 'households', '补充.xlsx', file);
  const got = await rowsOf(w, admin, p.job);
  assert.deepEqual(
    got.map((r) => r.status),
    ['confirm', 'confirm', 'confirm', 'ok', 'refused'],
  );
  assert.match(got[0].reasons, /户主已在台账：张三（东山村，张三户，户号 1）。可合并/);
  assert.equal(got[0].decision, 'skip');
  assert.match(got[4].reasons, /已是台账中另一户的成员：李四妹（东山村，张三户，户号 1），导入不会移动人员/);

  const merged = must(await w.call(admin, 'imports.check', { job: p.job, decisions: { 2: 'merge' } }));
  assert.equal(merged.counts.merge, 1);
  const record = must(await w.call(admin, 'imports.confirm', { job: p.job }));
  assert.deepEqual(JSON.parse(record.counts), {
    areas: 0,
    households: 1,
    persons: 2,
    categories: 1,
    applications: 0,
    payments: 0,
  });
  assert.equal(
    w.one('SELECT count(*) AS n FROM persons WHERE household_id = 1').n,
    3,
    '张小三 joined, 李四妹 not twice',
  );
  assert.equal(w.one(`SELECT household_id AS n FROM persons WHERE id_number = ?`, A_WIFE).n, 1, 'not moved');

  // A clerk whose row names someone else is told only that the number is taken.
  const clerk = await w.staff('clerk1', ['clerk']);
  const probe = await openFile(
    w,
    clerk,
    'households',
    'probe.xlsx',
    await xlsx([rows[0], [A_WIFE, '随便', A_WIFE, '户主', '东山村', null]]),
  );
  const [row] = await rowsOf(w, clerk, probe.job);
  assert.equal(row.status, 'refused');
  assert.doesNotMatch(row.reasons, /李四妹|张三|户号/);
  assert.match(row.reasons, /已在台账中登记/);
  const forbidden = await w.call(clerk, 'imports.open', {
    job: randomUUID(),
    kind: 'payments',
    fileName: 'x.xlsx',
    base64: file.toString('base64'),
  });
  assert.match(refused(forbidden).message, /管理员权限/);
});

test('undo: an import is taken back whole, unless something written since leans on it, and then it says what', async () => {
  const { w, admin } = await setUp();
  const first = await imported(w, admin);
  const hid = w.one<{ id: number }>('SELECT household_id AS id FROM persons WHERE id_number = ?', B).id;
  const clerk = await w.staff('clerk1', ['clerk']);
  const person = w.one<{ id: number }>('SELECT id FROM persons WHERE id_number = ?', B).id;
  must(
    await w.call(clerk, 'applications.register', {
      householdId: hid,
      personId: person,
      kindCode: 'temporary_relief_urgent',
      reason: '房屋失火',
      amount: '1,000',
      materials: ['申请书', '身份证复印件', '户口簿复印件'],
    } as never),
  );
  const blocked = refused(await w.call(admin, 'imports.undo', { id: first.id }));
  assert.match(blocked.message, /不能撤销本次导入：导入后已有 1 件救助申请用到了本次导入的数据/);
  assert.equal(w.count('persons'), 3);

  const { w: w2, admin: admin2 } = await setUp();
  const second = await imported(w2, admin2);
  const undone = must(await w2.call(admin2, 'imports.undo', { id: second.id }));
  assert.ok(undone.undoneAt);
  for (const t of ['households', 'persons', 'household_categories']) assert.equal(w2.count(t), 0, t);
  assert.match(refused(await w2.call(admin2, 'imports.undo', { id: second.id })).message, /已在 .* 撤销/);
  assert.equal(w2.one(`SELECT count(*) AS n FROM audit_log WHERE entity = 'import'`).n, 3, 'read, import, undo');
});

test('entitlements come in as approved cases the next payroll pays; past payments post so last year reports and a month is not paid twice', async () => {
  const { w, admin } = await setUp();
  await imported(w, admin);
  const ents: Row[] = [
    ['姓名', '身份证号', '救助类别', '月保障金', '起始月份'],
    ['张三', A, '低保金', '650', '2025-01'],
    ['吉𠮷·㛃', B, '特困', '900.50', '2026-01'],
    ['无名', C, '低保', '650', '2025-01'],
  ];
  const pe = await openFile(w, admin, 'entitlements', '在保.xlsx', await xlsx(ents));
  assert.match((await rowsOf(w, admin, pe.job))[2].reasons, /台账中没有此人：请先导入户籍花名册/);
  const entRecord = must(await w.call(admin, 'imports.confirm', { job: pe.job }));
  assert.deepEqual(JSON.parse(entRecord.counts).applications, 2);
  assert.equal(
    w.one(`SELECT count(*) AS n FROM applications WHERE state = 'approved' AND import_id = ?`, entRecord.id).n,
    2,
  );

  const pays: Row[] = [
    ['发放月份', '姓名', '身份证号', '救助类别', '发放金额'],
    ['2025-12', '张三', A, '最低生活保障金', '650.00'],
    ['2026-10', '张三', A, '最低生活保障金', '650.00'],
    ['2026-11', '张三', A, '最低生活保障金', '650.00'],
    ['2025-06', '吉𠮷·㛃', B, '临时救助', '2,000'],
    ['2026-12', '张三', A, '低保', '650'],
    ['2026-11', '张三', A, '低保', '650'],
  ];
  const pp = await openFile(w, admin, 'payments', '发放.xlsx', await xlsx(pays));
  const got = await rowsOf(w, admin, pp.job);
  assert.deepEqual(
    got.map((r) => r.status),
    ['ok', 'ok', 'ok', 'ok', 'refused', 'refused'],
  );
  assert.match(got[4].reasons, /晚于本月/);
  assert.match(got[5].reasons, /与第 4 行重复/);
  const payRecord = must(await w.call(admin, 'imports.confirm', { job: pp.job }));
  assert.equal(JSON.parse(payRecord.counts).payments, 4);
  const r2025 = must(await w.call(admin, 'reports.annual', { year: 2025 }));
  assert.equal(r2025.total.fen, 265000);
  assert.equal(r2025.total.persons, 2);

  // The November payroll skips 张三's November (paid by the import) and pays 吉𠮷·㛃.
  const clerk = await w.staff('clerk1', ['clerk']);
  const batch = must(await w.call(clerk, 'payroll.create', { month: '2026-11', kindCode: null }));
  const lines = must(await w.call(clerk, 'payroll.rows', { batchId: batch.id, offset: 0, limit: 100 })).rows;
  assert.deepEqual(lines.map((l) => l.personName).sort(), ['吉𠮷·㛃']);
  const again = await openFile(w, admin, 'payments', '发放.xlsx', await xlsx(pays.slice(0, 4)));
  assert.match((await rowsOf(w, admin, again.job))[2].reasons, /2026-11 已发放过（凭证号/);

  // Undo of the payments import: reversals on the same days, the year's amount back to nothing, cases withdrawn.
  must(await w.call(admin, 'payroll.cancel', { id: batch.id, reason: '测试' } as never));
  must(await w.call(admin, 'imports.undo', { id: payRecord.id }));
  const after = must(await w.call(admin, 'reports.annual', { year: 2025 }));
  assert.equal(after.netFen, 0);
  assert.equal(w.one('SELECT count(*) AS n FROM payments').n, 8, 'nothing deleted: four payments, four reversals');
  assert.equal(
    w.one(`SELECT count(*) AS n FROM applications WHERE import_id = ? AND state = 'withdrawn'`, payRecord.id).n,
    1,
  );
});

test('the problem rows download as .xlsx with 错误原因, and the fixed file imports alone; the template has text ID columns and drop-downs', async () => {
  const { w, admin } = await setUp();
  const rows: Row[] = [
    ['姓名', '身份证号', '村'],
    ['张三', A, '东山村'],
    ['李四', A_WIFE.slice(0, 17) + (A_WIFE[17] === '1' ? '2' : '1'), '东山村'],
  ];
  const p = await openFile(w, admin, 'households', '第一批.xlsx', await xlsx(rows));
  must(await w.call(admin, 'imports.confirm', { job: p.job }).then(() => ({ ok: true as const, value: 1 })));
  const p2 = await openFile(w, admin, 'households', '第一批.xlsx', await xlsx(rows));
  const problems = must(await w.call(admin, 'imports.problems', { job: p2.job }));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(problems.base64, 'base64') as never);
  const ws = wb.worksheets[0];
  assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), ['姓名', '身份证号', '村', '错误原因']);
  assert.equal(ws.rowCount, 3);
  assert.match(String(ws.getCell(3, 4).value), /校验位不对/);
  ws.getCell(3, 2).value = A_WIFE;
  ws.spliceRows(2, 1);
  ws.spliceColumns(4, 1);
  const fixed = await openFile(w, admin, 'households', '第一批-改.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
  assert.equal(fixed.counts.ok, 1);
  must(await w.call(admin, 'imports.confirm', { job: fixed.job }));
  assert.equal(w.count('persons'), 2);

  const t = must(await w.call(admin, 'imports.template', { kind: 'households' }));
  const tb = new ExcelJS.Workbook();
  await tb.xlsx.load(Buffer.from(t.base64, 'base64') as never);
  const sheet = tb.getWorksheet('导入模板')!;
  assert.equal(sheet.getCell(1, 2).value, '身份证号');
  assert.equal(sheet.getColumn(2).numFmt, '@');
  assert.equal(sheet.getCell(2, 2).value, '110101199001011237');
  assert.equal(sheet.getCell(5, 5).dataValidation?.type, 'list', '村（社区）');
  assert.equal(sheet.getCell(5, 9).dataValidation?.type, 'list', '困难类别');
  // The hidden sheet holds one list per column with a drop-down, the ledger's villages among them.
  assert.ok((tb.getWorksheet('选项')!.getRow(1).values as unknown[]).includes('东山村'));
  const kinds = must(await w.call(admin, 'imports.template', { kind: 'entitlements' }));
  const kb = new ExcelJS.Workbook();
  await kb.xlsx.load(Buffer.from(kinds.base64, 'base64') as never);
  assert.equal(kb.getWorksheet('导入模板')!.getCell(5, 5).dataValidation?.type, 'list', '救助类别');
});

test('round trip: the full households export imports into an empty ledger as the same households, persons, categories and accounts', async () => {
  const { w, admin } = await setUp();
  await imported(w, admin);
  const more: Row[] = [
    [
      '户主身份证号',
      '姓名',
      '身份证号',
      '与户主关系',
      '村（社区）',
      '困难类别',
      '残疾类别',
      '残疾等级',
      '联系电话',
      '开户银行',
      '一卡通账号',
    ],
    [
      C,
      '王五',
      C,
      '户主',
      '东山村',
      '重度残疾 2023-05-01~2024-05-01、低保 2025-01-01',
      '肢体',
      '二级',
      '13912345678',
      '农商银行',
      '6228480000000000099',
    ],
    [C, '王小五', A_SON, '孙子', null, null, null, null, null, null, null],
  ];
  must(
    await w.call(admin, 'imports.confirm', {
      job: (await openFile(w, admin, 'households', 'more.xlsx', await xlsx(more))).job,
    }),
  );
  const snapshot = (x: World) =>
    x.ledger.db
      .prepare(
        `SELECT p.name, p.id_number, p.relation, p.gender, p.birth_date, p.phone, p.disability_type, p.disability_grade,
           h.account, h.bank_name, h.phone AS hphone, a.name AS area, hp.id_number AS head,
           (SELECT group_concat(category_code || from_date || coalesce(to_date, ''), ',')
            FROM (SELECT * FROM household_categories WHERE household_id = h.id ORDER BY category_code)) AS cats
         FROM persons p
         JOIN households h ON h.id = p.household_id
         JOIN persons hp ON hp.id = h.head_person_id
         JOIN areas a ON a.id = h.area_id
         ORDER BY p.id_number`,
      )
      .all();
  const clerk = await w.staff('clerk1', ['clerk']);
  assert.equal(refused(await w.call(clerk, 'households.exportFull', {})).code, 'FORBIDDEN');
  const full = must(await w.call(admin, 'households.exportFull', {}));
  assert.equal(full.rows, 5);
  const { w: empty, admin: admin2 } = await setUp();
  const p = await openFile(empty, admin2, 'households', full.fileName, Buffer.from(full.base64, 'base64'));
  assert.equal(p.counts.ok, 5);
  must(await empty.call(admin2, 'imports.confirm', { job: p.job }));
  assert.deepEqual(snapshot(empty), snapshot(w));
});

test('an import from nothing: a households roster into a ledger without villages makes them in its own transaction (a failed one makes none); the amount column is said not to be read; blanks typed inside names go', async () => {
  const w = await world();
  const admin = await w.admin();
  assert.equal(w.count('areas'), 0);
  const D = idOf('1985-04-04', 6, true);
  const E = idOf('1979-08-08', 7);
  const F = idOf('1992-12-12', 8, true);
  const rows: Row[] = [
    ['姓名', '身份证号', '与户主关系', '村（社区）', '困难类别', '月保障金（元）'],
    ['孙  美宝', A, '户主', '东山村', '低保', '1,234.567'],
    ['李\u3000四', A_WIFE, '配偶', null, null, '-5'],
    ['阿依古丽 · 买买提', B, '户主', '西河村', '特困', '九百'],
    ['周六', C, '户主', '东山', null, '650'],
    ['Mary  Smith', D, '户主', '西河村', null, null],
    ['坏号', A_SON.slice(0, 17) + (A_SON[17] === '1' ? '2' : '1'), '户主', '北坡村', null, null],
    ['吴七', E, '户主', '=东山', null, null],
    ['郑八', F, '户主', '南山社区', null, null],
  ];
  const file = await xlsx(rows);

  // A clerk may not make villages (areas.save is an admin's): the rows and the preview say who may.
  const clerk = await w.staff('clerk1', ['clerk']);
  const seen = await openFile(w, clerk, 'households', '花名册.xlsx', file);
  assert.equal(seen.mayCreateAreas, false);
  assert.equal(seen.areaMakers, '管理员');
  assert.equal(seen.counts.ok, 0);
  assert.match(
    (await rowsOf(w, clerk, seen.job))[0].reasons,
    /村（社区）“东山村”不在台账中：只有管理员可以新建村（社区），请管理员导入这个文件，或先在“设置”中添加/,
  );
  const forbidden = refused(await w.call(clerk, 'imports.check', { job: seen.job, createAreas: true }));
  assert.deepEqual([forbidden.code, forbidden.field], ['FORBIDDEN', 'createAreas']);

  // The admin is offered to make them; until ticked, nothing is made and the rows say how.
  const p = await openFile(w, admin, 'households', '花名册.xlsx', file);
  assert.deepEqual([p.mayCreateAreas, p.createAreas, p.newAreas], [true, false, []]);
  assert.deepEqual(
    p.unknownAreas.map((a) => a.name),
    ['东山村', '西河村', '东山', '北坡村', '=东山', '南山社区'],
  );
  assert.match((await rowsOf(w, admin, p.job))[0].reasons, /可勾选“新建这些村（社区）”/);
  // The amount column is not read, and the preview says so: 1,234.567, -5 and 九百 refuse no row.
  assert.deepEqual(p.notes, [
    'F 列“月保障金（元）”不导入：户籍花名册只登记户、成员和困难类别，金额不读取；按月发放的金额请管理员用“在保名册”导入',
  ]);

  const ticked = must(await w.call(admin, 'imports.check', { job: p.job, createAreas: true }));
  // One village per place however it is spelt (东山、东山村), none for a refused row (北坡村) or a name 设置 refuses.
  assert.deepEqual(ticked.newAreas, ['东山村', '西河村', '南山社区']);
  const got = await rowsOf(w, admin, p.job);
  assert.deepEqual(
    got.map((r) => [r.name, r.status]),
    [
      ['孙美宝', 'ok'],
      ['李四', 'ok'],
      ['阿依古丽·买买提', 'ok'],
      ['周六', 'ok'],
      ['Mary Smith', 'ok'],
      ['坏号', 'refused'],
      ['吴七', 'refused'],
      ['郑八', 'ok'],
    ],
  );
  assert.match(got[0].reasons, /姓名中的空格已去掉：孙 {2}美宝 → 孙美宝/);
  assert.match(got[0].reasons, /将新建村（社区）“东山村”/);
  assert.match(got[1].reasons, /姓名中的空格已去掉：李\u3000四 → 李四/);
  assert.match(got[2].reasons, /姓名中的空格已去掉：阿依古丽 · 买买提 → 阿依古丽·买买提/);
  assert.doesNotMatch(got[3].reasons, /空格|金额/);
  assert.match(
    got[3].reasons,
    /将新建村（社区）“东山村”（文件中写作“东山”）/,
    'the row names the village it goes into',
  );
  assert.match(got[6].reasons, /村（社区）名称不能以 = \+ - @ 开头，不能新建/);

  // A confirm that fails part-way (a write refused by the database) leaves no village behind.
  w.ledger.db.exec(`CREATE TEMP TRIGGER refuse_people BEFORE INSERT ON persons
    WHEN NEW.name = '郑八' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
  assert.ok(!(await w.call(admin, 'imports.confirm', { job: p.job })).ok);
  for (const t of ['areas', 'households', 'persons', 'imports']) assert.equal(w.count(t), 0, t);
  w.ledger.db.exec('DROP TRIGGER refuse_people');

  const record = must(await w.call(admin, 'imports.confirm', { job: p.job }));
  assert.deepEqual(JSON.parse(record.counts), {
    areas: 3,
    households: 5,
    persons: 6,
    categories: 2,
    applications: 0,
    payments: 0,
  });
  assert.deepEqual(
    w.ledger.db
      .prepare(
        `SELECT p.name, a.name AS area
         FROM persons p
         JOIN households h ON h.id = p.household_id
         JOIN areas a ON a.id = h.area_id
         ORDER BY p.id`,
      )
      .all(),
    [
      { name: '孙美宝', area: '东山村' },
      { name: '李四', area: '东山村' },
      { name: '阿依古丽·买买提', area: '西河村' },
      { name: '周六', area: '东山村' },
      { name: 'Mary Smith', area: '西河村' },
      { name: '郑八', area: '南山社区' },
    ],
  );
  // Each village has the audit row 设置 would have written, naming the import.
  const made = w.ledger.db.prepare(`SELECT after FROM audit_log WHERE entity = 'area' ORDER BY id`).all() as {
    after: string;
  }[];
  assert.deepEqual(
    made.map((r) => JSON.parse(r.after) as { name: string; importId: number }).map((a) => [a.name, a.importId]),
    [
      ['东山村', record.id],
      ['西河村', record.id],
      ['南山社区', record.id],
    ],
  );
  assert.equal(w.count('applications') + w.count('entitlements'), 0, 'no amount was read');

  // Undo takes the households back and keeps the villages, and says so.
  must(await w.call(admin, 'imports.undo', { id: record.id }));
  assert.deepEqual([w.count('households'), w.count('areas')], [0, 3]);
  const undo = w.one<{ after: string }>(
    `SELECT after FROM audit_log WHERE entity = 'import' ORDER BY id DESC LIMIT 1`,
  ).after;
  assert.equal((JSON.parse(undo) as { areasKept: number }).areasKept, 3);
});

test('an 在保名册 without 起始月份: the clerk chooses one start month for the file; a filled 起始月份 cell still wins; without either the rows say what is missing', async () => {
  const { w, admin } = await setUp();
  await imported(w, admin);
  const ents: Row[] = [
    ['姓名', '身份证号', '救助类别', '月保障金'],
    ['张三', A, '低保金', '650'],
    ['吉𠮷·㛃', B, '特困', '900.50'],
  ];
  const p = await openFile(w, admin, 'entitlements', '在保.xlsx', await xlsx(ents));
  assert.equal(p.mapping.startMonth, null);
  assert.equal(p.startMonth, null);
  assert.equal(p.blocker, '没有可导入的行：请为整个文件选择起始月份，或对应“起始月份”列');
  assert.match(
    (await rowsOf(w, admin, p.job))[0].reasons,
    /缺少起始月份：请在预览中为整个文件选择起始月份，或对应“起始月份”列/,
  );
  const bad = refused(await w.call(admin, 'imports.check', { job: p.job, startMonth: '2026-13' }));
  assert.deepEqual([bad.code, bad.field], ['VALIDATION', 'startMonth']);

  const chosen = must(await w.call(admin, 'imports.check', { job: p.job, startMonth: '2026-12' }));
  assert.deepEqual([chosen.startMonth, chosen.blocker, chosen.counts.ok], ['2026-12', null, 2]);
  assert.match((await rowsOf(w, admin, p.job))[0].detail, /650\.00 元\/月，自 2026-12（所选起始月份）/);
  const record = must(await w.call(admin, 'imports.confirm', { job: p.job }));
  assert.equal(JSON.parse(record.counts).applications, 2);
  assert.deepEqual(
    w.ledger.db.prepare('SELECT start_month AS m, monthly_fen AS fen FROM entitlements ORDER BY id').all(),
    [
      { m: '2026-12', fen: 65000 },
      { m: '2026-12', fen: 90050 },
    ],
  );

  // With a 起始月份 column: a filled cell wins, an empty one takes the chosen month, or says it is empty.
  const { w: w2, admin: admin2 } = await setUp();
  await imported(w2, admin2);
  const withColumn: Row[] = [
    ['姓名', '身份证号', '救助类别', '月保障金', '起始月份'],
    ['张三', A, '低保金', '650', '2025-01'],
    ['吉𠮷·㛃', B, '特困', '900.50', null],
  ];
  const q = await openFile(w2, admin2, 'entitlements', '在保2.xlsx', await xlsx(withColumn));
  const before = await rowsOf(w2, admin2, q.job);
  assert.deepEqual(
    before.map((r) => r.status),
    ['ok', 'refused'],
  );
  assert.match(before[1].reasons, /起始月份为空：请填写，或在预览中为整个文件选择起始月份/);
  must(await w2.call(admin2, 'imports.check', { job: q.job, startMonth: '2026-11' }));
  const after = await rowsOf(w2, admin2, q.job);
  assert.match(after[0].detail, /自 2025-01$/);
  assert.match(after[1].detail, /自 2026-11（所选起始月份）/);
  must(await w2.call(admin2, 'imports.confirm', { job: q.job }));
  assert.deepEqual(w2.ledger.db.prepare('SELECT start_month AS m FROM entitlements ORDER BY id').all(), [
    { m: '2025-01' },
    { m: '2026-11' },
  ]);
});

test('villages are told apart as places: a 村 and a 社区, 一组 and 二组, a bare stem only when it names one', async () => {
  // What a new village is made as, per spelling.
  assert.deepEqual(
    Object.fromEntries(
      newVillages(['东关村', '东关社区', '东关', '西河村（一组）', '西河村（二组）', '南坡村民委员会', '南坡村']),
    ),
    {
      东关村: '东关村',
      东关社区: '东关社区',
      东关: '东关', // two places answer to 东关: it is not folded into either
      '西河村（一组）': '西河村（一组）',
      '西河村（二组）': '西河村（二组）',
      南坡村民委员会: '南坡村民委员会',
      南坡村: '南坡村民委员会',
    },
  );
  assert.deepEqual(Object.fromEntries(newVillages(['北山', '北山村'])), { 北山: '北山村', 北山村: '北山村' });
  assert.match(villageNameProblem('村')!, /名称“村”不完整/);
  assert.match(villageNameProblem('社区')!, /不完整/);
  assert.equal(villageNameProblem('东关社区'), null);
  // Against the ledger's villages: the exact name first; a bare stem only when one village has it.
  const known = [{ name: '东关村' }, { name: '东关社区' }, { name: '北山村' }];
  assert.deepEqual(villagesNamed('东关社区', known), [{ name: '东关社区' }]);
  assert.deepEqual(villagesNamed('东关居委会', known), [{ name: '东关社区' }]);
  assert.deepEqual(villagesNamed('东关', known), [{ name: '东关村' }, { name: '东关社区' }]);
  assert.deepEqual(villagesNamed('北山', known), [{ name: '北山村' }]);
  assert.deepEqual(villagesNamed('北山社区', known), []);

  // Through an import: a bare name two villages answer to is refused, naming both; a 社区 is not filed in the 村.
  const w = await world();
  const admin = await w.admin();
  for (const name of ['东关村', '东关社区']) must(await w.call(admin, 'areas.save', { name }));
  const p = await openFile(
    w,
    admin,
    'households',
    '花名册.xlsx',
    await xlsx([
      ['姓名', '身份证号', '与户主关系', '村（社区）'],
      ['甲一', A, '户主', '东关'],
      ['乙二', B, '户主', '东关社区'],
      ['丙三', C, '户主', '东关村委会'],
    ]),
  );
  const got = await rowsOf(w, admin, p.job);
  assert.equal(got[0].status, 'refused');
  assert.match(got[0].reasons, /村（社区）“东关”可能是东关村或东关社区：请在文件中写全名称/);
  assert.deepEqual(
    got.slice(1).map((r) => [r.status, r.area]),
    [
      ['ok', '东关社区'],
      ['ok', '东关村委会'],
    ],
  );
  must(await w.call(admin, 'imports.confirm', { job: p.job }));
  assert.deepEqual(
    w.ledger.db
      .prepare(
        `SELECT h.head_name AS head, a.name AS area FROM households h JOIN areas a ON a.id = h.area_id ORDER BY h.id`,
      )
      .all(),
    [
      { head: '乙二', area: '东关社区' },
      { head: '丙三', area: '东关村' },
    ],
  );
});

test('a village matched on the preview must be one in use: a stopped or unknown id is refused at the row', async () => {
  const w = await world();
  const admin = await w.admin();
  const old = must(await w.call(admin, 'areas.save', { name: '旧村' }));
  must(await w.call(admin, 'areas.save', { ...old, active: false }));
  const clerk = await w.staff('clerk2', ['clerk']);
  const p = await openFile(
    w,
    clerk,
    'households',
    '花名册.xlsx',
    await xlsx([
      ['姓名', '身份证号', '与户主关系', '村（社区）'],
      ['甲一', A, '户主', '新地方'],
      ['乙二', B, '户主', '别处'],
    ]),
  );
  must(await w.call(clerk, 'imports.check', { job: p.job, areaMap: { 新地方: old.id, 别处: 99999 } }));
  const got = await rowsOf(w, clerk, p.job);
  assert.deepEqual(
    got.map((r) => [r.status, r.reasons]),
    [
      ['refused', '“新地方”对应的村（社区）已停用：请重新选择'],
      ['refused', '“别处”对应的村（社区）不存在：请重新选择'],
    ],
  );
  assert.equal(w.count('households'), 0);
});
