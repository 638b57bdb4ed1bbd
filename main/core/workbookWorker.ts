// The workbook writer's thread (workbook.ts): ExcelJS builds and zips the sheets here, so a large export never holds
// the host's event loop. It takes plain rows and answers the file's bytes, one workbook per message, kept between
// them; every sheet gets its page setup from core/pageSetup.ts.
import { parentPort } from 'node:worker_threads';

import ExcelJS from 'exceljs';

import { applyPageSetup, textWidth } from './pageSetup';
import type { NumberKind, SheetSpec } from './workbook';

const FORMATS: Record<NumberKind, string> = { yuan: '#,##0.00', wan: '#,##0.00##', count: '0' };

function addSheet(wb: ExcelJS.Workbook, s: SheetSpec): void {
  const above = [s.title, s.subtitle].filter((t) => t !== undefined);
  const top = above.length + 1;
  const n = s.headers.length;
  const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: top }] });
  above.forEach((text, i) => {
    if (n > 1) ws.mergeCells(i + 1, 1, i + 1, n);
    ws.getCell(i + 1, 1).value = text;
    if (i === 0) ws.getCell(1, 1).font = { bold: true, size: 14 };
  });
  ws.getRow(top).values = s.headers;
  ws.getRow(top).font = { bold: true };
  const widths = s.headers.map((h, i) => {
    // An ID or an account stays text: Excel keeps only 15 significant digits of a number.
    if (s.text === 'all' || s.text?.includes(i)) ws.getColumn(i + 1).numFmt = '@';
    const kind = s.numbers?.[i];
    if (kind) ws.getColumn(i + 1).numFmt = FORMATS[kind];
    // The widest cell (a loop: a spread of 100,000 rows overflows).
    let widest = textWidth(h) + 2;
    for (const r of s.rows) widest = Math.max(widest, textWidth(String(r[i] ?? '')) + 2);
    // A given width is the least: never narrower than the header's own words (a header broken over lines is hard to
    // read), and a short value (a kind, a date) fits on one line; prose past 24 characters wraps at the given width.
    if (s.widths?.[i] !== undefined) return Math.max(s.widths[i], textWidth(h) + 2, Math.min(widest, 24));
    // Otherwise as wide as the header or the longest cell, within 10–40.
    return Math.max(10, Math.min(40, Math.max(widest, textWidth(h) + 4)));
  });
  for (const r of s.rows) ws.addRow(r);
  for (const f of s.foot ?? []) {
    const row = ws.addRow(f);
    row.font = { bold: true };
    if (f.length === 1 && n > 1) ws.mergeCells(row.number, 1, row.number, n);
  }
  applyPageSetup(ws, { center: s.center, headerRow: top, widths, bordered: !!s.bordered, signature: s.signature });
  // Pick lists: a hidden sheet of the values, and a list validation on the column's first 2,000 rows.
  const lists = Object.entries(s.lists ?? {}).filter(([, values]) => values.length > 0);
  if (!lists.length) return;
  const options = wb.addWorksheet('选项', { state: 'hidden' });
  lists.forEach(([at, values], c) => {
    values.forEach((v, i) => (options.getCell(i + 1, c + 1).value = v));
    const column = options.getColumn(c + 1).letter;
    for (let r = top + 1; r <= 2000; r++)
      ws.getCell(r, Number(at) + 1).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`选项!$${column}$1:$${column}$${values.length}`],
      };
  });
}

async function write(sheets: SheetSpec[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) addSheet(wb, s);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

// One workbook per message, as many as the host sends while it keeps this thread.
parentPort!.on('message', ({ id, sheets }: { id: number; sheets: SheetSpec[] }) =>
  write(sheets).then(
    (bytes) => parentPort!.postMessage({ id, bytes }, [bytes.buffer as ArrayBuffer]),
    (e: Error) => parentPort!.postMessage({ id, failed: e.message }),
  ),
);
