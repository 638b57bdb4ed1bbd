// Visits (走访) by paired cadres: what was found, what was done, problems raised and later resolved, aid given.
// Each paired household is due a visit every N months by its categories (the shortest cadence applies).
import type { z } from 'zod';

import { fen } from '../../shared/domain/money';
import { VISIT_MODES } from '../../shared/domain/pairings';
import { AppError } from '../../shared/domain/result';
import { dateCn, isoCn } from '../../shared/domain/time';
import type { VisitDue, visitListInput, VisitRow } from '../../shared/schemas/pairings';
import type { Ctx, Handlers } from '../core/dispatch';
import { type Column, filterText, listPrint, listSheet, nameOf } from '../core/listSheet';
import { page, Where } from '../core/paging';
import { type DB, prep } from '../db/open';

/** Households not in a category with a cadence are visited every three months. */
export const DEFAULT_CADENCE = 3;

/**
 * The cadence rule, written once for now and for a day gone by (`asOf`, a named parameter such as `@day`, or null for
 * now): each household's shortest cadence among its categories open then, its last visit by then, and the day the
 * next visit is due (the last visit, or the pairing's start, plus the cadence).
 */
const cadenceJoins = (asOf: string | null) => `LEFT JOIN (
       SELECT hc.household_id, min(vc.every_months) AS m
       FROM household_categories hc
       JOIN visit_cadence vc ON vc.category_code = hc.category_code
       WHERE ${asOf ? `hc.from_date <= ${asOf} AND (hc.to_date IS NULL OR hc.to_date > ${asOf})` : 'hc.to_date IS NULL'}
       GROUP BY hc.household_id
     ) cad ON cad.household_id = p.household_id
      LEFT JOIN (
       SELECT household_id, max(visited_on) AS last
       FROM visits
       WHERE ${asOf ? `visited_on <= ${asOf}` : '1'}
       GROUP BY household_id
     ) v ON v.household_id = p.household_id`;
const DUE = `date(coalesce(v.last, p.from_date), '+' || coalesce(cad.m, ${DEFAULT_CADENCE}) || ' months')`;

/**
 * The next visit due for each current primary pairing: the last visit (or the pairing's start) plus the cadence.
 * Filtered to one cadre or household, or to overdue ones.
 */
export function dueVisits(
  db: DB,
  today: string,
  f: { cadreId?: number; cadreIds?: number[]; householdId?: number; overdueOnly?: boolean; limit?: number } = {},
): VisitDue[] {
  const where = new Where(`p.role = 'primary'`, 'p.to_date IS NULL', `h.status = 'registered'`);
  if (f.cadreId) where.add('p.cadre_id = ?', f.cadreId);
  if (f.cadreIds) where.add('p.cadre_id IN (SELECT value FROM json_each(?))', JSON.stringify(f.cadreIds));
  if (f.householdId) where.add('p.household_id = ?', f.householdId);
  if (f.overdueOnly) where.add(`${DUE} < ?`, today);
  return prep(
    db,
    `SELECT p.household_id AS householdId, h.head_name AS head, ar.name AS area, p.cadre_id AS cadreId,
       c.name AS cadreName, coalesce(cad.m, ${DEFAULT_CADENCE}) AS everyMonths, v.last AS lastVisit, ${DUE} AS dueOn,
       CAST(julianday(?) - julianday(${DUE}) AS INTEGER) AS overdueDays
      FROM pairings p
      JOIN households h ON h.id = p.household_id
      JOIN areas ar ON ar.id = h.area_id
      JOIN cadres c ON c.id = p.cadre_id
      ${cadenceJoins(null)}
     ${where.sql}
      ORDER BY dueOn, p.household_id
      LIMIT ${f.limit ?? 10_000}`,
  ).all(today, ...where.args) as VisitDue[];
}

/**
 * How the primary pairings stood on `day` against the cadence: how many households had a primary cadre that day, how
 * many of them were past their next visit's day, and by how many days the longest. dueVisits' rule read as of a
 * day (pairings, categories, the household's registration and its visits as they were then), so on today it counts
 * what dueVisits lists as overdue; the 年度工作总结 reads it on the year's last day once the year is over.
 */
export function behindCadence(db: DB, day: string): { paired: number; behind: number; longestDays: number } {
  return prep(
    db,
    `SELECT count(*) AS paired,
       coalesce(sum(due < @day), 0) AS behind,
       coalesce(max(CASE WHEN due < @day THEN CAST(julianday(@day) - julianday(due) AS INTEGER) END), 0) AS longestDays
      FROM (
       SELECT ${DUE} AS due
       FROM pairings p
       JOIN households h ON h.id = p.household_id
       ${cadenceJoins('@day')}
       WHERE p.role = 'primary'
         AND p.from_date <= @day
         AND (p.to_date IS NULL OR p.to_date > @day)
         AND h.created_at <= @day || 'T99'
         AND (h.exited_on IS NULL OR h.exited_on > @day)
     )`,
  ).get({ day }) as { paired: number; behind: number; longestDays: number };
}

