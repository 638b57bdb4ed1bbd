// The holidays calendar (calendar_days) that the working-day clock reads; editable by an admin.
import { AppError } from '../../shared/domain/result';
import type { Calendar } from '../../shared/domain/workdays';
import type { Handlers } from '../core/dispatch';
import { type DB, prep } from '../db/open';

export function loadCalendar(db: DB): Calendar {
  const rows = prep(db, 'SELECT day, kind FROM calendar_days').all() as { day: string; kind: 'holiday' | 'workday' }[];
  return {
    holidays: new Set(rows.filter((r) => r.kind === 'holiday').map((r) => r.day)),
    workdays: new Set(rows.filter((r) => r.kind === 'workday').map((r) => r.day)),
  };
}

export const calendarHandlers = {
  'calendar.list': (ctx, input) =>
    prep(ctx.db, `SELECT day, kind FROM calendar_days WHERE day >= ? AND day < ? ORDER BY day`).all(
      `${input.year}-01-01`,
      `${input.year + 1}-01-01`,
    ) as {
      day: string;
      kind: 'holiday' | 'workday';
    }[],
  'calendar.set': (ctx, input) => {
    const before = prep(ctx.db, 'SELECT kind FROM calendar_days WHERE day = ?').get(input.day) as
      { kind: string } | undefined;
    if (input.kind === null) {
      if (!before) throw new AppError('NOT_FOUND', `${input.day} 不在节假日表中`, 'day');
      prep(ctx.db, 'DELETE FROM calendar_days WHERE day = ?').run(input.day);
    } else
      prep(
        ctx.db,
        'INSERT INTO calendar_days (day, kind) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET kind = excluded.kind',
      ).run(input.day, input.kind);
    ctx.audit('calendar', input.day, before ?? null, { kind: input.kind });
    return input;
  },
} satisfies Partial<Handlers>;
