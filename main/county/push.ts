// The township's side of 县级上报: the enrolment kept in county_link, and the push that sends the outbox to the county
// in chunks. The county's acknowledged sequence is the truth: every push starts by asking it, so a push cut anywhere
// (either side killed, the network gone) resumes from where it stood, and a county that cannot be on the ledger's
// line (either side restored from a backup) begins a new 纪元 (epochs.ts) instead of being believed.
import pg from 'pg';

import { AppError } from '../../shared/domain/result';
import { isoCn } from '../../shared/domain/time';
import type { Ledger } from '../core/ledger';
import { answerOf, startWorker } from '../core/threads';
import { type DB, prep } from '../db/open';
import type { CensusInput } from './censusWorker';
import { epochTaken, pendingEpoch, reconcile, restoreMark } from './epochs';
import { linkOf, queueAll, readChunk, settle } from './link';
import type { Figures } from './sameness';
import {
  applyChunk,
  type Chunk,
  connectionOf,
  countyColumns,
  type CountyView,
  countyView,
  type Enrolment,
  startEpoch,
  tlsRefusal,
} from './store';
import { backlogOf, type Census } from './tables';

export { type Link, linkOf, queueAll } from './link';

/** Keeps the enrolment and queues every row the county keeps: the first push sends the whole ledger. */
export function enrol(db: DB, e: Enrolment, now: Date): void {
  if (linkOf(db)) throw new AppError('CONFLICT', '本台账已登记到县里，不能再次登记', 'file');
  prep(
    db,
    `INSERT INTO county_link (one, county_name, code, township, url, role, key, ca, enrolled_at)
      VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.county, e.code, e.township, e.url, e.role, e.key, e.ca ?? null, isoCn(now));
  prep(db, 'UPDATE county_link SET restored_mark = ?').run(restoreMark(db));
  queueAll(db);
}

/** A county server that is down, or refuses the key, in words the clerk can act on. */
export function pushError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  const tls = tlsRefusal(e);
  if (tls) return tls;
  const err = e as { code?: string; message?: string };
  if (err.code === '28P01' || err.code === '28000')
    return new AppError('FORBIDDEN', '县里不认这把登记密钥（可能已被停用），请联系县民政局');
  if (
    ['ECONNREFUSED', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ECONNRESET', '57P01', '57P03'].includes(err.code ?? '')
  )
    return new AppError('CONFLICT', '暂时连不上县里的汇总库，台账照常使用，稍后会自动补报');
  return new AppError('INTERNAL', `上报没有完成：${err.message ?? String(e)}`);
}

export interface PushResult {
  acked: number;
  chunks: number;
  backlog: number;
}

/** Waits while an import holds its transaction open, so that a chunk never carries rows it may still roll back. */
async function idle(ledger: Ledger): Promise<DB> {
  while (ledger.busy) await ledger.busy;
  return ledger.db;
}

const running = new WeakMap<Ledger, Promise<PushResult>>();

/** Whether a push of this ledger is under way (one at a time: a second call joins the first). */
export const isPushing = (ledger: Ledger) => running.has(ledger);

export function push(ledger: Ledger, opts: PushOptions = {}): Promise<PushResult> {
  const now = running.get(ledger);
  if (now) return now;
  const started = pushAll(ledger, opts).finally(() => running.delete(ledger));
  running.set(ledger, started);
  return started;
}

/** Pushes every few minutes while the ledger is open and enrolled; a refusal waits for the next round. */
export function startPushing(ledger: Ledger, everyMs = 5 * 60_000): () => void {
  const round = () => {
    if (ledger.db.open && linkOf(ledger.db)) push(ledger).catch(() => {}); // recorded in county_link
  };
  const timer = setInterval(round, everyMs);
  timer.unref();
  const first = setTimeout(round, Math.min(everyMs, 30_000));
  first.unref();
  return () => {
    clearInterval(timer);
    clearTimeout(first);
  };
}

export interface PushOptions {
  /** Outbox lines per chunk. */
  lines?: number;
  connectTimeoutMs?: number;
}

/**
 * Pushes everything the county has not applied, a chunk at a time, and prunes what it has. Each read of the ledger
 * is one synchronous step between awaits; the counter's work goes on meanwhile.
 */
async function pushAll(ledger: Ledger, opts: PushOptions): Promise<PushResult> {
  const link = linkOf(await idle(ledger));
  if (!link)
    throw new AppError('VALIDATION', '本台账还没有登记到县里：请先在 设置 → 县级上报 载入县民政局发的登记文件');
  const client = new pg.Client({
    ...connectionOf(link.url, link.key, link.ca),
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
    application_name: 'bianmin push',
  });
  client.on('error', () => {}); // a connection lost mid-push fails the query in flight; that is where it is reported
  let chunks = 0;
  let acked = 0; // where the county stands on this ledger's line, once it is known to be on it
  try {
    await client.connect();
    const types = await countyColumns(client);
    const view = await countyView(client);
    if (!view) throw new AppError('FORBIDDEN', '县里已停用本乡镇的登记，请联系县民政局');
    if (view.ledgerId && view.ledgerId !== ledger.id)
      throw new AppError('FORBIDDEN', '此登记文件已被另一本台账使用，请向县民政局重新申请登记');
    acked = await inStep(ledger, client, view);
    const lines = opts.lines ?? 5000;
    let chunk = readChunk(await idle(ledger), ledger.id, acked, lines);
    while (chunk) {
      // The next chunk is read while the server writes this one (unless an import holds the ledger).
      let next: Chunk | null | undefined;
      const current: Chunk = chunk;
      const meanwhile = () =>
        void (next = ledger.busy ? undefined : readChunk(ledger.db, ledger.id, current.to, lines));
      const r = await applyChunk(client, types, current, { meanwhile });
      if (r.outcome === 'gap' || r.outcome === 'epoch')
        throw new AppError('CONFLICT', '县里的副本在上报中途变了（可能正在导入本乡镇的离线报送文件），稍后会自动再报');
      acked = r.acked;
      if (r.outcome === 'applied') chunks++;
      chunk =
        r.outcome === 'applied' && next !== undefined ? next : readChunk(await idle(ledger), ledger.id, acked, lines);
      // Pruning and the cached number every ten chunks: each is a durable write, and the county's number is the truth.
      if (chunks % 10 === 0) settle(await idle(ledger), { acked });
    }
    // A push with nothing to send still heard the county.
    settle(await idle(ledger), { acked, viewAt: view.at, pushedAt: ledger.clock(), error: null });
    await sendCensus(ledger, client, acked);
    return { acked, chunks, backlog: backlogOf(ledger.db, acked) };
  } catch (e) {
    const err = pushError(e);
    settle(await idle(ledger), { acked, error: err.message });
    throw err;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Brings the county onto this ledger's line before anything is sent: when the two cannot be on one (epochs.ts), the
 * county takes the new 纪元 the ledger began. Answers where the county stands on the line.
 */
async function inStep(ledger: Ledger, client: pg.ClientBase, view: CountyView): Promise<number> {
  if (reconcile(await idle(ledger), view) === 'inStep') return view.acked;
  const begun = pendingEpoch(linkOf(ledger.db)!)!;
  await startEpoch(client, { ledgerId: ledger.id, ...begun });
  epochTaken(await idle(ledger));
  return begun.from;
}

/** After a push that left nothing behind, at most once an hour: what the ledger holds, for the county to compare. */
async function sendCensus(ledger: Ledger, client: pg.Client, acked: number): Promise<void> {
  const link = linkOf(await idle(ledger))!;
  const now = ledger.clock();
  if (link.census_at && now.getTime() - new Date(link.census_at).getTime() < 3600_000) return;
  const input: CensusInput = { file: ledger.file, key: new Uint8Array(ledger.keys.key), acked, now: now.toISOString() };
  const answer = await answerOf<{ taken?: { counts: Census; figures: Figures } | null; failed?: string }>(
    startWorker(__dirname, 'censusWorker', input),
  );
  if (answer.failed !== undefined) throw new Error(answer.failed);
  if (!answer.taken) return; // written to since the push: the next push sends it
  const { counts, figures } = answer.taken;
  await client.query(
    `INSERT INTO county.ledger_census (ledger_id, seq, counts, figures)
      VALUES ($1, $2, $3, $4)
      ON CONFLICT (ledger_id) DO UPDATE
        SET seq = excluded.seq, counts = excluded.counts, figures = excluded.figures, at = now()`,
    [ledger.id, acked, JSON.stringify(counts), JSON.stringify(figures)],
  );
  prep(await idle(ledger), 'UPDATE county_link SET census_at = ?').run(isoCn(now));
}
