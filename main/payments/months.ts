// 月度结账 (closed months): an admin closes a month so nothing is posted or reversed in it; reopening needs a reason.
import { AppError } from '../../shared/domain/result';
import { dateCn, isoCn, monthOf } from '../../shared/domain/time';
import type { Handlers } from '../core/dispatch';
import { prep } from '../db/open';

export const monthHandlers = {
  'months.list': (ctx) =>
    prep(
      ctx.db,
      `SELECT m.month, s.display_name AS closedBy, m.closed_at AS closedAt
        FROM closed_months m
        JOIN staff s ON s.id = m.closed_by
        ORDER BY m.month DESC`,
    ).all() as {
      month: string;
      closedBy: string;
      closedAt: string;
    }[],

  'months.close': (ctx, input) => {
    if (input.month > monthOf(dateCn(ctx.now))) throw new AppError('VALIDATION', '不能结账未来的月份', 'month');
    if (prep(ctx.db, 'SELECT 1 FROM closed_months WHERE month = ?').get(input.month))
      throw new AppError('CONFLICT', `${input.month} 已经结账`, 'month');
    prep(ctx.db, 'INSERT INTO closed_months (month, closed_by, closed_at) VALUES (?, ?, ?)').run(
      input.month,
      ctx.session.staff!.id,
      isoCn(ctx.now),
    );
    ctx.audit('closedMonth', input.month, null, { closed: true });
    return { month: input.month };
  },

  'months.reopen': (ctx, input) => {
    if (prep(ctx.db, 'DELETE FROM closed_months WHERE month = ?').run(input.month).changes === 0)
      throw new AppError('CONFLICT', `${input.month} 没有结账，无需反结账`, 'month');
    ctx.audit('closedMonth', input.month, { closed: true }, { closed: false, reason: input.reason });
    return { month: input.month };
  },
} satisfies Partial<Handlers>;
