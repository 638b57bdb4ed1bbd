// Reads and files around imports: the list of past imports, the problem rows to fix in Excel, the template, and the
// households' full export in the template's own columns (what a round trip imports back).

import { fieldsOf, type ImportKind } from '../../shared/domain/imports';
import { DISABILITY_TYPES, RELATIONS } from '../../shared/domain/registry';
import type { Page } from '../../shared/schemas/common';
import type { ImportRecord } from '../../shared/schemas/imports';
import type { Handlers } from '../core/dispatch';
import { textWorkbook } from '../core/listSheet';
import { page, Where } from '../core/paging';
import { type DB, prep } from '../db/open';
import { cellText } from './importLayout';
import { jobOf } from './imports';
import { warmImportWorker } from './importThread';
import { RECORD } from './importWrite';

const EXAMPLE: Record<string, string> = {
  name: '张示例',
  idNumber: '110101199001011237',
  relation: '户主',
  headIdNumber: '110101199001011237',
  area: '（从下拉列表选择）',
  address: '示例路 1 号',
  phone: '13800000000',
  categories: '低保',
  categoryFrom: '2025-01-01',
  bankName: '农商银行',
  account: '6228480000000000000',
  kind: '最低生活保障金',
  monthly: '650.00',
  startMonth: '2025-01',
  amount: '650.00',
  paidMonth: '2025-01',
};

/** The expected headers, one fictional example row, text ID and account columns, and drop-down lists. */
async function template(db: DB, kind: ImportKind): Promise<string> {
  const fields = fieldsOf(kind);
  const lists: Record<string, string[]> = {
    area: (prep(db, 'SELECT name FROM areas WHERE active = 1 ORDER BY sort_order, id').all() as { name: string }[]).map(
      (r) => r.name,
    ),
    categories: (
      prep(db, 'SELECT name FROM hardship_categories WHERE active = 1 ORDER BY sort_order').all() as { name: string }[]
    ).map((r) => r.name),
    kind: (
      prep(
        db,
        `SELECT name
         FROM relief_kinds
         WHERE active = 1 AND (? = 0 OR recurrence = 'monthly')
         ORDER BY sort_order`,
      ).all(Number(kind === 'entitlements')) as {
        name: string;
      }[]
    ).map((r) => r.name),
    relation: [...RELATIONS],
    disabilityType: [...DISABILITY_TYPES],
  };
  return textWorkbook(
    db,
    '导入模板',
    fields.map((f) => (f.required ? `${f.label}` : f.label)),
    [fields.map((f) => EXAMPLE[f.key] ?? '')],
    Object.fromEntries(
      Object.entries(lists)
        .map(([key, values]) => [fields.findIndex((f) => f.key === key), values] as const)
        .filter(([at]) => at >= 0),
    ),
  );
}

export const importListHandlers = {
  'imports.list': (ctx, input): Page<ImportRecord> => {
    // The page lists its history as it opens: the worker that reads the file the clerk then picks starts now.
    warmImportWorker();
    return page(ctx.db, input, { select: RECORD, from: 'FROM imports i', where: new Where(), order: 'i.id DESC' });
  },

  'imports.problems': async (ctx, input) => {
    const job = jobOf(ctx, input.job);
    const sheet = job.sheets[job.sheet];
    const problems = job.checked.lines.filter((l) => l.status !== 'ok');
    const rows = problems.map((l) => [
      ...job.layout.headers.map((_, c) => cellText(sheet.rows[l.row - 1][c])),
      l.reasons.join('；'),
    ]);
    const base64 = await textWorkbook(ctx.db, '需要修改的行', [...job.layout.headers, '错误原因'], rows);
    const fileName = `${job.fileName.replace(/\.[^.]+$/, '')}-需要修改的行.xlsx`;
    ctx.audit('export', null, null, { what: '导入问题行', fileName, rows: rows.length });
    return { fileName, base64, rows: rows.length };
  },

  'imports.template': async (ctx, input) => ({
    fileName: `导入模板-${input.kind === 'households' ? '户籍花名册' : input.kind === 'entitlements' ? '在保名册' : '发放花名册'}.xlsx`,
    base64: await template(ctx.db, input.kind),
    rows: 1,
  }),
} satisfies Partial<Handlers>;
