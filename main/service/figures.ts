// A year's figures of a register (wishes, suggestions, disputes): each figure is one SQL condition, the same one the
// grid filters by when the report opens it, counted overall and by category, area and month of its date (and by
// person where the register has people, as disputes have mediators). A figure that sums a value (persons, fen) has
// the value as its condition: the grid it opens holds the rows where it is not zero, whose sum is the figure.
import type { FigureLine } from '../../shared/schemas/service';
import { type Arg, Where } from '../core/paging';
import { type DB, prep } from '../db/open';

export interface Cond {
  sql: string;
  args: Arg[];
}

export interface Register<F extends string> {
  /** `wishes w`: the table and the alias the conditions use. */
  table: string;
  /** The date that puts a row in a year and a month (default collected_on), and its category's column. */
  dated?: string;
  category?: string;
  /** Each figure's condition, for rows already limited to the year. */
  figures: (today: string) => Record<F, Cond>;
  /** People a row is counted for, each once (a dispute's mediators): the join from the row and the person's id. */
  people?: { join: string; key: string; names: string };
}

const aliasOf = <F extends string>(reg: Register<F>) => reg.table.split(' ')[1];
const datedOf = <F extends string>(reg: Register<F>) => `${aliasOf(reg)}.${reg.dated ?? 'collected_on'}`;

/** The rows of a year: dated in it and not withdrawn (a withdrawn entry was never a real one). */
export const inYear = <F extends string>(reg: Register<F>, year: number): Cond => ({
  sql: `${datedOf(reg)} BETWEEN ? AND ? AND ${aliasOf(reg)}.status <> 'withdrawn'`,
  args: [`${year}-01-01`, `${year}-12-31`],
});

/** The grid's WHERE for a figure of the report: the year, the figure, and a month of collection if one was opened. */
export function figureWhere<F extends string>(
  reg: Register<F>,
  where: Where,
  q: { year?: number; figure?: F; month?: string },
  today: string,
): void {
  if (q.year) {
    const c = inYear(reg, q.year);
    where.add(c.sql, ...c.args);
  }
  if (q.figure) {
    const c = reg.figures(today)[q.figure];
    where.add(`(${c.sql})`, ...c.args);
  }
  if (q.month) where.add(`substr(${datedOf(reg)}, 1, 7) = ?`, q.month);
}

/**
 * The year's figures: the total line and one line per category, area, month (and person) that has any, and the
 * average days from its date to `daysTo` when the register has one. The year's rows are read once (a materialized
 * CTE of their figure values) and counted each way; `list` is the pick list that orders the categories.
 */
export function yearFigures<F extends string>(
  db: DB,
  reg: Register<F> & { daysTo?: string },
  year: number,
  today: string,
  list: string,
) {
  const a = aliasOf(reg);
  const conds = Object.entries(reg.figures(today)) as [F, Cond][];
  const yearCond = inYear(reg, year);
  const sums = conds.map(([f]) => `coalesce(sum("${f}"), 0) AS "${f}"`).join(', ');
  const line = (dim: string, key: string, group: string) => `SELECT '${dim}' AS dim, ${key} AS key, ${sums}
      FROM y
      ${group}`;
  const days = reg.daysTo ? `julianday(${reg.daysTo}) - julianday(${datedOf(reg)})` : 'NULL';
  const people = reg.people
    ? `UNION ALL
    ${line('person', `CAST(${reg.people.key} AS TEXT)`, `${reg.people.join}\n      GROUP BY ${reg.people.key}`)}`
    : '';
  const rows = prep(
    db,
    `WITH y AS MATERIALIZED (
      SELECT ${a}.id, ${a}.${reg.category ?? 'category'} AS category, ${a}.area_id AS areaId,
        substr(${datedOf(reg)}, 1, 7) AS month, ${days} AS days,
        ${conds.map(([f, c]) => `(${c.sql}) AS "${f}"`).join(', ')}
      FROM ${reg.table}
      WHERE ${yearCond.sql}
    )
    ${line('total', "''", '')}
    UNION ALL
    ${line('category', 'category', 'GROUP BY category')}
    UNION ALL
    ${line('area', 'CAST(areaId AS TEXT)', 'GROUP BY areaId')}
    UNION ALL
    ${line('month', 'month', 'GROUP BY month')}
    ${people}
    UNION ALL
    SELECT 'days', round(avg(days), 1), ${sums}
      FROM y`,
  ).all(...conds.flatMap(([, c]) => c.args), ...yearCond.args) as (FigureLine<F> & { dim: string })[];
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
  const personNames = reg.people
    ? new Map((prep(db, reg.people.names).all() as { id: number; name: string }[]).map((x) => [String(x.id), x.name]))
    : null;
  const byPerson = of('person')
    .map((l) => ({ ...l, label: personNames?.get(l.key) ?? l.key }))
    .sort((x, y) => x.label.localeCompare(y.label, 'zh-CN'));
  const dayLine = rows.find((r) => r.dim === 'days')!;
  return {
    total: { ...of('total')[0], label: '合计' },
    byCategory,
    byArea,
    byMonth: of('month').map((l) => ({ ...l, label: l.key })),
    ...(reg.people ? { byPerson } : {}),
    avgDays: dayLine.key === null ? null : Number(dayLine.key),
  };
}
