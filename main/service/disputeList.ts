// The disputes grid (with its totals of persons and amount), its .xlsx and the year's dispute figures: one WHERE per
// filter, paged by SQL.
import type { Parsed } from '../../shared/contract';
import {
  agreementNo,
  AGREEMENTS,
  DISPUTE_FIGURE_LABELS,
  DISPUTE_SOURCES,
  DISPUTE_STATES,
  type DisputeFigure,
  FOLLOWUPS,
} from '../../shared/domain/disputes';
import { dateCn } from '../../shared/domain/time';
import { addDays } from '../../shared/domain/workdays';
import type { DisputeRow } from '../../shared/schemas/disputes';
import { DEFAULT_CENTER } from '../../shared/schemas/settings';
import type { Handlers } from '../core/dispatch';
import { type Column, filterText, listPrint, listSheet, nameOf } from '../core/listSheet';
import { Where } from '../core/paging';
import { getSetting } from '../core/settings';
import { type DB, prep } from '../db/open';
import { yearFigures } from './figures';
import { type CitizenRegister, registerRows, registerWhere, registerWords } from './register';

/** A dispute's row; binds today twice (the days left, the days overdue). */
export const DISPUTE_ROW = `SELECT d.id, d.accepted_on AS acceptedOn, d.source, d.type, d.area_id AS areaId,
    a.name AS area, d.party_names AS parties, d.persons, d.amount_fen AS amountFen,
    (SELECT group_concat(c.name, '、')
      FROM dispute_mediators m
      JOIN cadres c ON c.id = m.cadre_id
      WHERE m.dispute_id = d.id) AS mediators,
    d.status, d.due_on AS dueOn,
    CASE WHEN d.status = 'open' THEN CAST(julianday(d.due_on) - julianday(?) AS INTEGER) END AS daysLeft,
    CAST(max(0, CASE
      WHEN d.status = 'open' THEN julianday(?) - julianday(d.due_on)
      WHEN d.concluded_on IS NOT NULL THEN julianday(d.concluded_on) - julianday(d.due_on)
      ELSE 0 END) AS INTEGER) AS overdueDays,
    d.concluded_on AS concludedOn, d.agreement, d.agreement_year AS agreementYear, d.agreement_seq AS agreementSeq,
    (SELECT f.outcome
      FROM dispute_followups f
      WHERE f.dispute_id = d.id
      ORDER BY f.visited_on DESC, f.id DESC
      LIMIT 1) AS lastFollowup
  FROM disputes d
  -- CROSS JOIN keeps d the outer loop, so a page walks the acceptance-date index and stops at its last row.
  CROSS JOIN areas a ON a.id = d.area_id`;

export type DisputeRecord = Omit<DisputeRow, 'agreementNo'> & {
  agreementYear: number | null;
  agreementSeq: number | null;
};

export const toRow = ({ agreementYear, agreementSeq, ...r }: DisputeRecord): DisputeRow => ({
  ...r,
  agreementNo: agreementSeq ? agreementNo(agreementYear!, agreementSeq) : null,
});

/** The year's figures (of disputes accepted in it); the grid opens each on the same condition. */
export const DISPUTES: CitizenRegister<DisputeFigure> = {
  table: 'disputes d',
  search: {
    anywhere: ['party_names', 'facts'],
    initials: 'party_initials',
    initialsList: true,
    idTails: 'party_id_tails',
  },
  dated: 'accepted_on',
  category: 'type',
  figures: (today) => ({
    accepted: { sql: '1', args: [] },
    concluded: { sql: "d.status IN ('settled', 'failed', 'transferred')", args: [] },
    settled: { sql: "d.status = 'settled'", args: [] },
    oral: { sql: "d.agreement = 'oral'", args: [] },
    written: { sql: "d.agreement = 'written'", args: [] },
    failed: { sql: "d.status = 'failed'", args: [] },
    transferred: { sql: "d.status = 'transferred'", args: [] },
    // Open past its deadline today, or concluded after it.
    overdue: { sql: "(d.status = 'open' AND d.due_on < ?) OR d.concluded_on > d.due_on", args: [today] },
    persons: { sql: 'd.persons', args: [] },
    amount: { sql: 'd.amount_fen', args: [] },
  }),
  people: {
    join: 'JOIN dispute_mediators m ON m.dispute_id = y.id',
    key: 'm.cadre_id',
    names: 'SELECT id, name FROM cadres',
  },
};

type Filters = Omit<Parsed<'disputes.list'>, 'offset' | 'limit'>;

