// 走访周期 (visit cadence): how often a household of each hardship category is visited, edited by an admin.
import { AppError } from '../../shared/domain/result';
import type { Handlers } from '../core/dispatch';
import { prep } from '../db/open';
import { DEFAULT_CADENCE } from './visits';

export const cadenceHandlers = {
  'cadence.list': (ctx) =>
    prep(
      ctx.db,
      `SELECT c.code AS categoryCode, c.name, coalesce(v.every_months, ${DEFAULT_CADENCE}) AS everyMonths
        FROM hardship_categories c
        LEFT JOIN visit_cadence v ON v.category_code = c.code
        WHERE c.active = 1
        ORDER BY c.sort_order`,
    ).all() as {
      categoryCode: string;
      name: string;
      everyMonths: number;
    }[],

  'cadence.save': (ctx, input) => {
    if (!prep(ctx.db, 'SELECT 1 FROM hardship_categories WHERE code = ?').get(input.categoryCode))
      throw new AppError('VALIDATION', '没有这个困难类别', 'categoryCode');
    const before = prep(ctx.db, 'SELECT every_months AS m FROM visit_cadence WHERE category_code = ?').get(
      input.categoryCode,
    ) as { m: number } | undefined;
    prep(
      ctx.db,
      `INSERT INTO visit_cadence (category_code, every_months)
        VALUES (?, ?)
        ON CONFLICT (category_code) DO UPDATE
        SET every_months = excluded.every_months`,
    ).run(input.categoryCode, input.everyMonths);
    ctx.audit('visitCadence', input.categoryCode, before ? { everyMonths: before.m } : null, {
      everyMonths: input.everyMonths,
    });
    return input;
  },
} satisfies Partial<Handlers>;
