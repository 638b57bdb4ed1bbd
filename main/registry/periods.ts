// A dated period — a household's hardship category, a cadre's pairing — ends once, on a day from its start to today.
// It is never deleted, so the history stays.
import { AppError } from '../../shared/domain/result';
import type { Arg } from '../core/paging';
import { type DB, prep } from '../db/open';

export interface PeriodEnd {
  table: 'household_categories' | 'pairings';
  id: number;
  toDate: string;
  today: string;
  /** What the clerk calls the row and its start: 这条困难类别记录 / 开始日期, 这个结对 / 结对日期. */
  noun: string;
  startLabel: string;
  /** Columns written with the end date (a pairing's reason). */
  also?: Record<string, Arg>;
}

/** Ends the period and answers the household it belongs to. */
export function endPeriod(db: DB, e: PeriodEnd): { householdId: number } {
  const row = prep(
    db,
    `SELECT household_id AS householdId, from_date AS fromDate, to_date AS toDate
      FROM ${e.table}
      WHERE id = ?`,
  ).get(e.id) as { householdId: number; fromDate: string; toDate: string | null } | undefined;
  if (!row) throw new AppError('NOT_FOUND', `找不到${e.noun}`);
  if (row.toDate) throw new AppError('CONFLICT', `${e.noun}已于 ${row.toDate} 结束`);
  if (e.toDate < row.fromDate)
    throw new AppError('VALIDATION', `结束日期不能早于${e.startLabel} ${row.fromDate}`, 'toDate');
  if (e.toDate > e.today) throw new AppError('VALIDATION', '结束日期不能晚于今天', 'toDate');
  const also = Object.keys(e.also ?? {});
  prep(db, `UPDATE ${e.table} SET ${['to_date', ...also].map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(
    e.toDate,
    ...Object.values(e.also ?? {}),
    e.id,
  );
  return { householdId: row.householdId };
}

/** A pairing `p` running at some time in a year: the annual report counts its cadres and households. */
export const pairedDuring = {
  sql: 'p.from_date <= ? AND (p.to_date IS NULL OR p.to_date >= ?)',
  args: (year: number) => [`${year}-12-31`, `${year}-01-01`],
};
