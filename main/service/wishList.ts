// The wishes grid, its .xlsx, the 心愿墙 poster's rows and the year's wish figures: one WHERE per filter, paged by SQL.
import type { Parsed } from '../../shared/contract';
import { maskName, WISH_CHANNELS, WISH_FIGURE_LABELS, WISH_STATES, type WishFigure } from '../../shared/domain/service';
import { dateCn } from '../../shared/domain/time';
import type { Page } from '../../shared/schemas/common';
import type { WallRow, WishRow } from '../../shared/schemas/service';
import type { Handlers } from '../core/dispatch';
import { MASKED_PHONE } from '../core/idLookups';
import { type Column, filterText, listPrint, listSheet, nameOf } from '../core/listSheet';
import { countOf, Where } from '../core/paging';
import { type DB, prep } from '../db/open';
import { yearFigures } from './figures';
import { type CitizenRegister, registerRows, registerWhere, registerWords } from './register';

const OPEN = "w.status IN ('accepted', 'claimed')";

/** A wish's row; binds today (for the days overdue). */
export const WISH_ROW = `SELECT w.id, w.household_id AS householdId, w.resident, ${MASKED_PHONE('w.phone')} AS phone,
    w.area_id AS areaId, a.name AS area, w.content, w.category, w.channel, w.collected_on AS collectedOn, w.status,
    w.due_on AS dueOn,
    CAST(max(0, CASE
      WHEN ${OPEN} THEN julianday(?) - julianday(w.due_on)
      WHEN w.status = 'fulfilled' THEN julianday(w.fulfilled_on) - julianday(w.due_on)
      ELSE 0 END) AS INTEGER) AS overdueDays,
    (SELECT group_concat(coalesce(c.name, wc.unit), '、')
      FROM wish_claims wc
      LEFT JOIN cadres c ON c.id = wc.cadre_id
      WHERE wc.wish_id = w.id) AS claimers,
    w.fulfilled_on AS fulfilledOn, w.value_fen AS valueFen
  FROM wishes w
  -- CROSS JOIN keeps w the outer loop: the page walks the collection-date index and stops at its last row
  -- (left to itself, SQLite looped over the few areas first and sorted every row: 170 ms at 100,000 rows).
  CROSS JOIN areas a ON a.id = w.area_id`;

/** The year's figures; the grid opens each on the same condition. */
export const WISHES: CitizenRegister<WishFigure> = {
  table: 'wishes w',
  search: { anywhere: ['resident', 'content'], initials: 'resident_initials' },
  figures: (today) => ({
    collected: { sql: '1', args: [] },
    accepted: { sql: "w.status IN ('accepted', 'claimed', 'fulfilled')", args: [] },
    claimed: { sql: "w.status IN ('claimed', 'fulfilled')", args: [] },
    fulfilled: { sql: "w.status = 'fulfilled'", args: [] },
    declined: { sql: "w.status = 'declined'", args: [] },
    // Open past its deadline today, or fulfilled after it.
    overdue: {
      sql: `(${OPEN} AND w.due_on < ?) OR (w.status = 'fulfilled' AND w.fulfilled_on > w.due_on)`,
      args: [today],
    },
  }),
};

type Filters = Omit<Parsed<'wishes.list'>, 'offset' | 'limit'>;

function where(f: Filters, today: string): Where {
  const w = registerWhere(WISHES, f, today);
  if (f.category) w.add('w.category = ?', f.category);
  if (f.overdue) w.add(`${OPEN} AND w.due_on < ?`, today);
  if (f.claimedBy)
    w.add('EXISTS (SELECT 1 FROM wish_claims wc WHERE wc.wish_id = w.id AND wc.cadre_id = ?)', f.claimedBy);
  return w;
}

const GRID = { select: WISH_ROW, sortable: { collectedOn: 'w.collected_on', dueOn: 'w.due_on' } };

function wishRows(db: DB, f: Filters, today: string, p?: { offset: number; limit: number }) {
  const w = where(f, today);
  return {
    rows: registerRows<WishRow, 'collectedOn' | 'dueOn'>(db, WISHES, GRID, { where: w, sort: f.sort, today }, p),
    where: w,
  };
}

