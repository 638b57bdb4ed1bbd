// Reading payments: the grid (filters, paging and the net total in SQL), one payment for its receipt, a case's
// payments, and the check that reconciles every posted batch with the ledger.
import type { z } from 'zod';

import { METHODS } from '../../shared/domain/payments';
import { AppError } from '../../shared/domain/result';
import type { Page } from '../../shared/schemas/common';
import type {
  CasePayments,
  LedgerCheck,
  PaymentDetail,
  paymentListInput,
  PaymentRow,
} from '../../shared/schemas/payments';
import type { Handlers } from '../core/dispatch';
import { MASKED_ID } from '../core/idLookups';
import { type Column, filterText, type FilterWords, listPrint, listSheet, nameOf, PRINT_MAX } from '../core/listSheet';
import { countOf, limitSql, orderBy, Where } from '../core/paging';
import { type DB, prep } from '../db/open';

const COLUMNS = `p.id, p.paid_on AS paidOn, p.application_id AS applicationId, a.acceptance_no AS acceptanceNo,
  p.household_id AS householdId, pe.name AS personName, ar.name AS area, k.name AS kind, p.amount_fen AS amountFen,
  p.signed_fen AS signedFen, p.method,
  CASE WHEN p.account IS NULL THEN NULL ELSE '****' || substr(p.account, -4) END AS accountTail,
  b.batch_no AS batchNo, p.for_month AS forMonth, p.reverses_id AS reversesId,
  (SELECT r.id FROM payments r WHERE r.reverses_id = p.id) AS reversedBy, p.note, s.display_name AS postedBy`;
const JOINS = `JOIN applications a ON a.id = p.application_id
  JOIN persons pe ON pe.id = p.person_id
  JOIN areas ar ON ar.id = p.area_id
  JOIN relief_kinds k ON k.code = p.kind_code
  LEFT JOIN payroll_batches b ON b.id = p.batch_id
  JOIN staff s ON s.id = p.posted_by`;

export function paymentDetail(db: DB, id: number): PaymentDetail {
  const r = prep(
    db,
    `SELECT ${COLUMNS}, ${MASKED_ID('pe.id_number')} AS idNumber, p.posted_at AS postedAt, br.status AS bankStatus
      FROM payments p ${JOINS}
      LEFT JOIN bank_results br ON br.payment_id = p.id
      WHERE p.id = ?`,
  ).get(id) as PaymentDetail | undefined;
  if (!r) throw new AppError('NOT_FOUND', `找不到发放记录 ${id}`);
  return r;
}

type Filters = z.output<typeof paymentListInput>;

/** The WHERE clause of a filter: the page and its totals use the same one. */
/** A top-level kind filters on top_kind (its sub-kinds included); a sub-kind (急难型) on its own code as well. */
const parentOf = (db: DB, code: string) =>
  (
    prep(db, 'SELECT parent_code AS parent FROM relief_kinds WHERE code = ?').get(code) as
      { parent: string | null } | undefined
  )?.parent ?? null;

function where(db: DB, q: Omit<Filters, 'offset' | 'limit' | 'sort'>): Where {
  const w = new Where();
  if (q.kindCode) {
    const parent = parentOf(db, q.kindCode);
    if (parent) w.add('p.top_kind = ? AND p.kind_code = ?', parent, q.kindCode);
    else w.add('p.top_kind = ?', q.kindCode);
  }
  if (q.areaId) w.add('p.area_id = ?', q.areaId);
  if (q.month) w.add('p.paid_on BETWEEN ? AND ?', `${q.month}-01`, `${q.month}-31`);
  if (q.year) w.add('p.paid_on BETWEEN ? AND ?', `${q.year}-01-01`, `${q.year}-12-31`);
  if (q.method) w.add('p.method = ?', q.method);
  if (q.householdId) w.add('p.household_id = ?', q.householdId);
  if (q.applicationId) w.add('p.application_id = ?', q.applicationId);
  if (q.batchId) w.add('p.batch_id = ?', q.batchId);
  const reversed = 'EXISTS (SELECT 1 FROM payments r WHERE r.reverses_id = p.id)';
  if (q.reversed === 'payments') w.add('p.reverses_id IS NULL');
  if (q.reversed === 'reversal') w.add('p.reverses_id IS NOT NULL');
  if (q.reversed === 'reversed') w.add(`p.reverses_id IS NULL AND ${reversed}`);
  if (q.reversed === 'standing') w.add(`p.reverses_id IS NULL AND NOT ${reversed}`);
  return w;
}

const SORT = { paidOn: 'p.paid_on', amount: 'p.amount_fen' } as const;

