// Every .xlsx the app writes from rows is made by one writer in a worker thread (workbookWorker.ts): the host reads
// the rows (SQL, masked as every export is) and hands them over, and answers other calls while the file is zipped.
import { answerOf, startWorker } from './threads';

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

/** The workbook's bytes, written in a worker. */
export async function writeWorkbook(sheets: SheetSpec[]): Promise<Buffer> {
  const answer = await answerOf<{ bytes?: Uint8Array; failed?: string }>(
    startWorker(__dirname, 'workbookWorker', sheets),
  );
  if (!answer.bytes) throw new Error(`写 Excel 文件失败：${answer.failed}`);
  return Buffer.from(answer.bytes.buffer, answer.bytes.byteOffset, answer.bytes.byteLength);
}
