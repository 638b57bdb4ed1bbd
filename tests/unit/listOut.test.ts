// Every list leaves the screen (issue 31.3): the .xlsx and the A4 print of 发放记录, 走访记录, 救助申请, 微心愿, 意见建议
// and 纠纷 on the demo year, read back — the heading (center and filter), the cells against the grid, no full ID,
// account or phone, the audit row — and the audit log in Chinese sentences, its filters and its export.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import ExcelJS from 'exceljs';

import { newSession, type Session } from '../../main/core/dispatch';
import { PRINT_MAX } from '../../main/core/listSheet';
import { DEMO_PASSWORD } from '../../main/demo/year';
import type { Channel } from '../../shared/contract';
import { auditAction, auditSentence, CHANNEL_LABELS, ENTITY_LABELS } from '../../shared/domain/auditWords';
import { formatYuan } from '../../shared/domain/money';
import { DEFAULT_CENTER } from '../../shared/schemas/settings';
import { demoWorld } from './fixtures';
import { must, type World } from './helpers';

async function sheetOf(base64: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as never);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((row, n) => {
    rows[n - 1] = (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)));
  });
  return rows;
}

/** Every full ID number, account and phone of the ledger: none may appear in an export or a print. */
function secretsOf(w: World): string[] {
  const all = (sql: string) => (w.ledger.db.prepare(sql).all() as { s: string }[]).map((r) => r.s);
  return [
    ...all('SELECT id_number AS s FROM persons'),
    ...all(`SELECT account AS s FROM households WHERE account <> ''`),
    ...all(`SELECT account AS s FROM payments WHERE account IS NOT NULL AND account <> ''`),
    ...all(`SELECT phone AS s FROM households WHERE phone <> ''`),
    ...all(`SELECT phone AS s FROM persons WHERE phone <> ''`),
    ...all(`SELECT phone AS s FROM wishes WHERE phone <> ''`),
    ...all(`SELECT id_number AS s FROM dispute_parties WHERE id_number IS NOT NULL`),
    ...all(`SELECT phone AS s FROM dispute_parties WHERE phone <> ''`),
  ];
}

const lastAudit = (w: World) =>
  w.one<{ staffId: number; channel: string; entity: string; after: string }>(
    'SELECT staff_id AS staffId, channel, entity, after FROM audit_log ORDER BY id DESC LIMIT 1',
  );

interface Case {
  list: 'payments' | 'visits' | 'applications' | 'wishes' | 'suggestions' | 'disputes';
  title: string;
  /** The filter given, and how the heading must say it. */
  filters: Record<string, unknown>;
  says: RegExp;
  /** The grid's first row as the sheet's first cells show it, and the grid's total. */
  grid: (w: World, s: Session) => Promise<{ first: string[]; total: number }>;
}