export function listPayments(
  db: DB,
  q: Filters,
): Page<PaymentRow> & { sumFen: number; persons?: number; households?: number } {
  const w = where(db, q);
  const order = orderBy(SORT, q.sort, 'p.paid_on DESC, p.id DESC', 'p.id');
  // The page's ids first, then the joins for those rows only.
  const rows = prep(
    db,
    `WITH page AS (
       SELECT p.id
       FROM payments p
       ${w.sql}
       ORDER BY ${order}
       LIMIT ${limitSql(q.limit)} OFFSET ?
     )
     SELECT ${COLUMNS}
      FROM page
      JOIN payments p ON p.id = page.id
     ${JOINS}
      ORDER BY ${order}`,
  ).all(...w.args, q.offset) as PaymentRow[];
  const totals = fromTotals(q) ?? w;
  const totalsSql = totals === w ? `SELECT count(*) AS n, coalesce(sum(${SIGNED}), 0) AS fen\nFROM payments p` : TOTALS;
  const t = prep(db, `${totalsSql}\n${totals.sql}`).get(...totals.args) as { n: number; fen: number };
  if (!q.distinct) return { rows, total: t.n, sumFen: t.fen };
  const d = prep(
    db,
    `SELECT count(DISTINCT p.person_id) AS persons, count(DISTINCT p.household_id) AS households
      FROM payments p
     ${w.sql}`,
  ).get(...w.args) as { persons: number; households: number };
  return { rows, total: t.n, sumFen: t.fen, ...d };
}

/** signed_fen spelled out: read from the covering indexes without computing the generated column (measured faster). */
const SIGNED = 'CASE WHEN p.reverses_id IS NULL THEN p.amount_fen ELSE -p.amount_fen END';

const TOTALS = 'SELECT coalesce(sum(t.n), 0) AS n, coalesce(sum(t.fen), 0) AS fen\nFROM payment_totals t';

/** The WHERE on payment_totals (TOTALS), when the filter is one that table can answer (period, kind, area, method). */
function fromTotals(q: Filters): Where | null {
  if (q.householdId || q.applicationId || q.batchId || q.reversed === 'standing' || q.reversed === 'reversed')
    return null;
  const w = new Where();
  if (q.kindCode)
    w.add('t.kind_code IN (SELECT code FROM relief_kinds WHERE code = ? OR parent_code = ?)', q.kindCode, q.kindCode);
  if (q.areaId) w.add('t.area_id = ?', q.areaId);
  if (q.month) w.add('t.month = ?', q.month);
  if (q.year) w.add('t.month BETWEEN ? AND ?', `${q.year}-01`, `${q.year}-12`);
  if (q.method) w.add('t.method = ?', q.method);
  if (q.reversed === 'reversal') w.add('t.reversal = 1');
  if (q.reversed === 'payments') w.add('t.reversal = 0');
  return w;
}

type SheetRow = PaymentRow & { idNumber: string };

/** Every row the filter leaves (the print's only up to its limit), in the grid's order, the ID masked. */
function sheetRows(db: DB, q: Omit<Filters, 'offset' | 'limit'>, max?: number): SheetRow[] {
  const w = where(db, q);
  const order = orderBy(SORT, q.sort, 'p.paid_on DESC, p.id DESC', 'p.id');
  return prep(
    db,
    `SELECT ${COLUMNS}, ${MASKED_ID('pe.id_number')} AS idNumber
      FROM payments p
     ${JOINS}
     ${w.sql}
      ORDER BY ${order}${max ? `\n      LIMIT ${max}` : ''}`,
  ).all(...w.args) as SheetRow[];
}

const SHEET: Column<SheetRow>[] = [
  ['发放日期', 12, (r) => r.paidOn],
  ['受理编号', 16, (r) => r.acceptanceNo],
  ['姓名', 10, (r) => r.personName],
  ['身份证号', 22, (r) => r.idNumber],
  ['村/社区', 12, (r) => r.area],
  ['救助类别', 14, (r) => r.kind],
  ['金额（元）', 12, (r) => r.signedFen, 'yuan'],
  ['方式', 8, (r) => METHODS[r.method]],
  ['账号', 12, (r) => r.accountTail],
  ['花名册', 14, (r) => r.batchNo],
  ['所属月份', 10, (r) => r.forMonth],
  ['冲正', 10, (r) => (r.reversesId ? `冲正第 ${r.reversesId} 笔` : r.reversedBy ? '已被冲正' : null)],
  ['经办人', 10, (r) => r.postedBy],
];

const REVERSED = {
  payments: '发放（不含冲正）',
  standing: '未冲正的发放',
  reversed: '已被冲正的发放',
  reversal: '冲正',
};

function sheetFilter(db: DB, q: Omit<Filters, 'offset' | 'limit'>): string {
  const words: FilterWords = {
    kindCode: ['救助类别', nameOf(db, 'kind')],
    areaId: ['村/社区', nameOf(db, 'area')],
    month: ['月份'],
    year: ['年度'],
    method: ['方式', (m: keyof typeof METHODS) => METHODS[m]],
    reversed: ['冲正', (r: keyof typeof REVERSED) => REVERSED[r]],
    householdId: ['户', nameOf(db, 'household')],
    applicationId: ['申请编号'],
    batchId: ['花名册编号'],
  };
  return filterText(q, words);
}

