// The workbook writer's thread (workbook.ts): ExcelJS builds and zips the sheets here, so a large export never holds
// the host's event loop. It takes plain rows and answers the file's bytes, one workbook per message, kept between them.
import { parentPort } from 'node:worker_threads';

import ExcelJS from 'exceljs';

import type { SheetSpec } from './workbook';

async function write(sheets: SheetSpec[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const top = s.title ? 2 : 1;
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: top }] });
    if (s.title) {
      ws.mergeCells(1, 1, 1, s.headers.length);
      ws.getCell(1, 1).value = s.title;
      ws.getCell(1, 1).font = { bold: true, size: 14 };
    }
    ws.getRow(top).values = s.headers;
    ws.getRow(top).font = { bold: true };
    s.headers.forEach((h, i) => {
      // An ID or an account stays text: Excel keeps only 15 significant digits of a number.
      if (s.text === 'all' || s.text?.includes(i)) ws.getColumn(i + 1).numFmt = '@';
      let width = s.widths?.[i];
      if (width === undefined) {
        // As wide as the header or the longest cell, within 10–40 (a loop: a spread of 100,000 rows overflows).
        width = h.length * 2 + 4;
        for (const r of s.rows) width = Math.max(width, String(r[i] ?? '').length + 2);
        width = Math.max(10, Math.min(40, width));
      }
      ws.getColumn(i + 1).width = width;
    });
    for (const r of s.rows) ws.addRow(r);
    // Pick lists: a hidden sheet of the values, and a list validation on the column's first 2,000 rows.
    const lists = Object.entries(s.lists ?? {}).filter(([, values]) => values.length > 0);
    if (lists.length) {
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
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

// One workbook per message, as many as the host sends while it keeps this thread.
parentPort!.on('message', ({ id, sheets }: { id: number; sheets: SheetSpec[] }) =>
  write(sheets).then(
    (bytes) => parentPort!.postMessage({ id, bytes }, [bytes.buffer as ArrayBuffer]),
    (e: Error) => parentPort!.postMessage({ id, failed: e.message }),
  ),
);
