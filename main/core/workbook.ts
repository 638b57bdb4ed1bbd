// Every .xlsx the app writes from rows is made by one writer in a worker thread (workbookWorker.ts): the host reads
// the rows (SQL, masked as every export is) and hands them over, and answers other calls while the file is zipped.
import type { Worker } from 'node:worker_threads';

import { startWorker } from './threads';

/** One sheet: a title row above the headers if given, then one row per record. */
export interface SheetSpec {
  name: string;
  title?: string;
  headers: string[];
  /** Widths in characters; without them each column is as wide as its header or longest cell, within 10–40. */
  widths?: number[];
  /** Columns written as text (`'@'`): IDs and accounts, or every column of a file meant to be imported back. */
  text?: number[] | 'all';
  rows: (string | number | null)[][];
  /** Pick lists by column: a hidden sheet of values and a list validation on the column. */
  lists?: Record<number, string[]>;
}

type Answer = { id: number; bytes?: Uint8Array; failed?: string };

/**
 * The one workbook worker, started at the first export and kept (it takes most of a second to start, far more under
 * tsx); unref'd while idle, so that it never keeps the program from ending. A worker that dies fails what it held
 * and the next export starts another.
 */
let worker: Worker | null = null;
const waiting = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>();
let next = 0;

function workerNow(): Worker {
  if (worker) return worker;
  const w = startWorker(__dirname, 'workbookWorker', null);
  w.on('message', (a: Answer) => {
    waiting.get(a.id)?.resolve(a);
    waiting.delete(a.id);
    if (!waiting.size) w.unref();
  });
  const fail = (e: Error) => {
    worker = null;
    for (const p of waiting.values()) p.reject(e);
    waiting.clear();
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`写 Excel 文件的线程意外结束（${code}）`)));
  return (worker = w);
}

/** The workbook's bytes, written in the worker. */
export async function writeWorkbook(sheets: SheetSpec[]): Promise<Buffer> {
  const w = workerNow();
  const id = ++next;
  const answer = await new Promise<Answer>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    w.ref();
    w.postMessage({ id, sheets });
  });
  if (!answer.bytes) throw new Error(`写 Excel 文件失败：${answer.failed}`);
  return Buffer.from(answer.bytes.buffer, answer.bytes.byteOffset, answer.bytes.byteLength);
}