function where(db: DB, f: Filters, today: string): Where {
  const w = registerWhere(DISPUTES, f, today);
  if (f.type) w.add('d.type = ?', f.type);
  if (f.overdue) w.add("d.status = 'open' AND d.due_on < ?", today);
  if (f.dueWithin !== undefined) w.add("d.status = 'open' AND d.due_on <= ?", addDays(today, f.dueWithin));
  if (f.unvisited) {
    const { followUpDays } = getSetting(db, 'center', DEFAULT_CENTER);
    w.add(
      `d.status = 'settled' AND d.concluded_on <= ?
        AND NOT EXISTS (SELECT 1 FROM dispute_followups f WHERE f.dispute_id = d.id)`,
      addDays(today, -followUpDays),
    );
  }
  if (f.mediatorId)
    w.add('EXISTS (SELECT 1 FROM dispute_mediators m WHERE m.dispute_id = d.id AND m.cadre_id = ?)', f.mediatorId);
  return w;
}

const GRID = { select: DISPUTE_ROW, todays: 2, sortable: { acceptedOn: 'd.accepted_on', dueOn: 'd.due_on' } };

function disputeRows(db: DB, f: Filters, today: string, p?: { offset: number; limit: number }) {
  const w = where(db, f, today);
  const rows = registerRows<DisputeRecord, 'acceptedOn' | 'dueOn'>(
    db,
    DISPUTES,
    GRID,
    { where: w, sort: f.sort, today },
    p,
  );
  return { rows: rows.map(toRow), where: w };
}

export function listDisputes(db: DB, f: Parsed<'disputes.list'>, today: string) {
  const { rows, where: w } = disputeRows(db, f, today, f);
  const totals = prep(
    db,
    `SELECT count(*) AS total, coalesce(sum(d.persons), 0) AS persons, coalesce(sum(d.amount_fen), 0) AS amountFen
      FROM disputes d
      ${w.sql}`,
  ).get(...w.args) as { total: number; persons: number; amountFen: number };
  return { rows, ...totals };
}

const COLUMNS: Column<DisputeRow>[] = [
  ['编号', 8, (r) => r.id],
  ['受理日期', 12, (r) => r.acceptedOn],
  ['来源', 12, (r) => DISPUTE_SOURCES[r.source]],
  ['纠纷类型', 12, (r) => r.type],
  ['村/社区', 12, (r) => r.area],
  ['当事人', 24, (r) => r.parties],
  ['涉及人数', 8, (r) => r.persons, 'count'],
  ['涉及金额（元）', 14, (r) => r.amountFen || null, 'yuan'],
  ['调解员', 16, (r) => r.mediators],
  ['状态', 10, (r) => DISPUTE_STATES[r.status]],
  ['调解期限', 12, (r) => r.dueOn],
  ['超期天数', 8, (r) => r.overdueDays || null, 'count'],
  ['办结日期', 12, (r) => r.concludedOn],
  ['协议', 10, (r) => r.agreement && AGREEMENTS[r.agreement]],
  ['协议书编号', 20, (r) => r.agreementNo],
  ['最近回访', 10, (r) => r.lastFollowup && FOLLOWUPS[r.lastFollowup]],
];

const disputeFilter = (db: DB, f: Filters) =>
  filterText(f, {
    ...registerWords(db, DISPUTE_STATES, DISPUTE_FIGURE_LABELS),
    type: ['纠纷类型'],
    dueWithin: ['期限在几天内', (n: number) => `${n} 天`],
    unvisited: ['待回访'],
    mediatorId: ['调解员', nameOf(db, 'cadre')],
  });

export const disputeListHandlers = {
  'disputes.list': (ctx, input) => listDisputes(ctx.db, input, dateCn(ctx.now)),
  'disputes.xlsx': async (ctx, input) => {
    const { rows } = disputeRows(ctx.db, input, dateCn(ctx.now));
    return listSheet(ctx, '矛盾纠纷调解', COLUMNS, rows, input, disputeFilter(ctx.db, input));
  },
  'disputes.print': (ctx, input) => {
    const { rows } = disputeRows(ctx.db, input, dateCn(ctx.now));
    return listPrint(ctx, '矛盾纠纷调解', COLUMNS, rows, input, disputeFilter(ctx.db, input));
  },
} satisfies Partial<Handlers>;

export function disputeYear(db: DB, year: number, today: string) {
  const { avgDays: _, ...figures } = yearFigures(db, DISPUTES, year, today, 'disputeType');
  return figures;
}
