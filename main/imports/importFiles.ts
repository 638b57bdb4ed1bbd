// Reads the files counters really have into plain grids of cells: .xlsx/.xlsm and old .xls through SheetJS CE 0.20.3
// (the @e965/xlsx mirror: the npm `xlsx` stops at 0.18.5 with known CVEs), and CSV in UTF-8 or GBK (iconv-lite).
// Formulas give their cached values and are never evaluated; macros are never read. Not exceljs's streaming reader:
// its unzipper ends the entry stream early under load and drops the last entries (workbook.xml, shared strings).
import zlib from 'node:zlib';

import * as XLSX from '@e965/xlsx';
import * as cptable from '@e965/xlsx/dist/cpexcel';
import iconv from 'iconv-lite';

import { AppError } from '../../shared/domain/result';

XLSX.set_cptable(cptable);

/** A cell as read: text, or a number exactly as the file stored it (an ID stored as a number has lost digits). */
export type Cell = string | number;
export interface Sheet {
  name: string;
  /** Rows as the clerk sees them in Excel: rows[0] is row 1. */
  rows: Cell[][];
}

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** A real roster unzips to a few times its size; past this it is a zip bomb, refused before it is inflated. */
const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;
/** Rows kept per sheet; a sheet longer than this is refused rather than read for minutes. */
export const MAX_ROWS = 100_000;

const refuse = (message: string) => new AppError('VALIDATION', message, 'file');

/**
 * Called as rows are parsed (the import worker turns it into progress rows): synchronous, since the parse runs in one
 * go in the worker thread, whose cancel is its termination.
 */
export type OnRows = (rows: number) => void;

export function readSpreadsheet(fileName: string, data: Buffer, onRows: OnRows): Sheet[] {
  if (data.length === 0) throw refuse('文件是空的');
  if (data.length > MAX_FILE_BYTES) throw refuse('文件超过 20 MB，请只保留需要导入的工作表后另存再导入');
  const magic = data.subarray(0, 4).toString('hex');
  let sheets: Sheet[];
  if (magic === '504b0304') checkZip(data);
  if (magic === '504b0304' || magic === 'd0cf11e0') sheets = readWorkbook(data, magic === '504b0304' ? onRows : null);
  else if (/\.(csv|txt)$/i.test(fileName) || looksLikeText(data)) sheets = [readCsv(fileName, data, onRows)];
  else throw refuse('这不是 Excel（.xlsx / .xls）或 CSV 文件，请在 Excel 中另存为 .xlsx 后再导入');
  onRows(sheets.reduce((n, s) => n + s.rows.length, 0));
  sheets = sheets.map(trimSheet).filter((s) => s.rows.length > 0);
  if (sheets.length === 0) throw refuse('文件中没有数据：每个工作表都是空的');
  return sheets;
}

function looksLikeText(data: Buffer): boolean {
  return !data.subarray(0, 4096).includes(0);
}

/** Sums what the zip says each entry inflates to, then inflates each with that as a hard cap. */
function checkZip(data: Buffer): void {
  const eocd = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw refuse('文件已损坏，无法读取（不是完整的 .xlsx）');
  const entries = data.readUInt16LE(eocd + 10);
  let at = data.readUInt32LE(eocd + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (data.readUInt32LE(at) !== 0x02014b50) throw refuse('文件已损坏，无法读取（不是完整的 .xlsx）');
    const method = data.readUInt16LE(at + 10);
    const packed = data.readUInt32LE(at + 20);
    const size = data.readUInt32LE(at + 24);
    const local = data.readUInt32LE(at + 42);
    total += size;
    if (total > MAX_UNZIPPED_BYTES) throw refuse('文件解压后超过 200 MB，不像是花名册，已拒绝读取');
    if (method === 8) {
      const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
      try {
        // The cap is the size the directory declared: an entry that lies about it stops here.
        zlib.inflateRawSync(data.subarray(start, start + packed), { maxOutputLength: Math.max(size, 1) });
      } catch {
        throw refuse('文件解压后的大小与文件中记录的不符，可能是恶意文件，已拒绝读取');
      }
    }
    at += 46 + data.readUInt16LE(at + 28) + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
  }
}

