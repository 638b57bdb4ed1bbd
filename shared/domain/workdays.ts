// The working-day clock behind every deadline: weekends are off, listed holidays are off, and make-up working days
// (调休上班, often a Saturday or Sunday) are on. Dates are YYYY-MM-DD in China time.

export interface Calendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

function addDays(day: string, n: number): string {
  const t = new Date(`${day}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

export function isWorkingDay(day: string, cal: Calendar): boolean {
  if (cal.workdays.has(day)) return true;
  if (cal.holidays.has(day)) return false;
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** The Nth working day after `day` (the day itself does not count). */
export function addWorkingDays(day: string, n: number, cal: Calendar): string {
  let d = day;
  for (let left = n; left > 0;) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cal)) left--;
  }
  return d;
}

/** Working days after `from` up to and including `to`; negative when `to` is before `from` (overdue). */
export function workingDaysBetween(from: string, to: string, cal: Calendar): number {
  if (to === from) return 0;
  const [a, b, sign] = to > from ? [from, to, 1] : [to, from, -1];
  let n = 0;
  for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (isWorkingDay(d, cal)) n++;
  return sign * n;
}

export { addDays };