test('each list exports and prints its filtered rows: heading, cells, masking and the audit row', async () => {
  const w = await demoWorld();
  const clerk = newSession();
  must(await w.call(clerk, 'session.signIn', { username: 'shouli', password: DEMO_PASSWORD }));
  const secrets = secretsOf(w);
  assert.ok(secrets.length > 600);
  const center = (
    w.one<{ v: string }>(`SELECT value AS v FROM settings WHERE key = 'center'`) ?? {
      v: JSON.stringify(DEFAULT_CENTER),
    }
  ).v;
  const centerName = (JSON.parse(center) as { name: string }).name;
  const area = w.one<{ id: number; name: string }>(
    'SELECT a.id, a.name FROM areas a JOIN payments p ON p.area_id = a.id GROUP BY a.id ORDER BY count(*) DESC LIMIT 1',
  );
  const month = w.one<{ m: string }>(
    'SELECT substr(paid_on, 1, 7) AS m FROM payments WHERE area_id = ? GROUP BY 1 ORDER BY count(*) DESC LIMIT 1',
    area.id,
  ).m;
  const year = Number(month.slice(0, 4));

  const cases: Case[] = [
    {
      list: 'payments',
      title: '发放记录',
      filters: { month, areaId: area.id },
      says: new RegExp(`^村/社区：${area.name}；月份：${month}$`),
      grid: async (w, s) => {
        const p = must(await w.call(s, 'payments.list', { month, areaId: area.id, limit: 500 }));
        return { first: [p.rows[0].paidOn, p.rows[0].acceptanceNo, p.rows[0].personName], total: p.total };
      },
    },
    {
      list: 'visits',
      title: '走访记录',
      filters: { year },
      says: new RegExp(`^年度：${year}$`),
      grid: async (w, s) => {
        const p = must(await w.call(s, 'visits.list', { year, limit: 500 }));
        return { first: [p.rows[0].visitedOn, p.rows[0].head, p.rows[0].area], total: p.total };
      },
    },
    {
      list: 'applications',
      title: '救助申请',
      filters: { areaId: area.id },
      says: new RegExp(`^村/社区：${area.name}$`),
      grid: async (w, s) => {
        const p = must(await w.call(s, 'applications.list', { areaId: area.id, limit: 500 }));
        return { first: [p.rows[0].acceptanceNo, p.rows[0].acceptedOn, p.rows[0].personName], total: p.total };
      },
    },
    {
      list: 'wishes',
      title: '微心愿',
      filters: { year, figure: 'collected' },
      says: new RegExp(`^年度：${year}；统计项：`),
      grid: async (w, s) => {
        const p = must(await w.call(s, 'wishes.list', { year, figure: 'collected', limit: 500 }));
        return { first: [String(p.rows[0].id), p.rows[0].collectedOn, p.rows[0].resident], total: p.total };
      },
    },
    {
      list: 'suggestions',
      title: '群众意见建议',
      filters: {},
      says: /^全部$/,
      grid: async (w, s) => {
        const p = must(await w.call(s, 'suggestions.list', { limit: 500 }));
        return { first: [String(p.rows[0].id)], total: p.total };
      },
    },
    {
      list: 'disputes',
      title: '矛盾纠纷调解',
      filters: { status: 'settled' },
      says: /^状态：调解成功$|^状态：/,
      grid: async (w, s) => {
        const p = must(await w.call(s, 'disputes.list', { status: 'settled', limit: 500 }));
        return { first: [String(p.rows[0].id), p.rows[0].acceptedOn], total: p.total };
      },
    },
  ];

  for (const c of cases) {
    const { first, total } = await c.grid(w, clerk);
    assert.ok(total > 0, `${c.list}: the demo year has rows for this filter`);

    const file = must(await w.call(clerk, `${c.list}.xlsx` as Channel & `${string}.xlsx`, c.filters as never)) as {
      fileName: string;
      base64: string;
      rows: number;
    };
    assert.equal(file.rows, total, `${c.list}: the export holds the grid's rows`);
    assert.match(file.fileName, new RegExp(`^${c.title}-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
    const sheet = await sheetOf(file.base64);
    const filter = /筛选：(.*)；导出日期/.exec(sheet[0][0])?.[1] ?? '';
    assert.ok(sheet[0][0].startsWith(`${centerName} ${c.title}（筛选：`), `${c.list}: ${sheet[0][0]}`);
    assert.match(filter, c.says, `${c.list}: the filter in the heading`);
    assert.equal(sheet.length, 2 + total, `${c.list}: a title, the headers and one line a row`);
    assert.deepEqual(sheet[2].slice(0, first.length), first, `${c.list}: the first line is the grid's first row`);
    const exported = lastAudit(w);
    assert.equal(exported.entity, 'export');
    assert.equal(exported.channel, `${c.list}.xlsx`);
    assert.deepEqual(
      { what: c.title, rows: total },
      (({ what, rows }) => ({ what, rows }))(JSON.parse(exported.after) as { what: string; rows: number }),
    );

    const printed = must(await w.call(clerk, `${c.list}.print` as 'payments.print', c.filters as never));
    assert.equal(printed.center, centerName);
    assert.equal(printed.title, c.title);
    assert.equal(printed.filter, filter, `${c.list}: the print's heading says the export's filter`);
    assert.equal(printed.total, total);
    assert.equal(printed.rows.length, Math.min(total, PRINT_MAX));
    assert.deepEqual(printed.headers, sheet[1], `${c.list}: the print has the export's columns`);
    assert.deepEqual(
      printed.rows[0].slice(0, first.length).map((v) => String(v ?? '')),
      first,
      `${c.list}: the print's first row is the grid's`,
    );
    const audited = lastAudit(w);
    assert.equal(audited.entity, 'print');
    assert.equal(audited.channel, `${c.list}.print`);
    assert.equal((JSON.parse(audited.after) as { rows: number }).rows, total);

    const text = sheet.flat().join('\n') + JSON.stringify(printed);
    const leaks = secrets.filter((s) => text.includes(s));
    assert.deepEqual(
      leaks.map((s) => `${s.slice(0, 4)}…`),
      [],
      `${c.list}: no full ID, account or phone`,
    );
  }

  // The payments sheet shows the person's ID and the account masked, never whole.
  const pay = await sheetOf(
    must(await w.call(clerk, 'payments.xlsx', { month, areaId: area.id, method: 'bank' })).base64,
  );
  const idCol = pay[1].indexOf('身份证号');
  const accountCol = pay[1].indexOf('账号');
  assert.ok(pay.length > 2, 'bank payments in that month');
  for (const line of pay.slice(2)) {
    assert.match(line[idCol], /^\d{4}\*{10}[\dX]{4}$/, 'the ID masked');
    assert.match(line[accountCol], /^\*{4}\d{4}$/, 'only the account tail');
  }

  // Amounts are numbers in yuan shown as 1,234.50 (they were text once, which no sum in the suite adds); the print
  // shows the same amounts as text.
  const filters = { month, areaId: area.id };
  const grid = must(await w.call(clerk, 'payments.list', { ...filters, limit: 500 }));
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(must(await w.call(clerk, 'payments.xlsx', filters)).base64, 'base64') as never);
  const amountCol = (book.worksheets[0].getRow(2).values as unknown[]).indexOf('金额（元）');
  const amounts = grid.rows.map((_, i) => book.worksheets[0].getCell(3 + i, amountCol));
  assert.ok(amounts.every((c) => c.type === ExcelJS.ValueType.Number && c.numFmt === '#,##0.00'));
  assert.deepEqual(
    amounts.map((c) => c.value),
    grid.rows.map((r) => r.signedFen / 100),
  );
  const printed = must(await w.call(clerk, 'payments.print', filters));
  assert.deepEqual(
    printed.rows.map((r) => r[printed.headers.indexOf('金额（元）')]),
    grid.rows.map((r) => formatYuan(r.signedFen)),
  );

  // A filter the list refuses is refused by its export and its print alike, at the same field.
  const bad = await w.call(clerk, 'payments.xlsx', { month: '2026-13' });
  const badPrint = await w.call(clerk, 'payments.print', { month: '2026-13' });
  assert.ok(!bad.ok && !badPrint.ok);
  assert.equal(bad.error.field, 'month');
  assert.equal(badPrint.error.field, 'month');
});

test('the audit log reads as Chinese sentences, filters by person, date and kind, and exports', async () => {
  const w = await demoWorld();
  const admin = newSession();
  must(await w.call(admin, 'session.signIn', { username: 'admin', password: DEMO_PASSWORD }));
  const clerk = newSession();
  must(await w.call(clerk, 'session.signIn', { username: 'shouli', password: DEMO_PASSWORD }));
  const clerkId = w.one<{ id: number }>(`SELECT id FROM staff WHERE username = 'shouli'`).id;
  const clerkName = w.one<{ n: string }>(`SELECT display_name AS n FROM staff WHERE username = 'shouli'`).n;
  must(await w.call(clerk, 'visits.xlsx', {}));

  // Every channel of the contract has its label; every kind of record main writes has its noun.
  const entities = (w.ledger.db.prepare('SELECT DISTINCT entity AS e FROM audit_log').all() as { e: string }[]).map(
    (r) => r.e,
  );
  assert.deepEqual(
    entities.filter((e) => !(e in ENTITY_LABELS)),
    [],
  );
  const channels = (w.ledger.db.prepare('SELECT DISTINCT channel AS c FROM audit_log').all() as { c: string }[]).map(
    (r) => r.c,
  );
  assert.deepEqual(
    channels.filter((c) => !(c in CHANNEL_LABELS)),
    [],
  );

  // The clerk's rows: a sign-in and an export, said in words with the window.
  const mine = must(await w.call(admin, 'audit.list', { staffId: clerkId, limit: 10 }));
  assert.ok(mine.rows.every((r) => r.staffId === clerkId));
  const [exported, signedIn] = mine.rows;
  assert.match(auditSentence(signedIn), new RegExp(`^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} ${clerkName}在本机登录。$`));
  assert.equal(auditAction(exported), `导出走访记录（${JSON.parse(exported.after!).rows} 行）`);
  assert.ok(!/[a-z]{3,}/i.test(auditSentence(exported)), 'no English in the sentence');

  // A record's name is said, not its number: a household's head.
  const hh = must(await w.call(admin, 'audit.list', { entity: 'household', limit: 5 }));
  assert.ok(hh.rows.length > 0);
  for (const r of hh.rows) {
    const head = w.one<{ head: string }>('SELECT head_name AS head FROM households WHERE id = ?', r.entityId).head;
    assert.equal(r.recordName, `${head}户`);
    assert.ok(auditSentence(r).includes(`「${head}户」`), auditSentence(r));
  }

  // Kind of action and date range.
  const exports = must(await w.call(admin, 'audit.list', { entity: 'export', limit: 100 }));
  assert.ok(exports.rows.length >= 1 && exports.rows.every((r) => r.entity === 'export'));
  const today = exported.at.slice(0, 10);
  const todays = must(await w.call(admin, 'audit.list', { from: today, to: today, limit: 500 }));
  assert.ok(todays.rows.every((r) => r.at.startsWith(today)));
  assert.ok(todays.rows.some((r) => r.id === exported.id));
  const earlier = must(await w.call(admin, 'audit.list', { to: '2000-01-01', limit: 10 }));
  assert.equal(earlier.total, 0);

  // The export: the same filter's rows in words, audited; a clerk may not export the log.
  const file = must(await w.call(admin, 'audit.xlsx', { staffId: clerkId }));
  const sheet = await sheetOf(file.base64);
  assert.match(sheet[0][0], new RegExp(`审计日志（筛选：工作人员：${clerkName}；`));
  assert.deepEqual(sheet[1], ['序号', '时间', '工作人员', '窗口', '操作', '类别', '原始记录']);
  assert.equal(file.rows, mine.total);
  assert.deepEqual(sheet[2].slice(0, 6), [
    String(exported.id),
    exported.at.slice(0, 16).replace('T', ' '),
    clerkName,
    '本机',
    auditAction(exported),
    '导出',
  ]);
  const audited = lastAudit(w);
  assert.equal(audited.channel, 'audit.xlsx');
  assert.equal((JSON.parse(audited.after) as { rows: number }).rows, mine.total);
  const refused = await w.call(clerk, 'audit.xlsx', {});
  assert.ok(!refused.ok);
});
