// The ledger's side of 县级上报 that the push, the offline file and the 纪元 share: the enrolment and where the county
// stands as this ledger last heard it (county_link), the outbox the triggers of migration 0014 fill, read a chunk at
// a time, and what the county's word prunes.
import { isoCn } from '../../shared/domain/time';
import { type DB, prep } from '../db/open';
import { numericKey, SYNCED } from '../db/synced';
import type { Chunk } from './store';

export interface Link {
  county_name: string;
  code: string;
  township: string;
  url: string;
  role: string;
  key: string;
  /** The county server's CA (migration 0019): the push then connects with sslmode=verify-full. */
  ca: string | null;
  enrolled_at: string;
  acked_seq: number;
  last_push_at: string | null;
  last_error: string | null;
  census_at: string | null;
  /** The 纪元 the numbers belong to (migration 0018; epochs.ts); null: the first. */
  epoch: string | null;
  restored_mark: string | null;
  /** A new 纪元 begun here and not yet taken by the county: every row queued after this line. */
  resync_from: number | null;
  resync_why: 'township' | 'county' | null;
  /** The last 批号 given to an offline file. */
  carried_batch: number;
  /** The county server's time of the newest word heard from it. */
  view_at: string | null;
}

export const linkOf = (db: DB) => prep(db, 'SELECT * FROM county_link').get() as Link | undefined;

/** A line for every row the county keeps: sends the whole ledger again (applying a row twice changes nothing). */
export function queueAll(db: DB): void {
  for (const s of SYNCED)
    db.exec(
      `INSERT INTO outbox (tbl, key)
        SELECT DISTINCT '${s.table}', ${s.key}
          FROM ${s.table}
          ORDER BY ${s.key}`,
    );
}

/** The next run of outbox lines after `from`, with the rows they name as they are now. */
export function readChunk(db: DB, ledgerId: string, from: number, lines: number): Chunk | null {
  const outbox = prep(
    db,
    `SELECT seq, tbl, key
      FROM outbox
      WHERE seq > ?
      ORDER BY seq
      LIMIT ?`,
  ).all(from, lines) as { seq: number; tbl: string; key: string }[];
  if (!outbox.length) return null;
  const tables = SYNCED.map((s) => {
    const keys = [...new Set(outbox.filter((l) => l.tbl === s.table).map((l) => l.key))];
    const rows = keys.length
      ? (prep(
          db,
          `SELECT ${s.columns.join(', ')}
            FROM ${s.table}
            WHERE ${s.key} IN (SELECT value FROM json_each(?))`,
        ).all(JSON.stringify(numericKey(s) ? keys.map(Number) : keys)) as Record<string, unknown>[])
      : [];
    const found = new Set(rows.map((r) => String(r[s.key])));
    return { table: s.table, rows, deleted: keys.filter((k) => !found.has(k)) };
  }).filter((t) => t.rows.length || t.deleted.length);
  return { ledgerId, epoch: linkOf(db)?.epoch ?? null, from, to: outbox[outbox.length - 1].seq, tables };
}

/**
 * What the county said, on the 纪元's own line: where it stands (`acked`, never moved back here), when (its clock, for
 * the 回执's order), a push's time and error (a 回执 leaves the last push's error); and the lines and offline files it has acknowledged, pruned.
 */
export function settle(
  db: DB,
  word: { acked: number; viewAt?: string | null; pushedAt?: Date | null; error?: string | null },
): void {
  db.transaction(() => {
    prep(
      db,
      `UPDATE county_link
        SET acked_seq = max(acked_seq, ?),
          view_at = coalesce(?, view_at),
          last_push_at = coalesce(?, last_push_at),
          last_error = iif(?, ?, last_error)`,
    ).run(
      word.acked,
      word.viewAt ?? null,
      word.pushedAt ? isoCn(word.pushedAt) : null,
      word.error === undefined ? 0 : 1,
      word.error ?? null,
    );
    const { acked_seq: acked } = prep(db, 'SELECT acked_seq FROM county_link').get() as { acked_seq: number };
    prep(db, 'DELETE FROM outbox WHERE seq <= ?').run(acked);
    prep(db, 'DELETE FROM county_carries WHERE to_seq <= ?').run(acked);
  })();
}

/** The offline files the county has not acknowledged, oldest first (设置 → 县级上报). */
export const carriedFiles = (db: DB) =>
  prep(
    db,
    `SELECT batch, from_seq AS "from", to_seq AS "to", made_at AS madeAt
      FROM county_carries
      ORDER BY batch`,
  ).all() as { batch: number; from: number; to: number; madeAt: string }[];
