// The suggestions grid, its .xlsx and the year's suggestion figures: one WHERE per filter, paged by SQL.
import type { Parsed } from '../../shared/contract';
import {
  REVISITS,
  SUGGESTION_CHANNELS,
  SUGGESTION_FIGURE_LABELS,
  SUGGESTION_RESULTS,
  SUGGESTION_STATES,
  type SuggestionFigure,
} from '../../shared/domain/service';
import { dateCn } from '../../shared/domain/time';
import type { Page } from '../../shared/schemas/common';
import type { SuggestionRow } from '../../shared/schemas/service';
import type { Handlers } from '../core/dispatch';
import { type Column, filterText, listPrint, listSheet } from '../core/listSheet';
import { countOf, Where } from '../core/paging';
import type { DB } from '../db/open';
import { yearFigures } from './figures';
import { type CitizenRegister, registerRows, registerWhere, registerWords } from './register';

/** A suggestion's row; binds today (for the days overdue). */
export const SUGGESTION_ROW = `SELECT s.id, s.content, s.channel, s.category, s.area_id AS areaId, a.name AS area,
    s.household_id AS householdId, s.resident, c.name AS collectorName, s.collected_on AS collectedOn, s.status,
    s.handler, s.due_on AS dueOn,
    CAST(max(0, CASE
      WHEN s.status = 'assigned' THEN julianday(?) - julianday(s.due_on)
      WHEN s.status = 'closed' AND s.due_on IS NOT NULL THEN julianday(s.answered_on) - julianday(s.due_on)
      ELSE 0 END) AS INTEGER) AS overdueDays,
    s.on_the_spot AS onTheSpot, s.answered_on AS answeredOn, s.result, s.revisit
  FROM suggestions s
  -- CROSS JOIN keeps s the outer loop: the page walks the collection-date index and stops at its last row
  -- (left to itself, SQLite looped over the few areas first and sorted every row: 170 ms at 100,000 rows).
  CROSS JOIN areas a ON a.id = s.area_id
  LEFT JOIN cadres c ON c.id = s.collected_by`;

/** The year's figures; the grid opens each on the same condition. */
export const SUGGESTIONS: CitizenRegister<SuggestionFigure> = {
  table: 'suggestions s',
  search: { anywhere: ['resident', 'content', 'handler'], initials: 'resident_initials' },
  figures: (today) => ({
    collected: { sql: '1', args: [] },
    onTheSpot: { sql: 's.on_the_spot = 1', args: [] },
    closed: { sql: "s.status = 'closed'", args: [] },
    resolved: { sql: "s.status = 'closed' AND s.result = 'resolved'", args: [] },
    // In hand past its deadline today, or answered after it.
    overdue: {
      sql: "(s.status = 'assigned' AND s.due_on < ?) OR (s.status = 'closed' AND s.answered_on > s.due_on)",
      args: [today],
    },
  }),
};

type Filters = Omit<Parsed<'suggestions.list'>, 'offset' | 'limit'>;

function where(f: Filters, today: string): Where {
  const w = registerWhere(SUGGESTIONS, f, today);
  if (f.category) w.add('s.category = ?', f.category);
  if (f.overdue) w.add("s.status = 'assigned' AND s.due_on < ?", today);
  return w;
}

const GRID = { select: SUGGESTION_ROW, sortable: { collectedOn: 's.collected_on', dueOn: 's.due_on' } };

function suggestionRows(db: DB, f: Filters, today: string, p?: { offset: number; limit: number }) {
  const w = where(f, today);
  const rows = registerRows<SuggestionRow, 'collectedOn' | 'dueOn'>(
    db,
    SUGGESTIONS,
    GRID,
    { where: w, sort: f.sort, today },
    p,
  );
  return { rows: rows.map((r) => ({ ...r, onTheSpot: Boolean(r.onTheSpot) })), where: w };
}

export function listSuggestions(db: DB, f: Parsed<'suggestions.list'>, today: string): Page<SuggestionRow> {
  const { rows, where: w } = suggestionRows(db, f, today, f);
  return { rows, total: countOf(db, 'FROM suggestions s', w) };
}

const COLUMNS: Column<SuggestionRow>[] = [
  ['编号', 8, (r) => r.id],
  ['收集日期', 12, (r) => r.collectedOn],
  ['反映人', 10, (r) => r.resident || '匿名'],
  ['村/社区', 12, (r) => r.area],
  ['内容', 40, (r) => r.content],
  ['类别', 10, (r) => r.category],
  ['渠道', 12, (r) => SUGGESTION_CHANNELS[r.channel]],
  ['收集人', 10, (r) => r.collectorName],
  ['状态', 8, (r) => SUGGESTION_STATES[r.status]],
  ['承办', 14, (r) => (r.onTheSpot ? '立即答复' : r.handler)],
  ['办理期限', 12, (r) => r.dueOn],
  ['超期天数', 8, (r) => r.overdueDays || null, 'count'],
  ['答复日期', 12, (r) => r.answeredOn],
  ['办理结果', 10, (r) => r.result && SUGGESTION_RESULTS[r.result]],
  ['回访', 8, (r) => r.revisit && REVISITS[r.revisit]],
];

const suggestionFilter = (db: DB, f: Filters) =>
  filterText(f, { ...registerWords(db, SUGGESTION_STATES, SUGGESTION_FIGURE_LABELS), category: ['类别'] });

export const suggestionListHandlers = {
  'suggestions.list': (ctx, input) => listSuggestions(ctx.db, input, dateCn(ctx.now)),
  'suggestions.xlsx': async (ctx, input) => {
    const { rows } = suggestionRows(ctx.db, input, dateCn(ctx.now));
    return listSheet(ctx, '群众意见建议', COLUMNS, rows, input, suggestionFilter(ctx.db, input));
  },
  'suggestions.print': (ctx, input) => {
    const { rows } = suggestionRows(ctx.db, input, dateCn(ctx.now));
    return listPrint(ctx, '群众意见建议', COLUMNS, rows, input, suggestionFilter(ctx.db, input));
  },
} satisfies Partial<Handlers>;

export function suggestionYear(db: DB, year: number, today: string) {
  const { avgDays: _, ...figures } = yearFigures(db, SUGGESTIONS, year, today, 'suggestionCategory');
  return figures;
}
