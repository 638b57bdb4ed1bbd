// The ledger keeps China time: dates as YYYY-MM-DD, timestamps as ISO 8601 with +08:00.
const CN_OFFSET_MS = 8 * 3600_000;

function shifted(at: Date): string {
  return new Date(at.getTime() + CN_OFFSET_MS).toISOString();
}

/** 2026-11-23T14:05:09.123+08:00 */
export function isoCn(at: Date): string {
  return shifted(at).replace('Z', '+08:00');
}

/** 2026-11-23 */
export function dateCn(at: Date): string {
  return shifted(at).slice(0, 10);
}

/** 2026-11-23T140509 — sortable and safe in a file name. */
export function stampCn(at: Date): string {
  return shifted(at).slice(0, 19).replace(/:/g, '');
}

/** '2026-11-23' → '2026-11' */
export const monthOf = (day: string): string => day.slice(0, 7);

/** '2026-11' → '2026年11月' */
export const monthCn = (month: string): string => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/** The month n months after (or before) a YYYY-MM month. */
export function addMonths(month: string, n: number): string {
  const i = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** 2026-03-05 → 2026年3月5日, as documents print a date. */
export const cnDay = (d: string): string =>
  `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