export function listWishes(db: DB, f: Parsed<'wishes.list'>, today: string): Page<WishRow> {
  const { rows, where: w } = wishRows(db, f, today, f);
  return { rows, total: countOf(db, 'FROM wishes w', w) };
}

const COLUMNS: Column<WishRow>[] = [
  ['编号', 8, (r) => r.id],
  ['征集日期', 12, (r) => r.collectedOn],
  ['心愿人', 10, (r) => r.resident],
  ['电话', 14, (r) => r.phone],
  ['村/社区', 12, (r) => r.area],
  ['心愿内容', 40, (r) => r.content],
  ['类别', 10, (r) => r.category],
  ['渠道', 8, (r) => WISH_CHANNELS[r.channel]],
  ['状态', 8, (r) => WISH_STATES[r.status]],
  ['完成期限', 12, (r) => r.dueOn],
  ['超期天数', 8, (r) => r.overdueDays || null, 'count'],
  ['认领人', 20, (r) => r.claimers],
  ['实现日期', 12, (r) => r.fulfilledOn],
  ['价值（元）', 10, (r) => r.valueFen || null, 'yuan'],
];

const wishFilter = (db: DB, f: Filters) =>
  filterText(f, {
    ...registerWords(db, WISH_STATES, WISH_FIGURE_LABELS),
    category: ['类别'],
    claimedBy: ['认领人', nameOf(db, 'cadre')],
  });

/** The 心愿墙 of one area (or all): accepted wishes still waiting for someone, the resident's name masked. */
function wallRows(db: DB, areaId: number | undefined): WallRow[] {
  const rows = prep(
    db,
    `SELECT w.id, a.name AS area, w.resident, w.content, w.category, w.standard, w.due_on AS dueOn
      FROM wishes w
      JOIN areas a ON a.id = w.area_id
      WHERE w.status = 'accepted'
        AND (? IS NULL OR w.area_id = ?)
      ORDER BY a.sort_order, a.id, w.due_on, w.id`,
  ).all(areaId ?? null, areaId ?? null) as WallRow[];
  return rows.map((r) => ({ ...r, resident: maskName(r.resident) }));
}

export const wishListHandlers = {
  'wishes.list': (ctx, input) => listWishes(ctx.db, input, dateCn(ctx.now)),
  'wishes.xlsx': async (ctx, input) => {
    const { rows } = wishRows(ctx.db, input, dateCn(ctx.now));
    return listSheet(ctx, '微心愿', COLUMNS, rows, input, wishFilter(ctx.db, input));
  },
  'wishes.print': (ctx, input) => {
    const { rows } = wishRows(ctx.db, input, dateCn(ctx.now));
    return listPrint(ctx, '微心愿', COLUMNS, rows, input, wishFilter(ctx.db, input));
  },
  'wishes.wall': (ctx, input) => {
    const rows = wallRows(ctx.db, input.areaId);
    ctx.audit('print', null, null, { what: '心愿墙', areaId: input.areaId ?? null, rows: rows.length });
    return { day: dateCn(ctx.now), rows };
  },
} satisfies Partial<Handlers>;

/** The year's wish figures, the average days from collection to fulfilment, and who claimed and fulfilled them. */
export function wishYear(db: DB, year: number, today: string) {
  const figures = yearFigures(
    db,
    { ...WISHES, daysTo: "CASE WHEN w.status = 'fulfilled' THEN w.fulfilled_on END" },
    year,
    today,
    'post',
  );
  const byServer = prep(
    db,
    `SELECT c.id AS cadreId, c.name,
        count(DISTINCT w.id) AS claimed,
        count(DISTINCT CASE WHEN w.status = 'fulfilled' THEN w.id END) AS fulfilled
      FROM wish_claims wc
      JOIN wishes w ON w.id = wc.wish_id
      JOIN cadres c ON c.id = wc.cadre_id
      WHERE w.collected_on BETWEEN ? AND ?
        AND w.status IN ('claimed', 'fulfilled')
      GROUP BY c.id
      ORDER BY fulfilled DESC, claimed DESC, c.name_initials`,
  ).all(`${year}-01-01`, `${year}-12-31`) as { cadreId: number; name: string; claimed: number; fulfilled: number }[];
  return { ...figures, byServer };
}
