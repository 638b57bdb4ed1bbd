// The county's census of what it keeps (db/synced.ts lists the tables and columns): counted the same way by
// SQLite in the ledger and by PostgreSQL over the county's copy.
import crypto from 'node:crypto';

import { type DB, prep } from '../db/open';
import { SYNCED, type Synced } from '../db/synced';

/** The county schema version this program writes to: the number of its county migrations. */
export const COUNTY_SCHEMA = 7;

/** A row's digest keeps 52 bits of the md5 of its canonical text: sums of them stay exact in a double. */
const DIGEST_MOD = 2 ** 52;

/**
 * A table's census: its row count and a checksum, the sum (mod 2^52) of a digest of every row, computed the same way
 * by SQLite in the ledger and by PostgreSQL over the county's copy, so the two can be compared without moving rows.
 * A row's canonical text is its columns joined by `|`, each as text with `\` and `|` escaped, null as `\N`: integers
 * print alike in both (the synced columns are integers and text, dates as text; countySync.test.ts holds the
 * county's types to that), and the digest is the first 13 hex digits of the text's md5. The sum does not depend on
 * the order of the rows, and a change that keeps a row's length still changes its digest.
 */
export function censusSql(s: Synced, engine: 'sqlite' | 'pg'): string {
  const cast = (c: string) => (engine === 'pg' ? `${c}::text` : `CAST(${c} AS TEXT)`);
  const text = (c: string) => String.raw`coalesce(replace(replace(${cast(c)}, '\', '\\'), '|', '\|'), '\N')`;
  const row = s.columns.map(text).join(` || '|' || `);
  return engine === 'pg'
    ? `SELECT count(*) AS n, coalesce(sum(('x' || left(md5(${row}), 13))::bit(52)::bigint), 0) % ${DIGEST_MOD} AS c
        FROM county.${s.table}
        WHERE ledger_id = $1`
    : `SELECT count(*) AS n, coalesce(bianmin_digest_sum(${row}), 0) AS c
        FROM ${s.table}`;
}

const digestsOn = new WeakSet<DB>();

/** SQLite has no md5: the sum of row digests as an aggregate of the connection, the same sum PostgreSQL makes. */
function withDigests(db: DB): DB {
  if (digestsOn.has(db)) return db;
  // The typings take an aggregate's argument for its total's type: the argument is the row's text.
  db.aggregate<number>('bianmin_digest_sum', {
    start: 0,
    step: (sum, text) =>
      (sum + parseInt(crypto.createHash('md5').update(String(text), 'utf8').digest('hex').slice(0, 13), 16)) %
      DIGEST_MOD,
    deterministic: true,
  });
  digestsOn.add(db);
  return db;
}

export type Census = Record<string, { n: number; c: number }>;

/** The ledger's census: each synced table's count and checksum, over the connection's snapshot. */
export function census(db: DB): Census {
  withDigests(db);
  return Object.fromEntries(SYNCED.map((s) => [s.table, prep(db, censusSql(s, 'sqlite')).get() as Census[string]]));
}

/** Outbox lines the county has not applied yet. */
export const backlogOf = (db: DB, acked: number) =>
  (prep(db, 'SELECT count(*) AS n FROM outbox WHERE seq > ?').get(acked) as { n: number }).n;
