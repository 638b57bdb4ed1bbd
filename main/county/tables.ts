// What the county keeps of a township's ledger: these tables, these columns, under the same names in both schemas
// (migrations/0001_county.sql there, the ledger's own migrations here). The outbox triggers (ledger migration 0014)
// list the same tables; a test holds the three to one another.

export interface Synced {
  table: string;
  /** The ledger's key column: the county's key is (ledger_id, key). */
  key: string;
  columns: readonly string[];
  /** Payments are only ever inserted, in the county as in the ledger: a row already there is never written again. */
  insertOnly?: boolean;
}

export const SYNCED: readonly Synced[] = [
  { table: 'areas', key: 'id', columns: ['id', 'name', 'sort_order'] },
  { table: 'relief_kinds', key: 'code', columns: ['code', 'name', 'parent_code', 'sort_order'] },
  {
    table: 'households',
    key: 'id',
    columns: ['id', 'area_id', 'head_name', 'account', 'status', 'exited_on', 'created_at'],
  },
  {
    table: 'persons',
    key: 'id',
    columns: ['id', 'household_id', 'name', 'id_number', 'gender', 'birth_date', 'relation'],
  },
  {
    table: 'payments',
    key: 'id',
    insertOnly: true,
    columns: [
      'id',
      'household_id',
      'person_id',
      'area_id',
      'kind_code',
      'top_kind',
      'amount_fen',
      'paid_on',
      'method',
      'account',
      'reverses_id',
    ],
  },
];

/** The county schema version this program writes to: the number of its county migrations. */
export const COUNTY_SCHEMA = 2;

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
