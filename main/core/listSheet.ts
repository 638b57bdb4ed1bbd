// A grid's filtered view as .xlsx or as an A4 print (every list: 发放, 走访, 救助申请, 微心愿, 意见建议, 纠纷, 审计日志):
// a title with the center's name and the filter in words, Chinese headers, one row per record, audited.
import { formatYuan } from '../../shared/domain/money';
import { dateCn } from '../../shared/domain/time';
import type { ListPrint } from '../../shared/schemas/common';
import { DEFAULT_CENTER } from '../../shared/schemas/settings';
import { type DB, prep } from '../db/open';
import type { Ctx } from './dispatch';
import { getSetting } from './settings';
import { type NumberKind, type SheetCell, writeWorkbook } from './workbook';

/**
 * A column: its header, its width in characters, the cell of a row (text stays text: no formula), and for a number
 * column its kind. A 'yuan' cell gives integer fen: a number in yuan in the .xlsx (#,##0.00), 1,234.50 in the print.
 */
export type Column<R> = [
  header: string,
  width: number,
  cell: (r: R) => string | number | null,
  kind?: Exclude<NumberKind, 'wan'>,
];

/** A row's cells for the .xlsx (amounts in yuan) or for the print (amounts as 1,234.50). */
function cellsOf<R>(columns: Column<R>[], r: R, out: 'sheet' | 'print'): SheetCell[] {
  return columns.map(([, , cell, kind]) => {
    const v = cell(r);
    if (kind !== 'yuan' || typeof v !== 'number') return v;
    return out === 'sheet' ? v / 100 : formatYuan(v);
  });
}

export async function listSheet<R>(
  ctx: Ctx,
  what: string,
  columns: Column<R>[],
  rows: R[],
  filters: unknown,
  filter?: string,
): Promise<{ fileName: string; base64: string; rows: number }> {
  const today = dateCn(ctx.now);
  const center = getSetting(ctx.db, 'center', DEFAULT_CENTER).name;
  const buf = await writeWorkbook([
    {
      name: what,
      center,
      title: `${center} ${what}（${filter ? `筛选：${filter}；` : ''}导出日期 ${today}）`,
      headers: columns.map((c) => c[0]),
      widths: columns.map((c) => c[1]),
      numbers: Object.fromEntries(columns.flatMap(([, , , kind], i) => (kind ? [[i, kind]] : []))),
      rows: rows.map((r) => cellsOf(columns, r, 'sheet')),
      bordered: true,
    },
  ]);
  const fileName = `${what}-${today}.xlsx`;
  ctx.audit('export', null, null, { what, fileName, rows: rows.length, filters });
  return { fileName, base64: buf.toString('base64'), rows: rows.length };
}

/** A print past this many rows is cut (and says so): a longer list is narrowed by its filters or exported. */
export const PRINT_MAX = 2000;

/** The same columns laid out for the A4 print route (renderer/print/ListPrint.tsx); the print is audited. */
export function listPrint<R>(
  ctx: Ctx,
  what: string,
  columns: Column<R>[],
  rows: R[],
  filters: unknown,
  filter: string,
  total = rows.length,
) {
  const shown = rows.slice(0, PRINT_MAX);
  ctx.audit('print', null, null, { what, rows: total, printed: shown.length, filters });
  return {
    center: getSetting(ctx.db, 'center', DEFAULT_CENTER).name,
    title: what,
    day: dateCn(ctx.now),
    filter,
    headers: columns.map((c) => c[0]),
    rows: shown.map((r) => cellsOf(columns, r, 'print')),
    total,
  } satisfies ListPrint;
}

/** How a filter reads in a heading: its label and, where the value is a code or an id, what it names. */
export type FilterWords = Record<string, [label: string, show?: (v: never) => string | undefined]>;

/** The filters that are set, in words (村/社区：东村；月份：2026-03), or 全部. */
export function filterText(f: object, words: FilterWords): string {
  const set = Object.entries(words).flatMap(([k, [label, show]]) => {
    const v = (f as Record<string, unknown>)[k];
    if (v === undefined || v === null || v === '' || v === false) return [];
    const shown = show ? show(v as never) : v === true ? '是' : String(v);
    return shown === undefined ? [] : [`${label}：${shown}`];
  });
  return set.length ? set.join('；') : '全部';
}

/** The name behind an id a filter holds (an area, a household's head, a cadre, a relief kind, a staff member). */
export function nameOf(db: DB, what: 'area' | 'household' | 'cadre' | 'kind' | 'staff') {
  const sql = {
    area: 'SELECT name FROM areas WHERE id = ?',
    household: "SELECT head_name || '户' AS name FROM households WHERE id = ?",
    cadre: 'SELECT name FROM cadres WHERE id = ?',
    kind: 'SELECT name FROM relief_kinds WHERE code = ?',
    staff: 'SELECT display_name AS name FROM staff WHERE id = ?',
  }[what];
  return (v: number | string) => (prep(db, sql).get(v) as { name: string } | undefined)?.name ?? String(v);
}

/**
 * A workbook with one sheet to fill in or import back (a template, the problem rows, the full registry): every cell
 * text (an ID stays an ID), headers bold, columns wide enough, no grid lines; printed as every sheet is.
 */
export async function textWorkbook(
  db: DB,
  name: string,
  headers: string[],
  rows: string[][],
  lists?: Record<number, string[]>,
): Promise<string> {
  const center = getSetting(db, 'center', DEFAULT_CENTER).name;
  return (await writeWorkbook([{ name, center, headers, rows, text: 'all', lists }])).toString('base64');
}
