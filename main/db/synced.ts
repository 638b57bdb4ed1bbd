// What the county keeps of a township's ledger: these tables, these columns, under the same names in both schemas
// (the county's migrations 0001 and 0003, the ledger's own here): the columns the township report reads, and no
// more. The ledger's outbox triggers are written from this one list (migrate.ts expands `-- @outbox` in migrations
// 0014 and 0015); tests/unit/rollup.test.ts holds the county's columns to it, and the check of sameness proves the
// columns are enough. Left out by design: year_summaries (migration 0017), the center's own prose for its 年度工作总结,
// from which no figure is counted; it reaches the county on the .docx the township hands upward.

export interface Synced {
  table: string;
  /** The ledger's key column: the county's key is (ledger_id, key). */
  key: string;
  columns: readonly string[];
  /** Payments are only ever inserted, in the county as in the ledger: a row already there is never written again. */
  insertOnly?: boolean;
  /** `key` names a group of rows (a dispute's mediators): the county replaces the whole group. */
  group?: boolean;
}

/** The columns of a register synced as the columns are named: `id` first. */
const register = (table: string, columns: string[]): Synced => ({ table, key: 'id', columns: ['id', ...columns] });

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
  // The registers of the report's other sections (reports/reports.ts reportSections).
  register('applications', [
    'household_id',
    'area_id',
    'kind_code',
    'state',
    'accepted_on',
    'deadline',
    'decided_on',
    'approved_fen',
  ]),
  register('application_steps', ['application_id', 'action', 'on_date']),
  register('cadres', ['name', 'name_initials']),
  register('pairings', ['cadre_id', 'household_id', 'from_date', 'to_date']),
  register('visits', ['household_id', 'cadre_id', 'visited_on']),
  register('visit_aid', ['visit_id', 'value_fen']),
  register('service_cards', ['household_id', 'issued_on', 'voided_on']),
  register('wishes', ['area_id', 'category', 'collected_on', 'status', 'due_on', 'fulfilled_on']),
  register('wish_claims', ['wish_id', 'cadre_id']),
  register('suggestions', [
    'area_id',
    'category',
    'collected_on',
    'status',
    'on_the_spot',
    'result',
    'due_on',
    'answered_on',
  ]),
  register('disputes', [
    'area_id',
    'type',
    'accepted_on',
    'status',
    'agreement',
    'due_on',
    'concluded_on',
    'persons',
    'amount_fen',
  ]),
  { table: 'dispute_mediators', key: 'dispute_id', group: true, columns: ['dispute_id', 'cadre_id'] },
  { table: 'choices', key: 'list', group: true, columns: ['list', 'name', 'sort_order'] },
];

/** Whether a key is a row number (compared as a number in the ledger) or a code. */
export const numericKey = (s: Synced) => /(^|_)id$/.test(s.key);