/**
 * Nothing of a household's or a cadre's can begin before they were registered. A household is registered on the day
 * it was entered in the ledger (households.exit reads the same day); a cadre on the day entered in the register, or,
 * for a 在职党员, on the day they reported to the community (报到) when that came first.
 */
export function checkRegistered(
  db: DB,
  day: string,
  on: { householdId: number; cadreId: number },
  field: string,
  label: string,
): void {
  const h = prep(
    db,
    `SELECT substr(created_at, 1, 10) AS registeredOn
      FROM households
      WHERE id = ?`,
  ).get(on.householdId) as { registeredOn: string } | undefined;
  if (h && day < h.registeredOn)
    throw new AppError('VALIDATION', `${label}不能早于这一户的登记日期（${h.registeredOn}）`, field);
  const c = prep(
    db,
    `SELECT name, min(substr(created_at, 1, 10), coalesce(reported_on, '9999-12-31')) AS registeredOn
      FROM cadres
      WHERE id = ?`,
  ).get(on.cadreId) as { name: string; registeredOn: string } | undefined;
  if (c && day < c.registeredOn)
    throw new AppError('VALIDATION', `${label}不能早于${c.name}登记为服务人员的日期（${c.registeredOn}）`, field);
}

/** Visits `v` of a year: the annual report's 走访 and 帮扶物资. */
export const VISITED_IN = {
  sql: 'v.visited_on BETWEEN ? AND ?',
  args: (year: number) => [`${year}-01-01`, `${year}-12-31`],
};

type VisitRecord = Omit<VisitRow, 'problems' | 'aid' | 'aidFen'>;

const VISIT = `SELECT v.id, v.household_id AS householdId, h.head_name AS head, ar.name AS area, v.cadre_id AS cadreId,
  c.name AS cadreName, v.visited_on AS visitedOn, v.mode, v.findings, v.actions, s.display_name AS recordedBy
  FROM visits v
  JOIN households h ON h.id = v.household_id
  JOIN areas ar ON ar.id = h.area_id
  JOIN cadres c ON c.id = v.cadre_id
  JOIN staff s ON s.id = v.created_by`;

/** Problems and aid of a page of visits: two queries for the page, not two per visit. */
function withDetails(db: DB, visits: VisitRecord[]): VisitRow[] {
  const ids = JSON.stringify(visits.map((v) => v.id));
  const problems = prep(
    db,
    `SELECT visit_id AS visitId, id, description, status, resolved_on AS resolvedOn, resolution
      FROM visit_problems
      WHERE visit_id IN (SELECT value FROM json_each(?))
      ORDER BY id`,
  ).all(ids) as (VisitRow['problems'][number] & { visitId: number })[];
  const aid = prep(
    db,
    `SELECT visit_id AS visitId, item, quantity, unit, value_fen AS valueFen
      FROM visit_aid
      WHERE visit_id IN (SELECT value FROM json_each(?))
      ORDER BY id`,
  ).all(ids) as (VisitRow['aid'][number] & { visitId: number })[];
  return visits.map((v) => {
    const a = aid.filter((x) => x.visitId === v.id).map(({ visitId: _, ...x }) => x);
    return {
      ...v,
      problems: problems.filter((x) => x.visitId === v.id).map(({ visitId: _, ...x }) => x),
      aid: a,
      aidFen: a.reduce((s, x) => s + x.valueFen, 0),
    };
  });
}

type VisitFilters = Omit<z.output<typeof visitListInput>, 'offset' | 'limit'>;

function visitWhere(q: VisitFilters): Where {
  const where = new Where();
  if (q.householdId) where.add('v.household_id = ?', q.householdId);
  if (q.cadreId) where.add('v.cadre_id = ?', q.cadreId);
  if (q.year) where.add(VISITED_IN.sql, ...VISITED_IN.args(q.year));
  return where;
}

const VISIT_ORDER = 'v.visited_on DESC, v.id DESC';

/** Every visit the filters leave, in the grid's order, with its problems and aid. */
function sheetRows(db: DB, q: VisitFilters): VisitRow[] {
  const w = visitWhere(q);
  return withDetails(db, prep(db, `${VISIT}\n${w.sql}\nORDER BY ${VISIT_ORDER}`).all(...w.args) as VisitRecord[]);
}

const SHEET: Column<VisitRow>[] = [
  ['走访日期', 12, (r) => r.visitedOn],
  ['户主', 10, (r) => r.head],
  ['村/社区', 12, (r) => r.area],
  ['帮扶干部', 10, (r) => r.cadreName],
  ['方式', 6, (r) => VISIT_MODES[r.mode]],
  ['了解情况', 36, (r) => r.findings],
  ['帮扶措施', 30, (r) => r.actions],
  [
    '反映问题',
    30,
    (r) => r.problems.map((p) => `${p.description}（${p.status === 'resolved' ? '已解决' : '未解决'}）`).join('；'),
  ],
  ['帮扶物资', 24, (r) => r.aid.map((a) => `${a.item} ${a.quantity}${a.unit}`).join('、')],
  ['物资价值（元）', 12, (r) => r.aidFen || null, 'yuan'],
  ['登记人', 10, (r) => r.recordedBy],
];

