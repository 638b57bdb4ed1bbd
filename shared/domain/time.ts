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
