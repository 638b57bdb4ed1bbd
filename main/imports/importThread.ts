// The host's side of the import worker (importWorker.ts): gives it a file, passes its progress rows on, answers its
// lookups with the host's own budget and audit, and ends it on a cancel. The host's event loop only relays. One worker
// is kept between files (it takes most of a second to start), and started when the import page first lists.
import { MessageChannel, Worker } from 'node:worker_threads';

import { AppError } from '../../shared/domain/result';
import type { ImportProgress } from '../../shared/schemas/imports';
import type { Ledger } from '../core/ledger';
import { startWorker } from '../core/threads';
import type { Line, NewPerson, Plan } from './importCheck';
import type { Sheet } from './importFiles';
import type { WorkerInput, WorkerMessage, WorkerResult } from './importWorker';

/** The worker waiting for the next file; unref'd, so that it never keeps the program from ending. */
let idle: Worker | null = null;

/** Starts the worker ahead of the first file (imports.list, when the page opens). */
export function warmImportWorker(): void {
  if (idle) return;
  idle = startWorker(__dirname, 'importWorker', null);
  const w = idle;
  w.on('error', () => {});
  w.on('exit', () => {
    if (idle === w) idle = null;
  });
  w.unref();
}

/** Characters of base64 per part of the file sent to the worker (a few milliseconds of copying each). */
const PART = 512 * 1024;

export interface ReadJob {
  done: Promise<WorkerResult>;
  /** Ends the worker wherever it is; `done` then fails with 已取消导入. */
  cancel(): void;
}

export function readInWorker(
  ledger: Ledger,
  input: Pick<WorkerInput, 'kind' | 'fileName' | 'today' | 'seesFullId' | 'areas'> & { base64: string },
  hooks: { progress(p: Partial<ImportProgress>): void; lookup(ids: string[]): void },
): ReadJob {
  const { port1, port2 } = new MessageChannel();
  const signal = new SharedArrayBuffer(4);
  warmImportWorker();
  const worker = idle!;
  idle = null;
  worker.ref();
  const { base64, ...rest } = input;
  const job: WorkerInput = {
    file: ledger.file,
    key: new Uint8Array(ledger.keys.key),
    ...rest,
    parts: Math.ceil(base64.length / PART),
    replies: port2,
    signal,
  };
  worker.postMessage(job, [port2]);
  let cancelled = false;
  let refusal: unknown = null;
  // The result as it comes in pieces (importWorker.ts, send).
  const sheets: Sheet[] = [];
  const lines: Line[] = [];
  const plan: Plan = { areas: [], households: [], entitlements: [], payments: [] };
  const done = new Promise<WorkerResult>((resolve, reject) => {
    let settled = false;
    /** `answered`: the worker finished the file (a result or a refusal) and may take the next. */
    const end = (e: unknown, value?: WorkerResult, answered = false) => {
      if (settled) return;
      settled = true;
      port1.close();
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      // A worker that answered waits for the next file; one cut short, or a second one, ends.
      if (answered && !cancelled && !idle) {
        idle = worker;
        worker.unref();
      } else void worker.terminate();
      if (cancelled) reject(new AppError('CONFLICT', '已取消导入'));
      else if (e) reject(e);
      else resolve(value!);
    };
    const flag = new Int32Array(signal);
    const reply = (m: unknown) => {
      if (settled) return;
      port1.postMessage(m);
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    };
    // The file as the screen sent it, in parts between other calls: 20 MB of base64 in one message would cost the
    // host a copy of a quarter of a second; decoding it is the worker's time.
    let at = 0;
    const feed = () => {
      if (at >= base64.length) return;
      reply(base64.slice(at, (at += PART)));
      setImmediate(feed);
    };
    feed();
    const onMessage = (m: WorkerMessage) => {
      // A piece of the result: the next is asked for after a pause, in which other calls have their turn and the
      // host's thread sleeps (a thread kept busy for seconds is scheduled after others on a loaded machine).
      if (!('progress' in m) && !('ids' in m) && !('done' in m)) setTimeout(() => reply(null), 2);
      if ('progress' in m) hooks.progress(m.progress);
      else if ('ids' in m)
        // The budget is counted, and its audit row committed, here on the host's connection, before the worker
        // compares a single number with the ledger; a refusal ends the read with the host's own error. While another
        // call holds the ledger (an import writing in one open transaction) the row waits, so as not to join it.
        void (async () => {
          while (ledger.busy) await ledger.busy;
          try {
            hooks.lookup(m.ids);
            reply({});
          } catch (e) {
            refusal = e;
            reply({ refused: e instanceof AppError ? e.toBody() : { code: 'INTERNAL', message: '' } });
          }
        })();
      else if ('sheet' in m) {
        if (m.rows.length === 0) sheets.push({ name: m.sheet, rows: [] });
        else for (const r of m.rows) sheets[sheets.length - 1].rows.push(r);
      } else if ('lines' in m) for (const l of m.lines) lines.push(l);
      else if ('households' in m)
        for (const h of m.households) {
          const members = h.members as unknown as NewPerson[];
          for (const p of members) p.line = lines[p.line as unknown as number];
          plan.households.push({ ...h, members });
        }
      else if ('entitlements' in m) for (const e of m.entitlements) plan.entitlements.push(e);
      else if ('payments' in m) for (const p of m.payments) plan.payments.push(p);
      else if ('done' in m) {
        const { areas, ...done } = m.done;
        end(null, { ...done, sheets, checked: { ...done.checked, lines, plan: { ...plan, areas } } }, true);
      } else
        end(
          refusal ??
            (m.failed
              ? new AppError(m.failed.code, m.failed.message, m.failed.field, m.failed.link)
              : new Error(`导入文件读取线程出错：${m.message}`)),
          undefined,
          true,
        );
    };
    const onError = (e: Error) => end(e);
    const onExit = (code: number) => end(new Error(`导入文件读取线程退出（${code}）`));
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
  return {
    done,
    cancel: () => {
      cancelled = true;
      void worker.terminate();
    },
  };
}
