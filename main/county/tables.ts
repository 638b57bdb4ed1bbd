// The county's census of what it keeps (db/synced.ts lists the tables and columns): counted the same way by
// SQLite in the ledger and by PostgreSQL over the county's copy.
import { type DB, prep } from '../db/open';
import { SYNCED, type Synced } from '../db/synced';

/** The county schema version this program writes to: the number of its county migrations. */
export const COUNTY_SCHEMA = 3;

/**
 * A table's census: its row count and a checksum, the characters of every row's columns joined, computed the same way
 * by SQLite in the ledger and by PostgreSQL over the county's copy, so the two can be compared without moving rows.
 */
export function censusSql(s: Synced, engine: 'sqlite' | 'pg'): string {
  const text = (c: string) => (engine === 'pg' ? `coalesce(${c}::text, '')` : `coalesce(CAST(${c} AS TEXT), '')`);
  const row = s.columns.map(text).join(` || '|' || `);
  const from = engine === 'pg' ? `county.${s.table} WHERE ledger_id = $1` : s.table;
  return `SELECT count(*) AS n, coalesce(sum(length(${row})), 0) AS c FROM ${from}`;
}

export type Census = Record<string, { n: number; c: number }>;

/** The ledger's census: each synced table's count and checksum, over the connection's snapshot. */
export function census(db: DB): Census {
  return Object.fromEntries(SYNCED.map((s) => [s.table, prep(db, censusSql(s, 'sqlite')).get() as Census[string]]));
}

/** Outbox lines the county has not applied yet. */
export const backlogOf = (db: DB, acked: number) =>
  (prep(db, 'SELECT count(*) AS n FROM outbox WHERE seq > ?').get(acked) as { n: number }).n;
