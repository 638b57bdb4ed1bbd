// The reads of payroll batches (发放批次): a batch's row, its lines, and its signed roster. The batch's steps
// (payroll.ts) and its bank files (bankFiles.ts) both read through here, so neither imports the other.
import type { z } from 'zod';

import { AppError } from '../../shared/domain/result';
import type { Page } from '../../shared/schemas/common';
import type { BatchLine, BatchRow, batchRowsInput, Roster } from '../../shared/schemas/payments';
import { MASKED_ID } from '../core/idLookups';
import { page, Where } from '../core/paging';
import { type DB, prep } from '../db/open';

/** A payment for (entitlement, month) that stands: not a reversal and not reversed. */
export const STANDING = (
  ent: string,
  month: string,
) => `EXISTS (SELECT 1 FROM payments sp WHERE sp.entitlement_id = ${ent} AND sp.for_month = ${month}
  AND sp.reverses_id IS NULL AND NOT EXISTS (SELECT 1 FROM payments sr WHERE sr.reverses_id = sp.id))`;
const INCLUDED = 'r.batch_id = b.id AND r.excluded_reason IS NULL';

export const BATCH = `SELECT b.id, b.batch_no AS batchNo, b.month, k.name AS kind, b.state,
  coalesce(b.row_count, (SELECT count(*) FROM payroll_rows r WHERE ${INCLUDED})) AS rowCount,
  coalesce(b.total_fen, (SELECT coalesce(sum(r.amount_fen), 0) FROM payroll_rows r WHERE ${INCLUDED})) AS totalFen,
  (SELECT count(*) FROM payroll_rows r WHERE r.batch_id = b.id AND r.excluded_reason IS NOT NULL) AS excludedCount,
  m.display_name AS madeBy, b.made_at AS madeAt, ap.display_name AS approvedBy, b.paid_on AS paidOn
  FROM payroll_batches b
  LEFT JOIN relief_kinds k ON k.code = b.kind_code
  JOIN staff m ON m.id = b.made_by
  LEFT JOIN staff ap ON ap.id = b.approved_by`;

export function batchRow(db: DB, id: number): BatchRow {
  const b = prep(db, `${BATCH} WHERE b.id = ?`).get(id) as BatchRow | undefined;
  if (!b) throw new AppError('NOT_FOUND', `找不到发放批次 ${id}`);
  return b;
}

const LINE = `SELECT r.seq, r.entitlement_id AS entitlementId, r.for_month AS forMonth, ar.name AS area,
  pe.name AS personName, ${MASKED_ID('pe.id_number')} AS idNumber, k.name AS kind, r.amount_fen AS amountFen,
  substr(r.account, -4) AS accountTail, r.excluded_reason AS excludedReason, p.id AS paymentId,
  br.status AS bankStatus, EXISTS (SELECT 1 FROM payments x WHERE x.reverses_id = p.id) AS reversed
  FROM payroll_rows r
  JOIN payroll_batches b ON b.id = r.batch_id
  JOIN entitlements e ON e.id = r.entitlement_id
  JOIN applications a ON a.id = e.application_id
  JOIN persons pe ON pe.id = a.person_id
  JOIN households h ON h.id = a.household_id
  JOIN areas ar ON ar.id = h.area_id
  JOIN relief_kinds k ON k.code = a.kind_code
  LEFT JOIN payments p ON p.batch_id = r.batch_id AND p.entitlement_id = r.entitlement_id
  AND p.for_month = r.for_month AND p.reverses_id IS NULL
  LEFT JOIN bank_results br ON br.payment_id = p.id`;

type LineRecord = Omit<BatchLine, 'reversed'> & { reversed: number };
const toLine = (l: LineRecord): BatchLine => ({ ...l, reversed: l.reversed === 1 });

export function batchLines(db: DB, q: z.output<typeof batchRowsInput>): Page<BatchLine> {
  const where = new Where().add('r.batch_id = ?', q.batchId);
  if (q.areaId) where.add('h.area_id = ?', q.areaId);
  const found = page<LineRecord>(db, q, {
    select: LINE,
    from: `FROM payroll_rows r
      JOIN entitlements e ON e.id = r.entitlement_id
      JOIN applications a ON a.id = e.application_id
      JOIN households h ON h.id = a.household_id`,
    where,
    order: 'r.seq',
  });
  return { rows: found.rows.map(toLine), total: found.total };
}

/** The roster is a document: all the rows to pay of one batch (or of one area in it), in roster order. */
export function roster(db: DB, id: number, areaId?: number): Roster {
  const batch = batchRow(db, id);
  if (batch.state === 'cancelled') throw new AppError('CONFLICT', '批次已作废，没有花名册');
  const rows = (
    prep(
      db,
      `${LINE} WHERE r.batch_id = ? AND r.excluded_reason IS NULL AND (? IS NULL OR h.area_id = ?) ORDER BY r.seq`,
    ).all(id, areaId ?? null, areaId ?? null) as LineRecord[]
  ).map(toLine);
  const area = areaId
    ? ((prep(db, 'SELECT name FROM areas WHERE id = ?').get(areaId) as { name: string } | undefined)?.name ?? null)
    : null;
  return { batch, area, rows };
}