const sheetFilter = (db: DB, q: VisitFilters) =>
  filterText(q, {
    householdId: ['户', nameOf(db, 'household')],
    cadreId: ['帮扶干部', nameOf(db, 'cadre')],
    year: ['年度'],
  });

function create(ctx: Ctx, input: Parameters<Handlers['visits.create']>[1]): number {
  const { db } = ctx;
  if (input.visitedOn > dateCn(ctx.now)) throw new AppError('VALIDATION', '走访日期不能晚于今天', 'visitedOn');
  checkRegistered(db, input.visitedOn, input, 'visitedOn', '走访日期');
  // The visiting cadre is (or was, on that day) paired with the household.
  const paired = prep(
    db,
    `SELECT 1
      FROM pairings
      WHERE household_id = ? AND cadre_id = ? AND from_date <= ? AND (to_date IS NULL OR to_date >= ?)`,
  ).get(input.householdId, input.cadreId, input.visitedOn, input.visitedOn);
  if (!paired) throw new AppError('VALIDATION', '走访日期当天，这名干部没有与这一户结对', 'cadreId');
  const aid = input.aid.map((a, i) => ({ ...a, fen: fen(a.value, `aid.${i}.value`) }));
  const at = isoCn(ctx.now);
  const id = Number(
    prep(
      db,
      `INSERT INTO visits (household_id, cadre_id, visited_on, mode, findings, actions, created_by, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      input.householdId,
      input.cadreId,
      input.visitedOn,
      input.mode,
      input.findings,
      input.actions,
      ctx.session.staff!.id,
      at,
    ).lastInsertRowid,
  );
  for (const p of input.problems)
    prep(db, 'INSERT INTO visit_problems (visit_id, description) VALUES (?, ?)').run(id, p.description);
  for (const a of aid)
    prep(db, 'INSERT INTO visit_aid (visit_id, item, quantity, unit, value_fen) VALUES (?, ?, ?, ?, ?)').run(
      id,
      a.item,
      a.quantity,
      a.unit,
      a.fen,
    );
  return id;
}

export const visitHandlers = {
  'visits.create': (ctx, input) => {
    const id = create(ctx, input);
    const [v] = withDetails(ctx.db, [prep(ctx.db, `${VISIT} WHERE v.id = ?`).get(id) as VisitRecord]);
    ctx.audit('visit', id, null, {
      householdId: v.householdId,
      cadreId: v.cadreId,
      visitedOn: v.visitedOn,
      problems: v.problems.length,
      aidFen: v.aidFen,
    });
    return v;
  },

  'visits.list': (ctx, q) => {
    const where = visitWhere(q);
    const found = page<VisitRecord>(ctx.db, q, {
      select: VISIT,
      from: 'FROM visits v',
      where,
      order: VISIT_ORDER,
    });
    // The aid given on these visits, for the grid's footer (the report's 帮扶物资 opens this list).
    const { aidFen } = prep(
      ctx.db,
      `SELECT coalesce(sum(a.value_fen), 0) AS aidFen
        FROM visit_aid a
        JOIN visits v ON v.id = a.visit_id
       ${where.sql}`,
    ).get(...where.args) as { aidFen: number };
    return { rows: withDetails(ctx.db, found.rows), total: found.total, aidFen };
  },

  'visits.xlsx': async (ctx, q) => listSheet(ctx, '走访记录', SHEET, sheetRows(ctx.db, q), q, sheetFilter(ctx.db, q)),
  'visits.print': (ctx, q) => listPrint(ctx, '走访记录', SHEET, sheetRows(ctx.db, q), q, sheetFilter(ctx.db, q)),

  'visits.resolveProblem': (ctx, input) => {
    const p = prep(
      ctx.db,
      `SELECT p.status, v.visited_on AS visitedOn
        FROM visit_problems p
        JOIN visits v ON v.id = p.visit_id
        WHERE p.id = ?`,
    ).get(input.id) as { status: string; visitedOn: string } | undefined;
    if (!p) throw new AppError('NOT_FOUND', '找不到这个问题');
    if (p.status === 'resolved') throw new AppError('CONFLICT', '这个问题已经解决');
    if (input.resolvedOn < p.visitedOn || input.resolvedOn > dateCn(ctx.now))
      throw new AppError('VALIDATION', `解决日期应在 ${p.visitedOn} 到今天之间`, 'resolvedOn');
    prep(ctx.db, `UPDATE visit_problems SET status = 'resolved', resolved_on = ?, resolution = ? WHERE id = ?`).run(
      input.resolvedOn,
      input.resolution,
      input.id,
    );
    ctx.audit(
      'visitProblem',
      input.id,
      { status: 'open' },
      { status: 'resolved', resolvedOn: input.resolvedOn, resolution: input.resolution },
    );
    return { id: input.id };
  },

  'visits.due': (ctx, input) =>
    dueVisits(ctx.db, dateCn(ctx.now), { cadreId: input.cadreId, overdueOnly: true, limit: 200 }),
} satisfies Partial<Handlers>;
