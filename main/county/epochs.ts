// 纪元: the township's side of restores. The outbox's numbers and the county's acknowledged number mean something only
// along one unbroken line of the ledger's changes. When what the county says (a push's first question, or a 回执)
// cannot be the next word on that line, one side was restored from a backup: the ledger begins a new 纪元 (every row
// queued again after its newest line), and the county, when it takes it (store.ts startEpoch), keeps its old copy as
// history and writes a note. Nothing is dropped and no number is moved to make the two agree.
import crypto from 'node:crypto';

import { type DB, prep } from '../db/open';
import { type Link, linkOf, queueAll } from './link';
import type { CountyView, ResyncWhy } from './store';

/** The ledger's restore mark: written by every restore of a backup (core/backupFiles.ts markRestored). */
export function restoreMark(db: DB): string | null {
  const r = prep(db, `SELECT value FROM settings WHERE key = 'restored'`).get() as { value: string } | undefined;
  return r ? ((JSON.parse(r.value) as { mark: string }).mark ?? null) : null;
}

/** The newest outbox line ever written (pruned or not). */
export const newestLine = (db: DB) =>
  (prep(db, `SELECT seq FROM sqlite_sequence WHERE name = 'outbox'`).get() as { seq: number } | undefined)?.seq ?? 0;

/**
 * Begins a new 纪元 in the ledger, in one transaction: the lines not yet sent and the files not yet acknowledged are
 * void (every row is queued again after the newest line), and the county is to take the 纪元 from that line.
 */
export function beginEpoch(db: DB, why: ResyncWhy): void {
  db.transaction(() => {
    const from = newestLine(db);
    prep(db, 'DELETE FROM outbox').run();
    prep(db, 'DELETE FROM county_carries').run();
    queueAll(db);
    prep(
      db,
      `UPDATE county_link
        SET epoch = ?, restored_mark = ?, resync_from = ?, resync_why = ?, acked_seq = ?, census_at = NULL`,
    ).run(crypto.randomUUID(), restoreMark(db), from, why, from);
  })();
}

/** The new 纪元 this ledger began and the county has not taken yet, if any. */
export function pendingEpoch(link: Link): { epoch: string; from: number; why: ResyncWhy } | null {
  return link.resync_from === null || !link.epoch
    ? null
    : { epoch: link.epoch, from: link.resync_from, why: link.resync_why ?? 'township' };
}

/** The county took the 纪元 this ledger began. */
export const epochTaken = (db: DB) => prep(db, 'UPDATE county_link SET resync_from = NULL, resync_why = NULL').run();

/** A ledger restored since it was last in step with the county begins a new 纪元 at once: offline, too. */
export function noticeRestore(db: DB): void {
  const link = linkOf(db);
  if (link && restoreMark(db) !== link.restored_mark) beginEpoch(db, 'township');
}

/**
 * What the county says, set against what this ledger knows. `inStep`: the numbers are on one line, and the county
 * stands at `view.acked`. `begin`: the county is to take the 纪元 this ledger began (now, or before and not yet taken).
 */
export function reconcile(db: DB, view: CountyView): 'inStep' | 'begin' {
  const link = linkOf(db)!;
  const restored = restoreMark(db) !== link.restored_mark;
  // A county that never took a line from this ledger has nothing to keep: the ledger's restore changes nothing there.
  const untouched = !view.ledgerId && view.acked === 0 && link.acked_seq === 0 && !link.epoch && !link.resync_from;
  if (untouched) {
    if (restored) prep(db, 'UPDATE county_link SET restored_mark = ?').run(restoreMark(db));
    return 'inStep';
  }
  if (restored) {
    beginEpoch(db, 'township');
    return 'begin';
  }
  if (link.resync_from !== null) {
    if (view.epoch !== link.epoch) return 'begin';
    epochTaken(db);
    return 'inStep';
  }
  // Lines the ledger never wrote: it went back (restored outside this program). A 纪元 the ledger is not in, or
  // fewer lines than the county once acknowledged to it: the county's database went back.
  const ahead = view.acked > newestLine(db);
  if (ahead || view.epoch !== link.epoch || view.acked < link.acked_seq) {
    beginEpoch(db, ahead ? 'township' : 'county');
    return 'begin';
  }
  return 'inStep';
}
