// A year's figures of a register (wishes, suggestions): each figure is one SQL condition, the same one the grid
// filters by when the report opens it, counted overall and by category, area and month of collection.
import type { FigureLine } from '../../shared/schemas/service';
import { type DB, prep } from '../db/open';
import { type Arg, Where } from './paging';

export interface Cond {
  sql: string;
  args: Arg[];
}

export interface Register<F extends string> {
  /** `wishes w`: the table and the alias the conditions use. */
  table: string;
  /** Each figure's condition, for rows already limited to the year. */
  figures: (today: string) => Record<F, Cond>;
}

/** The rows of a year: collected in it and not withdrawn (a withdrawn entry was never a real one). */
export const collectedIn = (alias: string, year: number): Cond => ({
  sql: `${alias}.collected_on BETWEEN ? AND ? AND ${alias}.status <> 'withdrawn'`,
  args: [`${year}-01-01`, `${year}-12-31`],
});

/** The grid's WHERE for a figure of the report: the year, the figure, and a month of collection if one was opened. */
export function figureWhere<F extends string>(
  reg: Register<F>,
  where: Where,
  q: { year?: number; figure?: F; month?: string },
  today: string,
): void {
  const alias = reg.table.split(' ')[1];
  if (q.year) {
    const c = collectedIn(alias, q.year);
    where.add(c.sql, ...c.args);
  }
  if (q.figure) {
    const c = reg.figures(today)[q.figure];
    where.add(`(${c.sql})`, ...c.args);
  }
  if (q.month) where.add(`substr(${alias}.collected_on, 1, 7) = ?`, q.month);
}

/**
 * The year's figures: the total line and one line per category, area and month that has any, and the average days
 * from collection to `daysTo` when the register has one. The year's rows are read once (a materialized CTE of their
 * figure flags) and counted four ways; `list` is the pick list that orders the categories.
 */
export function yearFigures<F extends string>(
  db: DB,
  reg: Register<F> & { daysTo?: string },
  year: number,
  today: string,
  list: string,
) {
  const a = reg.table.split(' ')[1];
  const conds = Object.entries(reg.figures(today)) as [F, Cond][];
  const inYear = collectedIn(a, year);
  const sums = conds.map(([f]) => `coalesce(sum("${f}"), 0) AS "${f}"`).join(', ');
  const line = (dim: string, key: string, group: string) => `SELECT '${dim}' AS dim, ${key} AS key, ${sums}
      FROM y
      ${group}`;
  const days = reg.daysTo ? `julianday(${reg.daysTo}) - julianday(${a}.collected_on)` : 'NULL';
  const rows = prep(
    db,
    `WITH y AS MATERIALIZED (
      SELECT ${a}.category, ${a}.area_id AS areaId, substr(${a}.collected_on, 1, 7) AS month, ${days} AS days,
        ${conds.map(([f, c]) => `(${c.sql}) AS "${f}"`).join(', ')}
      FROM ${reg.table}
      WHERE ${inYear.sql}
    )
    ${line('total', "''", '')}
    UNION ALL
    ${line('category', 'category', 'GROUP BY category')}
    UNION ALL
    ${line('area', 'CAST(areaId AS TEXT)', 'GROUP BY areaId')}
    UNION ALL
    ${line('month', 'month', 'GROUP BY month')}
    UNION ALL
    SELECT 'days', round(avg(days), 1), ${sums}
      FROM y`,
  ).all(...conds.flatMap(([, c]) => c.args), ...inYear.args) as (FigureLine<F> & { dim: string })[];
  // Labels and order: areas and categories as their admin lists order them (a category off the list sorts last).
  const areas = prep(db, 'SELECT id, name FROM areas ORDER BY sort_order, id').all() as { id: number; name: string }[];
  const order = prep(
    db,
    `SELECT name
      FROM choices
      WHERE list = ?
      ORDER BY sort_order`,
  ).all(list) as { name: string }[];
  const areaKeys = areas.map((x) => String(x.id));
  const names = order.map((o) => o.name);
  const rank = (keys: string[], k: string) => (keys.includes(k) ? keys.indexOf(k) : keys.length);
  const of = (dim: string) => rows.filter((r) => r.dim === dim).map(({ dim: _, ...l }) => l as FigureLine<F>);
  const byArea = of('area')
    .map((l) => ({ ...l, label: areas.find((x) => String(x.id) === l.key)?.name ?? l.key }))
    .sort((x, y) => rank(areaKeys, x.key) - rank(areaKeys, y.key));
  const byCategory = of('category')
    .map((l) => ({ ...l, label: l.key }))
    .sort((x, y) => rank(names, x.key) - rank(names, y.key) || x.key.localeCompare(y.key));
  const dayLine = rows.find((r) => r.dim === 'days')!;
  return {
    total: { ...of('total')[0], label: '合计' },
    byCategory,
    byArea,
    byMonth: of('month').map((l) => ({ ...l, label: l.key })),
    avgDays: dayLine.key === null ? null : Number(dayLine.key),
  };
}
