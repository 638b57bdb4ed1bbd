// "Today" in the renderer is the ledger's day, which main sends with every session state: never the browser's own
// clock, so defaults, month lists and printed dates follow the one clock the ledger was opened with.
import dayjs, { type Dayjs } from 'dayjs';

let ledgerDay = '';

export function setLedgerDay(day: string): void {
  ledgerDay = day;
}

export function today(): Dayjs {
  if (!ledgerDay) throw new Error('the ledger day is not known before the session state arrives');
  return dayjs(ledgerDay);
}

/** The last `n` years, this year first. */
export const recentYears = (n = 11): number[] => Array.from({ length: n }, (_, i) => today().year() - i);

/** YYYY-MM months from `from` to `to` months away from this one, in that order (e.g. 0 → -11: the last year). */
export function monthRange(from: number, to: number): string[] {
  const step = from <= to ? 1 : -1;
  return Array.from({ length: Math.abs(to - from) + 1 }, (_, i) =>
    today()
      .add(from + i * step, 'month')
      .format('YYYY-MM'),
  );
}

/** The ledger's day as YYYY-MM-DD, for the shared rules that compare days as text. */
export const todayText = (): string => today().format('YYYY-MM-DD');

/**
 * A DatePicker's `disabledDate` for the days main would refuse: before `from` or after `to` (YYYY-MM-DD; a missing
 * end is open). Main still checks every date; this only spares the clerk a refusal.
 */
export const outside =
  (from?: string | null, to?: string | null) =>
  (d: Dayjs): boolean => {
    const day = d.format('YYYY-MM-DD');
    return (!!from && day < from) || (!!to && day > to);
  };
