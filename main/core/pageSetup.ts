// How a sheet prints (issue 35): every workbook the app writes is printed in a township office, from WPS, Excel or
// LibreOffice, so each sheet carries its page setup and is never left to the suite's defaults. The one place it is
// chosen; workbookWorker.ts applies it to every sheet it writes. Facts: shared/field-notes/office-files.md.
import type { Borders, Worksheet } from 'exceljs';

/** What the page setup needs to know of a sheet. Rows and columns are 1-based, as in exceljs. */
export interface PageShape {
  /** The center's name, in every page's header. */
  center: string;
  /** The row of column headers: repeated at the top of every page. */
  headerRow: number;
  /** Column widths in Excel's characters. */
  widths: number[];
  /** Grid lines around every cell from the header row down: a table to sign or to file. */
  bordered: boolean;
  /** The column people sign in (0-based): wide enough for a signature and a thumbprint, rows tall enough for one. */
  signature?: number;
}

/** Margins in inches: the wider left one leaves room to bind or punch the sheets. */
export const MARGINS = { left: 0.9, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };
/** A4's short side in inches (paperSize 9 in SpreadsheetML). */
const A4_WIDTH = 8.27;
/** Excel draws a column of width w (characters of the default font, 7 px at 96 dpi) as 7w + 5 pixels. */
const columnPx = (w: number) => Math.trunc(w * 7 + 5);
/** The signature column's least width (about 3.5 cm) and the height of the rows signed in (about 7.8 mm). */
export const SIGNATURE = { width: 18, rowHeight: 22 };
export const FOOTER = '第 &P 页 共 &N 页';
/** A line of 11-point text, in points; the tallest row a suite keeps. */
const LINE = 15;
const MAX_ROW = 409;

/** How wide a text prints, in Excel's characters: a Chinese (full-width) character takes two. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! >= 0x2e80 ? 2 : 1;
  return w;
}

/**
 * The lines a text wraps to in a column this wide (a character short of it for the cell's padding; Latin letters are
 * narrower than the digits Excel measures by, which makes up for a word broken early). Written as the row's height:
 * a suite keeps a row's stored height on opening a file and does not fit it to wrapped text, so a row left without
 * one prints its second line over the next row.
 */
function linesIn(text: string, width: number): number {
  const room = Math.max(1, width - 1);
  return text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(textWidth(part) / room)), 0);
}

/** Portrait unless the columns are wider than a portrait A4's printable width. */
export function orientationFor(widths: number[]): 'portrait' | 'landscape' {
  const px = widths.reduce((s, w) => s + columnPx(w), 0);
  return px > (A4_WIDTH - MARGINS.left - MARGINS.right) * 96 ? 'landscape' : 'portrait';
}

const THIN = { style: 'thin' } as const;
const GRID: Partial<Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/**
 * A4, turned when the columns need it, fitted to one page wide and as many long as the rows take; the header row
 * repeated on each page; the center's name above and 第 X 页 共 Y 页 below. Fitting needs `fitToPage` as well as
 * `fitToWidth`: exceljs writes the flag (sheetPr/pageSetUpPr) only from it, and without the flag every suite prints at
 * 100 % whatever fitToWidth says; fitToHeight 0 lets the rows run on (left out it means 1: the whole sheet shrunk onto
 * one page). Never give such a sheet outline (grouped) rows or columns: exceljs then writes a sheetPr Excel repairs
 * (exceljs #1348).
 */
export function applyPageSetup(ws: Worksheet, shape: PageShape): void {
  const widths = [...shape.widths];
  if (shape.signature !== undefined) widths[shape.signature] = Math.max(widths[shape.signature], SIGNATURE.width);
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  Object.assign(ws.pageSetup, {
    paperSize: 9,
    orientation: orientationFor(widths),
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: MARGINS,
    printTitlesRow: `${shape.headerRow}:${shape.headerRow}`,
  });
  // '&' starts a code in a header; a center's own '&' is doubled.
  ws.headerFooter.oddHeader = `&C${shape.center.replace(/&/g, '&&')}`;
  ws.headerFooter.oddFooter = `&C${FOOTER}`;

  const header = ws.getRow(shape.headerRow);
  for (let c = 1; c <= widths.length; c++)
    header.getCell(c).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  if (!shape.bordered) return;
  for (let r = shape.headerRow; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    // A long cell wraps inside its border rather than running under the next column; its row grows to hold it.
    let lines = 1;
    for (let c = 1; c <= widths.length; c++) {
      const cell = row.getCell(c);
      cell.border = GRID;
      if (r > shape.headerRow) cell.alignment = { vertical: 'middle', wrapText: true };
      if (typeof cell.value === 'string' && !cell.isMerged) lines = Math.max(lines, linesIn(cell.value, widths[c - 1]));
    }
    const signed = shape.signature !== undefined && r > shape.headerRow ? SIGNATURE.rowHeight : 0;
    if (lines > 1 || signed) row.height = Math.min(MAX_ROW, Math.max(signed, lines * LINE));
  }
}
