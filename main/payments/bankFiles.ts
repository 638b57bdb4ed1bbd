// Files of a batch: the roster as .xlsx, the bank's upload file (full account numbers: approvers only, audited),
// and the bank's result file coming back (failed rows are reversed, and re-issued by a later batch).
import { amountInWords, cleanAccount, formatYuan, parseYuan } from '../../shared/domain/money';
import { AppError } from '../../shared/domain/result';
import { plainCsvText } from '../../shared/domain/text';
import { dateCn, isoCn, monthCn } from '../../shared/domain/time';
import type { BankImportResult } from '../../shared/schemas/payments';
import { DEFAULT_CENTER } from '../../shared/schemas/settings';
import type { Ctx } from '../core/dispatch';
import { lookup } from '../core/idLookups';
import { getSetting } from '../core/settings';
import { writeWorkbook } from '../core/workbook';
import { prep } from '../db/open';
import { batchRow, roster } from './batchList';
import { reversePayment } from './payments';

const ROSTER_COLUMNS: [string, number][] = [
  ['序号', 6],
  ['村/社区', 12],
  ['姓名', 10],
  ['身份证号', 22],
  ['救助类别', 20],
  ['金额（元）', 12],
  ['账号后四位', 12],
  ['签字（手印）', 18],
  ['备注', 14],
];

/** The roster to sign on paper: one row per person, a signature column sized for a hand and a thumbprint, totals. */
export async function rosterXlsx(ctx: Ctx, id: number, areaId?: number) {
  const r = roster(ctx.db, id, areaId);
  const center = getSetting(ctx.db, 'center', DEFAULT_CENTER).name;
  const total = r.rows.reduce((s, l) => s + l.amountFen, 0);
  const buf = await writeWorkbook([
    {
      name: '发放花名册',
      center,
      title: `${center} ${monthCn(r.batch.month)}补贴发放花名册`,
      subtitle: `批次 ${r.batch.batchNo ?? `草稿 ${r.batch.id}`}　${r.area ?? '全部村/社区'}　发放日期 ${r.batch.paidOn ?? '未过账'}`,
      headers: ROSTER_COLUMNS.map((c) => c[0]),
      widths: ROSTER_COLUMNS.map((c) => c[1]),
      text: [3, 6],
      numbers: { 0: 'count', 5: 'yuan' },
      rows: r.rows.map((l, i) => [
        i + 1,
        l.area,
        l.personName,
        l.idNumber,
        l.kind,
        l.amountFen / 100,
        l.accountTail,
        '',
        l.forMonth !== r.batch.month ? `补发 ${l.forMonth}` : '',
      ]),
      foot: [
        ['合计', '', `${r.rows.length} 人`, '', '', total / 100, '', '', ''],
        [`合计金额（大写）：${amountInWords(total)}`],
      ],
      bordered: true,
      signature: 7,
    },
  ]);
  return {
    fileName: `发放花名册-${r.batch.batchNo ?? `草稿${r.batch.id}`}${r.area ? `-${r.area}` : ''}.xlsx`,
    base64: buf.toString('base64'),
    rows: r.rows.length,
  };
}

