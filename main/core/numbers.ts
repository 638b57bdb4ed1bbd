// Gapless business numbers per year (acceptance 2026-00017, later card and batch numbers). Drawn inside the
// transaction that uses the number: if it rolls back, so does the draw, and the next one gets the same number.
import { type DB, prep } from '../db/open';

export function nextNumber(db: DB, series: string, year: number): number {
  const r = prep(
    db,
    `INSERT INTO number_sequences (series, year, last)
      VALUES (?, ?, 1)
      ON CONFLICT (series, year) DO UPDATE
      SET last = last + 1
      RETURNING last`,
  ).get(series, year) as { last: number };
  return r.last;
}
