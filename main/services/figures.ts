// A year's figures of a register (wishes, suggestions): each figure is one SQL condition, the same one the grid
// filters by when the report opens it, counted overall and by category, area and month of collection.
import type { FigureDimension } from '../../shared/domain/service';
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

interface Group {
  key: string;
  label: string;
  join: string;
  order: string;
}

/** How each breakdown groups: categories in the pick list's order (one taken off the list sorts last). */
const GROUPS: Record<FigureDimension, (a: string, list: string) => Group> = {
  category: (a, list) => ({
    key: `${a}.category`,
    label: `${a}.category`,
    join: `LEFT JOIN choices ch ON ch.list = '${list}' AND ch.name = ${a}.category`,
    order: 'coalesce(min(ch.sort_order), 99), key',
  }),
  area: (a) => ({
    key: `CAST(${a}.area_id AS TEXT)`,
    label: 'min(ar.name)',
    join: `JOIN areas ar ON ar.id = ${a}.area_id`,
    order: 'min(ar.sort_order), min(ar.id)',
  }),
  month: (a) => ({
    key: `substr(${a}.collected_on, 1, 7)`,
    label: `substr(${a}.collected_on, 1, 7)`,
    join: '',
    order: 'key',
  }),
};
const TOTAL: Group = { key: "''", label: "'合计'", join: '', order: 'key' };

/**
 * The year's figures: the total line and one line per category, area and month that has any. `list` is the pick
 * list of the register's categories.
 */
export function yearFigures<F extends string>(db: DB, reg: Register<F>, year: number, today: string, list: string) {
  const alias = reg.table.split(' ')[1];
  const conds = Object.entries(reg.figures(today)) as [F, Cond][];
  const inYear = collectedIn(alias, year);
  const lines = (dim: FigureDimension | null): FigureLine<F>[] => {
    const g = dim ? GROUPS[dim](alias, list) : TOTAL;
    const sums = conds.map(([f, c]) => `coalesce(sum(CASE WHEN ${c.sql} THEN 1 ELSE 0 END), 0) AS "${f}"`);
    const sql = `SELECT ${g.key} AS key, ${g.label} AS label, ${sums.join(', ')}
      FROM ${reg.table}
      ${g.join}
      WHERE ${inYear.sql}
      ${dim ? 'GROUP BY key' : ''}
      ORDER BY ${g.order}`;
    return prep(db, sql).all(...conds.flatMap(([, c]) => c.args), ...inYear.args) as FigureLine<F>[];
  };
  const [total] = lines(null);
  return { total, byCategory: lines('category'), byArea: lines('area'), byMonth: lines('month') };
}