/** A cell's value as the clerk sees it: a formula's cached result, rich text as its text, dates as YYYY-MM-DD. */
function cellOf(v: XLSX.CellObject['v']): Cell {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? '是' : '否';
  return isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
}

/**
 * Every sheet of a workbook, .xlsx or .xls, parsed in memory by SheetJS: up to MAX_ROWS + 1 rows each, so that a sheet
 * "formatted" to row 1,048,576 costs no more than a full one and a longer one can be told apart.
 */
function readWorkbook(data: Buffer, onRows: OnRows | null): Sheet[] {
  let wb: XLSX.WorkBook;
  const opts: XLSX.ParsingOptions = { type: 'buffer', dense: true, cellDates: true, cellHTML: false };
  // SheetJS has no progress callback, but its .xlsx reader (0.20.3) reads sheetRows twice for each <row> it parses: a
  // getter counts them, so the count moves during the parse of the rows, most of a large file's read (the zip and
  // shared strings before them do not report). Should a later SheetJS copy the options, the getter is read once and
  // the count comes when the parse ends, as before. The .xls reader reads it per cell: no count there (65,536 rows
  // at most).
  let reads = 0;
  Object.defineProperty(opts, 'sheetRows', {
    enumerable: true,
    get: () => {
      if (onRows && ++reads % 2 === 0) onRows(Math.min(reads / 2, MAX_ROWS));
      return MAX_ROWS + 1;
    },
    // SheetJS writes its defaults back (Number(sheetRows)); in the build's strict mode a getter alone would throw.
    set: () => {},
  });
  try {
    wb = XLSX.read(data, opts);
  } catch (e) {
    if (/password|encrypt/i.test((e as Error).message))
      throw refuse('文件设置了打开密码，请在 Excel 中取消密码并另存后再导入');
    throw refuse(`文件已损坏或不是 Excel 文件，无法读取：${(e as Error).message.slice(0, 80)}`);
  }
  return wb.SheetNames.map((name) => {
    // Dense rows are indexed from A1 whatever the sheet's used range, so rows[0] is row 1 as the contract says.
    const dense = (wb.Sheets[name]['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
    const rows = Array.from(dense, (r) => Array.from(r ?? [], (c) => (c && c.t !== 'e' ? cellOf(c.v) : '')));
    if (rows.length > MAX_ROWS && rows[MAX_ROWS].some((c) => c !== ''))
      throw refuse(`工作表“${name}”超过 ${MAX_ROWS} 行，请分成几个文件导入`);
    return { name, rows: rows.slice(0, MAX_ROWS) };
  });
}

/** CSV as Excel in China saves it: GBK unless the bytes are valid UTF-8 (with or without a BOM). */
function readCsv(fileName: string, data: Buffer, onRows: OnRows): Sheet {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    text = iconv.decode(data, 'gb18030');
  }
  text = text.replace(/^\uFEFF/, '');
  const rows: Cell[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      onRows(rows.length);
      if (rows.length > MAX_ROWS) throw refuse(`文件超过 ${MAX_ROWS} 行，请分成几个文件导入`);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  // A cell Excel would show as text ('0123) loses its guard quote here, as it does in Excel.
  return {
    name: fileName.replace(/\.[^.]+$/, ''),
    rows: rows.map((r) => r.map((v) => String(v).replace(/^'(?=[=+\-@\d])/, ''))),
  };
}

/** Drops trailing blank rows and cells, so "formatted" emptiness counts as nothing. */
function trimSheet(s: Sheet): Sheet {
  const rows = s.rows.map((r) => {
    const cells = r.map((c) => (typeof c === 'string' ? c.trim() : c));
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    return cells;
  });
  while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
  return { name: s.name, rows };
}
