// A grid's filtered view as .xlsx (微心愿, 意见建议): a title row, Chinese headers, one row per record, audited.
import ExcelJS from 'exceljs';

import { dateCn } from '../../shared/domain/time';
import { DEFAULT_CENTER } from '../../shared/schemas/settings';
import type { Ctx } from './dispatch';
import { getSetting } from './settings';

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
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(what, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.mergeCells(1, 1, 1, columns.length);
  ws.getCell(1, 1).value = `${center} ${what}（导出日期 ${today}）`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getRow(2).values = columns.map((c) => c[0]);
  ws.getRow(2).font = { bold: true };
  columns.forEach(([, width], i) => (ws.getColumn(i + 1).width = width));
  for (const r of rows) ws.addRow(columns.map(([, , cell]) => cell(r)));
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const fileName = `${what}-${today}.xlsx`;
  ctx.audit('export', null, null, { what, fileName, rows: rows.length, filters });
  return { fileName, base64: buf.toString('base64'), rows: rows.length };
}

/** A workbook with one sheet, every cell written as text (an ID stays an ID), headers bold, columns wide enough. */
export async function textWorkbook(
  name: string,
  headers: string[],
  rows: string[][],
  extend?: (wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet) => void,
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(headers).font = { bold: true };
  headers.forEach((h, i) => {
    ws.getColumn(i + 1).numFmt = '@';
    // As wide as the header or the longest cell, within 10–40 (a loop: a spread of 100,000 rows overflows).
    let widest = h.length * 2 + 4;
    for (const r of rows) widest = Math.max(widest, (r[i] ?? '').length + 2);
    ws.getColumn(i + 1).width = Math.max(10, Math.min(40, widest));
  });
  for (const r of rows) ws.addRow(r);
  extend?.(wb, ws);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
