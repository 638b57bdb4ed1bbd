// Areas (村/社区), kept by an admin: the unit of every roll-up.
import { AppError } from '../../shared/domain/result';
import type { Area } from '../../shared/schemas/registry';
import type { Handlers } from '../core/dispatch';
import { type DB, prep } from '../db/open';

const AREA_SQL = 'SELECT id, name, sort_order AS sortOrder, active FROM areas';
const toArea = (r: { id: number; name: string; sortOrder: number; active: number }): Area => ({
  ...r,
  active: r.active === 1,
});

export function listAreas(db: DB): Area[] {
  return (prep(db, `${AREA_SQL} ORDER BY active DESC, sort_order, id`).all() as Parameters<typeof toArea>[0][]).map(
    toArea,
  );
}

export function insertArea(db: DB, name: string, sortOrder = 0): number {
  if (prep(db, 'SELECT 1 FROM areas WHERE name = ?').get(name))
    throw new AppError('CONFLICT', `已有名为“${name}”的村/社区`, 'name');
  return Number(prep(db, 'INSERT INTO areas (name, sort_order) VALUES (?, ?)').run(name, sortOrder).lastInsertRowid);
}

export const areaHandlers = {
  'areas.list': (ctx) => listAreas(ctx.db),
  'areas.save': (ctx, input) => {
    let id = input.id;
    const before = id
      ? (prep(ctx.db, `${AREA_SQL} WHERE id = ?`).get(id) as Parameters<typeof toArea>[0] | undefined)
      : null;
    if (id && !before) throw new AppError('NOT_FOUND', '找不到这个村/社区');
    if (id) {
      const clash = prep(ctx.db, 'SELECT 1 FROM areas WHERE name = ? AND id <> ?').get(input.name, id);
      if (clash) throw new AppError('CONFLICT', `已有名为“${input.name}”的村/社区`, 'name');
      prep(ctx.db, 'UPDATE areas SET name = ?, sort_order = ?, active = ? WHERE id = ?').run(
        input.name,
        input.sortOrder,
        input.active ? 1 : 0,
        id,
      );
    } else id = insertArea(ctx.db, input.name, input.sortOrder);
    const after = toArea(prep(ctx.db, `${AREA_SQL} WHERE id = ?`).get(id) as Parameters<typeof toArea>[0]);
    ctx.audit('area', id, before ? toArea(before) : null, after);
    return after;
  },
} satisfies Partial<Handlers>;
