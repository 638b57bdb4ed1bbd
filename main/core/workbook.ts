// Every .xlsx the app writes is made by one writer in a worker thread (workbookWorker.ts): the host reads the rows
// (SQL, masked as every export is) and hands them over, and answers other calls while the file is zipped. Each sheet
// prints as it looks: its page setup is chosen from its shape by core/pageSetup.ts.
import type { Worker } from 'node:worker_threads';

import { startWorker } from './threads';

/** A cell as handed to the writer: text stays text (never a formula), numbers are numbers. */
export type SheetCell = string | number | null;

/**
 * How a number column shows: 'yuan' an amount in yuan (#,##0.00), 'wan' one in 万元 (two to four decimals), 'count'
 * a whole number. Amounts are numbers, never text, so a sum in the suite adds them: yuan is integer fen / 100.
 */
export type NumberKind = 'yuan' | 'wan' | 'count';

/** One sheet: a title (and a line under it) above the headers if given, one row per record, then the totals. */
export interface SheetSpec {
  name: string;
  /** The center's name: the header of every printed page (core/pageSetup.ts). */
  center: string;
  title?: string;
  subtitle?: string;
  headers: string[];
  /** Widths in characters; without them each column is as wide as its header or longest cell, within 10–40. */
  widths?: number[];
  /** Columns written as text (`'@'`): IDs and accounts, or every column of a file meant to be imported back. */
  text?: number[] | 'all';
  /** Number columns by index, and how each shows. */
  numbers?: Record<number, NumberKind>;
  rows: SheetCell[][];
  /** Rows under the records, in bold (合计); a row of one cell spans the table (合计金额（大写）). */
  foot?: SheetCell[][];
  /** Grid lines around the table: a list to sign or file. Templates and files meant to be filled in go without. */
  bordered?: boolean;
  /** The column people sign in (签字（手印）), by index: wide and tall enough for a signature and a thumbprint. */
  signature?: number;
  /** Pick lists by column: a hidden sheet of values and a list validation on the column. */
  lists?: Record<number, string[]>;
}

type Answer = { id: number; bytes?: Uint8Array; failed?: string };

/**
 * The one workbook worker, started at the first export and kept (it takes most of a second to start, far more under
 * tsx); unref'd while idle, so that it never keeps the program from ending. A worker that dies fails what it held
 * and the next export starts another.
 */
type Waiting = Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>;
let worker: { thread: Worker; waiting: Waiting } | null = null;
let next = 0;

function workerNow(): { thread: Worker; waiting: Waiting } {
  if (worker) return worker;
  const mine = { thread: startWorker(__dirname, 'workbookWorker', null), waiting: new Map() as Waiting };
  mine.thread.on('message', (a: Answer) => {
    mine.waiting.get(a.id)?.resolve(a);
    mine.waiting.delete(a.id);
    if (!mine.waiting.size) mine.thread.unref();
  });
  // Its own exports fail with it (its error, then its exit, each once); a worker started since is not touched.
  const fail = (e: Error) => {
    if (worker === mine) worker = null;
    for (const p of mine.waiting.values()) p.reject(e);
    mine.waiting.clear();
  };
  mine.thread.on('error', fail);
  mine.thread.on('exit', (code) => fail(new Error(`写 Excel 文件的线程意外结束（${code}）`)));
  return (worker = mine);
}

/** The workbook's bytes, written in the worker. */
export async function writeWorkbook(sheets: SheetSpec[]): Promise<Buffer> {
  const w = workerNow();
  const id = ++next;
  const answer = await new Promise<Answer>((resolve, reject) => {
    w.waiting.set(id, { resolve, reject });
    w.thread.ref();
    w.thread.postMessage({ id, sheets });
  });
  if (!answer.bytes) throw new Error(`写 Excel 文件失败：${answer.failed}`);
  return Buffer.from(answer.bytes.buffer, answer.bytes.byteOffset, answer.bytes.byteLength);
}
