// A grid's filtered view as .xlsx (微心愿, 意见建议, 纠纷): a title row, Chinese headers, one row per record, audited.
import { dateCn } from '../../shared/domain/time';
import { DEFAULT_CENTER } from '../../shared/schemas/settings';
import type { Ctx } from './dispatch';
import { getSetting } from './settings';
import { writeWorkbook } from './workbook';

/** A column: its header, its width in characters, and the cell of a row (text stays text: no formula, no number). */
export type Column<R> = [header: string, width: number, cell: (r: R) => string | number | null];

export async function listSheet<R>(
  ctx: Ctx,
  what: string,
  columns: Column<R>[],
  rows: R[],
  filters: unknown,
): Promise<{ fileName: string; base64: string; rows: number }> {
  const today = dateCn(ctx.now);
  const center = getSetting(ctx.db, 'center', DEFAULT_CENTER).name;
  const buf = await writeWorkbook([
    {
      name: what,
      title: `${center} ${what}（导出日期 ${today}）`,
      headers: columns.map((c) => c[0]),
      widths: columns.map((c) => c[1]),
      rows: rows.map((r) => columns.map(([, , cell]) => cell(r))),
    },
  ]);
  const fileName = `${what}-${today}.xlsx`;
  ctx.audit('export', null, null, { what, fileName, rows: rows.length, filters });
  return { fileName, base64: buf.toString('base64'), rows: rows.length };
}

/** A workbook with one sheet, every cell written as text (an ID stays an ID), headers bold, columns wide enough. */
export async function textWorkbook(
  name: string,
  headers: string[],
  rows: string[][],
  lists?: Record<number, string[]>,
): Promise<string> {
  return (await writeWorkbook([{ name, headers, rows, text: 'all', lists }])).toString('base64');
}
