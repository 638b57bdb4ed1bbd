// 困难类别 (hardship categories): data seeded by 0002_registry.sql, listed for the forms and filters.
import { AppError } from '../../shared/domain/result';
import type { HardshipCategory } from '../../shared/schemas/registry';
import type { Handlers } from '../core/dispatch';
import { type DB, prep } from '../db/open';

export function categoryName(db: DB, code: string): string {
  const r = prep(db, 'SELECT name FROM hardship_categories WHERE code = ? AND active = 1').get(code) as
    { name: string } | undefined;
  if (!r) throw new AppError('VALIDATION', `未知的困难类别：${code}`, 'categories');
  return r.name;
}

export const categoryHandlers = {
  'categories.list': (ctx) =>
    prep(
      ctx.db,
      'SELECT code, name FROM hardship_categories WHERE active = 1 ORDER BY sort_order',
    ).all() as HardshipCategory[],
} satisfies Partial<Handlers>;
