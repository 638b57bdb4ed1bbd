// The import worker: reads, parses and checks roster files in a thread of its own, so that the host's event loop stays
// free for every other call (a 100,000-row .xlsx costs seconds of parsing). Started by importThread.ts; under tsx
// from this file, in the build from dist/main/importWorker.cjs (main/build.mjs). It reads the ledger through its own
// read-only connection, opened for each file (WAL: a snapshot, never a lock), and writes nothing: the lookups the
// check makes are counted and audited by the host, which the worker asks and waits for.
import { createHash } from 'node:crypto';
import { type MessagePort, parentPort, receiveMessageOnPort } from 'node:worker_threads';

import type { ImportKind } from '../../shared/domain/imports';
import { AppError, type AppErrorBody } from '../../shared/domain/result';
import type { ImportProgress } from '../../shared/schemas/imports';
import { openKeyed, prep } from '../db/open';
import {
  type CasePlan,
  type Checked,
  type CheckInput,
  checkRoster,
  type HouseholdPlan,
  type Line,
  type NewPerson,
  type Plan,
} from './importCheck';
import { readSpreadsheet, type Sheet } from './importFiles';
import { bestSheet, findLayout, type Layout, remembered } from './importLayout';

export interface WorkerInput {
  /** The ledger and its data key: the worker's own read-only connection. */
  file: string;
  key: Uint8Array;
  kind: ImportKind;
  fileName: string;
  /** The file as the screen sent it (base64), in this many parts on `replies`. */
  parts: number;
  today: string;
  seesFullId: boolean;
  /** Whether the caller may add villages (the first check makes none: the clerk has not chosen to yet). */
  areas: CheckInput['areas'];
  /**
   * The host's words to the worker: the file's parts, then a reply to each message but a progress row (a lookup's
   * answer, or that a piece of the result was taken). The worker blocks on `signal` until the next is there.
   */
  replies: MessagePort;
  signal: SharedArrayBuffer;
}

export interface WorkerResult {
  sheets: Sheet[];
  sheet: number;
  layout: Layout;
  checked: Checked;
  sha256: string;
  /** The newest audit row in the snapshot the check read: a write after it may change a verdict. */
  seen: number;
}

/**
 * The result goes in pieces of CHUNK rows, each a message of its own: one message of 100,000 rows costs the host
 * 1.5 s to take in (structured clone), in which it would answer nothing. A planned person names its line by index.
 */
export type WorkerMessage =
  | { progress: Partial<ImportProgress> }
  | { ids: string[] }
  | { sheet: string; rows: Sheet['rows'] }
  | { lines: Line[] }
  | { households: (Omit<HouseholdPlan, 'members'> & { members: (Omit<NewPerson, 'line'> & { line: number })[] })[] }
  | { entitlements: CasePlan[] }
  | { payments: CasePlan[] }
  | {
      done: Omit<WorkerResult, 'sheets' | 'checked'> & {
        checked: Omit<Checked, 'lines' | 'plan'>;
        areas: Plan['areas'];
      };
    }
  | { failed: AppErrorBody | null; message: string };

const CHUNK = 500;
const chunks = <T>(items: T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

/**
 * Sends the result in pieces (see WorkerMessage), each once the host has taken the last: a port hands the host every
 * message already queued in one go, which would be the one long stall again. importThread.ts puts them together.
 */
function send(result: WorkerResult, post: (m: WorkerMessage) => unknown): void {
  for (const s of result.sheets) {
    post({ sheet: s.name, rows: [] });
    for (const rows of chunks(s.rows)) post({ sheet: s.name, rows });
  }
  const { lines, plan, ...rest } = result.checked;
  const index = new Map(lines.map((l, i) => [l, i]));
  for (const part of chunks(lines)) post({ lines: part });
  for (const part of chunks(plan.households))
    post({
      households: part.map((h) => ({ ...h, members: h.members.map((m) => ({ ...m, line: index.get(m.line)! })) })),
    });
  for (const part of chunks(plan.entitlements)) post({ entitlements: part });
  for (const part of chunks(plan.payments)) post({ payments: part });
  post({
    done: {
      sheet: result.sheet,
      layout: result.layout,
      sha256: result.sha256,
      seen: result.seen,
      checked: rest,
      areas: plan.areas,
    },
  });
}

/** The longest the host goes without a progress row while the worker reads or checks. */
export const PROGRESS_MS = 100;

function run(input: WorkerInput, postNow: (m: WorkerMessage) => void): void {
  const signal = new Int32Array(input.signal);
  // The next word from the host, one already there taken at once (so no signal is ever missed).
  const hear = <T>(): T => {
    for (;;) {
      const m = receiveMessageOnPort(input.replies);
      if (m) return m.message as T;
      Atomics.wait(signal, 0, 0);
      Atomics.store(signal, 0, 0);
    }
  };
  // Every message but a progress row (and the last) waits for the host's reply.
  const post = (m: WorkerMessage) => {
    postNow(m);
    return 'progress' in m || 'done' in m ? null : hear<{ refused?: AppErrorBody }>();
  };
  let last = 0;
  const progress = (p: Partial<ImportProgress>, now = false) => {
    const t = performance.now();
    if (!now && t - last < PROGRESS_MS) return;
    last = t;
    post({ progress: p });
  };
  const data = Buffer.from(Array.from({ length: input.parts }, () => hear<string>()).join(''), 'base64');
  const sheets = readSpreadsheet(input.fileName, data, (read) => progress({ read }));
  const read = sheets.reduce((n, s) => n + s.rows.length, 0);
  progress({ phase: 'checking', read }, true);
  const sha256 = createHash('sha256').update(data).digest('hex');
  const db = openKeyed(input.file, Buffer.from(input.key), { readonly: true });
  try {
    // One snapshot for the mappings, the check and the mark of what it saw.
    db.exec('BEGIN');
    const seen = (prep(db, 'SELECT coalesce(max(id), 0) AS n FROM audit_log').get() as { n: number }).n;
    const sheet = bestSheet(input.kind, sheets);
    const layout = findLayout(input.kind, sheets[sheet], remembered(db));
    const checked = checkRoster(
      db,
      {
        kind: input.kind,
        sheet: sheets[sheet],
        layout,
        areaMap: {},
        decisions: {},
        startMonth: null,
        areas: input.areas,
        today: input.today,
        seesFullId: input.seesFullId,
        onIds: (ids) => {
          const reply = post({ ids });
          if (reply?.refused) throw new AppError(reply.refused.code, reply.refused.message);
        },
      },
      (checked) => progress({ checked }),
    );
    db.exec('COMMIT');
    send({ sheets, sheet, layout, checked, sha256, seen }, post);
  } finally {
    db.close();
  }
}

// One file after another: the worker is kept between imports (importThread.ts), since loading SheetJS, its code
// pages and the pinyin dictionary costs it most of a second.
if (parentPort) {
  const port = parentPort;
  const post = (m: WorkerMessage) => port.postMessage(m);
  port.on('message', (input: WorkerInput) => {
    try {
      run(input, post);
    } catch (e) {
      post({ failed: e instanceof AppError ? e.toBody() : null, message: String((e as Error)?.message ?? e) });
    }
  });
}