export function casePayments(db: DB, applicationId: number): CasePayments {
  const a = prep(
    db,
    `SELECT a.id, a.approved_fen AS approvedFen, k.recurrence
      FROM applications a
      JOIN relief_kinds k ON k.code = a.kind_code
      WHERE a.id = ?`,
  ).get(applicationId) as { id: number; approvedFen: number | null; recurrence: 'one_off' | 'monthly' } | undefined;
  if (!a) throw new AppError('NOT_FOUND', '找不到这个申请');
  const payments = prep(db, `SELECT ${COLUMNS} FROM payments p ${JOINS} WHERE p.application_id = ? ORDER BY p.id`).all(
    applicationId,
  ) as PaymentRow[];
  const paidFen = payments.reduce((s, p) => s + p.signedFen, 0);
  const entitlement = prep(
    db,
    `SELECT id, monthly_fen AS monthlyFen, start_month AS startMonth, end_month AS endMonth
      FROM entitlements
      WHERE application_id = ?`,
  ).get(applicationId) as CasePayments['entitlement'] | undefined;
  return {
    applicationId,
    recurrence: a.recurrence,
    approvedFen: a.approvedFen,
    paidFen,
    remainingFen: a.recurrence === 'one_off' && a.approvedFen ? Math.max(0, a.approvedFen - paidFen) : 0,
    entitlement: entitlement ?? null,
    payments,
  };
}

/** Every posted batch's stored count and total against SQL over its payments (reversals are not counted). */
export function checkLedger(db: DB): LedgerCheck {
  const batches = (
    prep(
      db,
      `SELECT b.id, b.batch_no AS batchNo, b.month, b.row_count AS storedCount, b.total_fen AS storedFen,
              count(p.id) AS ledgerCount, coalesce(sum(p.amount_fen), 0) AS ledgerFen
        FROM payroll_batches b
        LEFT JOIN payments p ON p.batch_id = b.id AND p.reverses_id IS NULL
        WHERE b.state = 'posted'
        GROUP BY b.id
        ORDER BY b.id DESC`,
    ).all() as Omit<LedgerCheck['batches'][number], 'ok'>[]
  ).map((b) => ({ ...b, ok: b.storedCount === b.ledgerCount && b.storedFen === b.ledgerFen }));
  const overpaid = prep(
    db,
    `SELECT a.id AS applicationId, a.acceptance_no AS acceptanceNo, a.approved_fen AS approvedFen,
        sum(p.signed_fen) AS paidFen
      FROM payments p
      JOIN applications a ON a.id = p.application_id
      JOIN relief_kinds k ON k.code = a.kind_code
      WHERE k.recurrence = 'one_off'
      GROUP BY a.id
      HAVING sum(p.signed_fen) > a.approved_fen`,
  ).all() as LedgerCheck['overpaid'];
  // The stored totals (payment_totals, annual_totals) against the same figures counted over the payments.
  const totalsOff =
    linesOff(
      db,
      'payment_totals',
      `SELECT substr(paid_on, 1, 7), kind_code, area_id, method, reverses_id IS NOT NULL, count(*), sum(signed_fen)
        FROM payments
        GROUP BY 1, 2, 3, 4, 5`,
    ) + linesOff(db, 'annual_totals', 'SELECT * FROM annual_totals_counted');
  return { batches, overpaid, totalsOff, ok: batches.every((b) => b.ok) && overpaid.length === 0 && totalsOff === 0 };
}

/** Lines of a stored table missing from the counted ones plus counted lines missing from the table. */
function linesOff(db: DB, table: string, counted: string): number {
  return (
    prep(
      db,
      `WITH g AS (${counted})
       SELECT (SELECT count(*) FROM (SELECT * FROM g EXCEPT SELECT * FROM ${table}))
         + (SELECT count(*) FROM (SELECT * FROM ${table} EXCEPT SELECT * FROM g)) AS n`,
    ).get() as { n: number }
  ).n;
}

export const paymentListHandlers = {
  'payments.get': (ctx, input) => paymentDetail(ctx.db, input.id),
  'payments.list': (ctx, input) => listPayments(ctx.db, input),
  'payments.ofCase': (ctx, input) => casePayments(ctx.db, input.applicationId),
  'payments.check': (ctx) => checkLedger(ctx.db),
  'payments.xlsx': async (ctx, input) =>
    listSheet(ctx, '发放记录', SHEET, sheetRows(ctx.db, input), input, sheetFilter(ctx.db, input)),
  'payments.print': (ctx, input) => {
    const rows = sheetRows(ctx.db, input, PRINT_MAX);
    const total = countOf(ctx.db, 'FROM payments p', where(ctx.db, input));
    return listPrint(ctx, '发放记录', SHEET, rows, input, sheetFilter(ctx.db, input), total);
  },
} satisfies Partial<Handlers>;
