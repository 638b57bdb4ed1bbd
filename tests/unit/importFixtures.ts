// Roster files made the way counters make them: exceljs for .xlsx, SheetJS for old .xls, iconv-lite for GBK CSV.
import { randomUUID } from 'node:crypto';

import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

import type { Session } from '../../main/core/dispatch';
import { idNumberFor } from '../../main/demo/fictional';
import type { ImportKind } from '../../shared/domain/imports';
import type { ImportPreview, ImportRow } from '../../shared/schemas/imports';
import { must, type World } from './helpers';

export type Row = (string | number | null)[];

/** An .xlsx: optional title rows, the header row(s) with merges, data; every string cell stored as text. */
export async function xlsx(rows: Row[], opts: { merges?: string[]; numberCols?: number[] } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  for (const r of rows) ws.addRow(r.map((v) => v ?? null));
  for (const m of opts.merges ?? []) ws.mergeCells(m);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An old BIFF8 .xls, as WPS and Excel 2003 save it. */
export function xls(rows: Row[]): Buffer {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows.map((r) => r.map((v) => v ?? ''))), '花名册');
  return XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer;
}

/** A CSV as Excel in China saves it: GBK, CRLF, quotes where needed. */
export function csv(rows: Row[], encoding: 'gbk' | 'utf8' = 'gbk'): Buffer {
  const text = rows
    .map((r) =>
      r.map((v) => (/[",\n]/.test(String(v ?? '')) ? `"${String(v).replace(/"/g, '""')}"` : String(v ?? ''))).join(','),
    )
    .join('\r\n');
  return encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(`\uFEFF${text}`, 'utf8');
}

/** A valid fictional ID number: the nth person born on that day. */
export const idOf = (birth: string, nth: number, female = false) => idNumberFor(birth, nth, female);

export async function openFile(
  w: World,
  s: Session,
  kind: ImportKind,
  fileName: string,
  data: Buffer,
): Promise<ImportPreview> {
  return must(await w.call(s, 'imports.open', { job: randomUUID(), kind, fileName, base64: data.toString('base64') }));
}

export async function rowsOf(w: World, s: Session, job: string): Promise<ImportRow[]> {
  return must(await w.call(s, 'imports.rows', { job, offset: 0, limit: 500 })).rows;
}