const csvCell = (raw: string) => {
  const s = plainCsvText(raw);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** 序号,收款人,账号,金额,摘要 — UTF-8 with BOM, amounts in yuan without thousands commas. */
export function bankFile(ctx: Ctx, id: number) {
  const b = batchRow(ctx.db, id);
  if (b.state !== 'posted') throw new AppError('CONFLICT', '批次过账后才能生成银行代发文件');
  const rows = prep(
    ctx.db,
    `SELECT pe.name, p.account, p.amount_fen AS fen FROM payments p JOIN persons pe ON pe.id = p.person_id
      WHERE p.batch_id = ? AND p.reverses_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM payments x WHERE x.reverses_id = p.id) ORDER BY p.id`,
  ).all(id) as { name: string; account: string; fen: number }[];
  const memo = `${monthCn(b.month)}补贴`;
  const lines = [
    '序号,收款人,账号,金额,摘要',
    ...rows.map((r, i) => [String(i + 1), r.name, r.account, (r.fen / 100).toFixed(2), memo].map(csvCell).join(',')),
  ];
  const fileName = `银行代发-${b.batchNo}.csv`;
  ctx.audit('payrollBatch', id, null, {
    bankFile: fileName,
    rows: rows.length,
    totalFen: rows.reduce((s, r) => s + r.fen, 0),
  });
  return {
    fileName,
    base64: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8').toString('base64'),
    rows: rows.length,
  };
}

/** Splits one CSV line (quotes may hold commas, as in "1,234.50"). */
function csvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

const STATUS = { 成功: 'success', 失败: 'failed' } as const;
const tail = (account: string) => `****${account.slice(-4)}`;

/** All lines are checked first; one bad line refuses the whole file and nothing is written. */
export function importBankResults(ctx: Ctx, batchId: number, content: string): BankImportResult {
  const { db } = ctx;
  const b = batchRow(db, batchId);
  if (b.state !== 'posted') throw new AppError('CONFLICT', '批次过账后才能导入银行结果', 'content');
  const lines = content
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = csvLine(lines[0] ?? '');
  if (header.slice(0, 3).join(',') !== '账号,金额,状态' || header.length > 4)
    throw new AppError(
      'VALIDATION',
      `文件表头应为“账号,金额,状态”（可加第四列“说明”），这个文件是“${(lines[0] ?? '').slice(0, 40)}”`,
      'content',
    );
  if (lines.length < 2) throw new AppError('VALIDATION', '文件中没有结果行', 'content');
  // Each row's account is compared with the batch's: a lookup of accounts (audited; approvers may see them whole).
  lookup(ctx, 'account', lines.slice(1), `银行结果文件，${lines.length - 1} 行`);

  // The batch's standing bank payments without a result yet, by account.
  const open = new Map<string, { id: number; fen: number }[]>();
  const known = new Set<string>();
  for (const p of prep(
    db,
    `SELECT p.id, p.account, p.amount_fen AS fen, br.payment_id IS NOT NULL AS done
      FROM payments p
      LEFT JOIN bank_results br ON br.payment_id = p.id
      WHERE p.batch_id = ? AND p.reverses_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM payments x WHERE x.reverses_id = p.id) ORDER BY p.id`,
  ).all(batchId) as { id: number; account: string; fen: number; done: number }[]) {
    known.add(p.account);
    if (!p.done) open.set(p.account, [...(open.get(p.account) ?? []), { id: p.id, fen: p.fen }]);
  }

  const problems: string[] = [];
  const results: { id: number; status: 'success' | 'failed'; message: string }[] = [];
  lines.slice(1).forEach((line, i) => {
    const n = i + 2;
    const [rawAccount = '', rawAmount = '', rawStatus = '', message = ''] = csvLine(line);
    const account = cleanAccount(rawAccount);
    const amount = parseYuan(rawAmount);
    const status = STATUS[rawStatus as keyof typeof STATUS];
    if (!account) return void problems.push(`第 ${n} 行：账号“${rawAccount.slice(0, 30)}”不是 10–30 位数字`);
    if (!amount.ok) return void problems.push(`第 ${n} 行：${amount.message}（“${rawAmount.slice(0, 20)}”）`);
    if (!status) return void problems.push(`第 ${n} 行：状态应为“成功”或“失败”，不是“${rawStatus.slice(0, 10)}”`);
    if (!known.has(account)) return void problems.push(`第 ${n} 行：账号 ${tail(account)} 不在批次 ${b.batchNo} 中`);
    const candidates = open.get(account) ?? [];
    const k = candidates.findIndex((c) => c.fen === amount.fen);
    if (k < 0)
      return void problems.push(
        candidates.length
          ? `第 ${n} 行：账号 ${tail(account)} 的金额 ${formatYuan(amount.fen)} 元与批次中的 ${candidates.map((c) => formatYuan(c.fen)).join('、')} 元不符`
          : `第 ${n} 行：账号 ${tail(account)} 的结果已经导入过，不能重复导入`,
      );
    const [hit] = candidates.splice(k, 1);
    results.push({ id: hit.id, status, message });
  });
  if (problems.length)
    throw new AppError(
      'VALIDATION',
      `银行结果文件有 ${problems.length} 处问题，未导入任何一行：${problems.slice(0, 5).join('；')}${problems.length > 5 ? '……' : ''}`,
      'content',
    );

  const today = dateCn(ctx.now);
  const insert = prep(
    db,
    'INSERT INTO bank_results (payment_id, status, message, imported_on, imported_by) VALUES (?, ?, ?, ?, ?)',
  );
  const reversalIds: number[] = [];
  for (const r of results) {
    insert.run(r.id, r.status, r.message, today, ctx.session.staff!.id);
    if (r.status === 'failed')
      reversalIds.push(reversePayment(ctx, r.id, 'bank_failed', `银行退回${r.message ? `：${r.message}` : ''}`));
  }
  const failed = reversalIds.length;
  ctx.audit('payrollBatch', batchId, null, { bankResults: results.length, failed, at: isoCn(ctx.now) });
  return { succeeded: results.length - failed, failed, reversalIds };
}
