// Reading applications: the case page (with its timeline), the grid (filters and paging in SQL), and 首页's
// due-soon and overdue lists. Days left are counted on the working-day clock.
import type { z } from 'zod';

import { APPLICATION_TALLY_LABELS, type ApplicationTally } from '../../shared/domain/reports';
import { AppError } from '../../shared/domain/result';
import { dateCn } from '../../shared/domain/time';
import { addWorkingDays, type Calendar, workingDaysBetween } from '../../shared/domain/workdays';
import { OPEN_STATES, type Queue, QUEUE_KEYS, QUEUES, type State, STATE_LABELS } from '../../shared/domain/workflow';
import type {
  ApplicationDetail,
  applicationListInput,
  ApplicationRow,
  ApplicationStep,
  PublicityRow,
} from '../../shared/schemas/applications';
import type { Page } from '../../shared/schemas/common';
import type { Handlers } from '../core/dispatch';
import { type Column, filterText, listPrint, listSheet, nameOf } from '../core/listSheet';
import { orderBy, page, Where } from '../core/paging';
import { type DB, prep } from '../db/open';
import { loadCalendar } from './calendar';

const OPEN = OPEN_STATES.map((s) => `'${s}'`).join(', ');
const PAPERWORK_PENDING = `a.urgent = 1 AND a.paperwork_done_on IS NULL`;
const RECURRING = (r: 'one_off' | 'monthly') =>
  `a.kind_code IN (SELECT code FROM relief_kinds WHERE recurrence = '${r}')`;

/** A queue of 首页 as a condition on `a` (with today bound where it needs it): 首页 counts it, the grid lists it. */
export function queueCondition(queue: Queue, today: string): { sql: string; args: string[] } {
  const c: Record<Queue, [string, ...string[]]> = {
    investigate: [`a.state = 'accepted'`],
    review: [`a.state = 'investigated'`],
    publicize: [`a.state = 'reviewed'`],
    inPublicity: [`a.state = 'publicized' AND a.publicity_to >= ?`, today],
    approve: [`a.state = 'publicized' AND a.publicity_to < ?`, today],
    pay: [`a.state = 'approved' AND ${RECURRING('one_off')}`],
    startMonth: [
      `a.state = 'approved' AND ${RECURRING('monthly')}
        AND NOT EXISTS (SELECT 1 FROM entitlements e WHERE e.application_id = a.id)`,
    ],
    paperwork: [PAPERWORK_PENDING],
  };
  const [sql, ...args] = c[queue];
  return { sql, args };
}

const ROW = `SELECT a.id, a.acceptance_no AS acceptanceNo, a.household_id AS householdId, p.name AS personName,
  ar.name AS area, k.name AS kind, a.requested_fen AS requestedFen, a.approved_fen AS approvedFen, a.state, a.urgent,
  a.county_review AS countyReview, a.accepted_on AS acceptedOn, a.deadline, a.paperwork_due AS paperworkDue,
  a.paperwork_done_on AS paperworkDoneOn
  FROM applications a
  JOIN persons p ON p.id = a.person_id
  JOIN areas ar ON ar.id = a.area_id
  JOIN relief_kinds k ON k.code = a.kind_code`;

type RowRecord = Omit<ApplicationRow, 'urgent' | 'countyReview' | 'daysLeft'> & {
  urgent: number;
  countyReview: number;
  paperworkDue: string | null;
  paperworkDoneOn: string | null;
};

/** Working days from today to a date, counted once per distinct date in a call (a page shares many deadlines). */
function daysFrom(today: string, cal: Calendar): (day: string) => number {
  const seen = new Map<string, number>();
  return (day) => {
    let n = seen.get(day);
    if (n === undefined) seen.set(day, (n = workingDaysBetween(today, day, cal)));
    return n;
  };
}

function toRow(r: RowRecord, daysLeft: (day: string) => number): ApplicationRow {
  const clock = (OPEN_STATES as string[]).includes(r.state)
    ? r.deadline
    : r.urgent && !r.paperworkDoneOn
      ? r.paperworkDue
      : null;
  const { paperworkDue: _d, paperworkDoneOn: _o, ...rest } = r;
  return {
    ...rest,
    urgent: r.urgent === 1,
    countyReview: r.countyReview === 1,
    daysLeft: clock ? daysLeft(clock) : null,
  };
}

export function applicationDetail(db: DB, id: number, now: Date): ApplicationDetail {
  const r = prep(
    db,
    `${ROW.replace(
      'SELECT a.id,',
      `SELECT a.id, a.person_id AS personId, a.kind_code AS kindCode, a.reason,
  a.materials_received AS materialsReceived, k.recurrence = 'monthly' AS monthly,
  a.publicity_from AS publicityFrom, a.publicity_to AS publicityTo, k.materials AS materialsRequired,
  s.display_name AS registeredBy,`,
    )}
      JOIN staff s ON s.id = a.registered_by
      WHERE a.id = ?`,
  ).get(id) as
    | (RowRecord & {
        personId: number;
        kindCode: string;
        reason: string;
        materialsReceived: string;
        materialsRequired: string;
        publicityFrom: string | null;
        publicityTo: string | null;
        registeredBy: string;
        monthly: number;
      })
    | undefined;
  if (!r) throw new AppError('NOT_FOUND', '找不到这个申请');
  const required = JSON.parse(r.materialsRequired) as string[];
  const received = JSON.parse(r.materialsReceived) as string[];
  const steps = (
    prep(
      db,
      `SELECT st.action, st.from_state AS fromState, st.to_state AS toState, st.on_date AS onDate,
         s.display_name AS staffName, st.at, st.detail
        FROM application_steps st
        JOIN staff s ON s.id = st.staff_id
        WHERE st.application_id = ?
        ORDER BY st.id`,
    ).all(id) as (Omit<ApplicationStep, 'detail'> & { detail: string })[]
  ).map((s) => ({ ...s, detail: JSON.parse(s.detail) as Record<string, unknown> }));
  const row = toRow(r, daysFrom(dateCn(now), loadCalendar(db)));
  return {
    ...row,
    personId: r.personId,
    kindCode: r.kindCode,
    reason: r.reason,
    materialsRequired: required,
    materialsReceived: received,
    materialsMissing: required.filter((m) => !received.includes(m)),
    monthly: r.monthly === 1,
    publicityFrom: r.publicityFrom,
    publicityTo: r.publicityTo,
    paperworkDue: r.paperworkDue,
    paperworkDoneOn: r.paperworkDoneOn,
    registeredBy: r.registeredBy,
    steps,
  };
}

const SORT = {
  acceptanceNo: 'a.acceptance_no',
  acceptedOn: 'a.accepted_on',
  deadline: 'a.deadline',
  requested: 'a.requested_fen',
} as const;

/** An application figure of the annual report as a condition on `a`: the report counts it, the grid lists it. */
export function applicationTally(tally: ApplicationTally, year: number): { sql: string; args: string[] } {
  const span = [`${year}-01-01`, `${year}-12-31`];
  const decided = 'a.decided_on BETWEEN ? AND ?';
  const c: Record<ApplicationTally, string> = {
    accepted: 'a.accepted_on BETWEEN ? AND ?',
    approved: `${decided} AND a.approved_fen IS NOT NULL`,
    rejected: `${decided} AND a.state = 'rejected'`,
    withdrawn: `a.id IN (
      SELECT application_id
      FROM application_steps
      WHERE action = 'withdraw' AND on_date BETWEEN ? AND ?)`,
    decided,
    decidedInTime: `${decided} AND a.decided_on <= a.deadline`,
  };
  return { sql: c[tally], args: span };
}

type Filters = Omit<z.output<typeof applicationListInput>, 'offset' | 'limit'>;

function applicationWhere(q: Filters, today: string): Where {
  const where = new Where();
  if (q.kindCode) where.add('(a.kind_code = ? OR k.parent_code = ?)', q.kindCode, q.kindCode);
  if (q.state) where.add('a.state = ?', q.state);
  if (q.areaId) where.add('a.area_id = ?', q.areaId);
  if (q.householdId) where.add('a.household_id = ?', q.householdId);
  if (q.queue) {
    const c = queueCondition(q.queue, today);
    where.add(c.sql, ...c.args);
  }
  if (q.yearTally) {
    const t = applicationTally(q.yearTally.tally, q.yearTally.year);
    where.add(t.sql, ...t.args);
  }
  if (q.overdue)
    where.add(
      `((a.state IN (${OPEN}) AND a.deadline < ?) OR (${PAPERWORK_PENDING} AND a.paperwork_due < ?))`,
      today,
      today,
    );
  return where;
}

export function listApplications(db: DB, q: z.output<typeof applicationListInput>, now: Date): Page<ApplicationRow> {
  const today = dateCn(now);
  const where = applicationWhere(q, today);
  const found = page<RowRecord>(db, q, {
    select: ROW,
    // The kinds table is joined only when the filter needs it (a parent kind counts its sub-kinds).
    from: `FROM applications a${q.kindCode ? '\nJOIN relief_kinds k ON k.code = a.kind_code' : ''}`,
    where,
    order: orderBy(SORT, q.sort, 'a.accepted_on DESC, a.id DESC', 'a.id'),
  });
  const days = daysFrom(today, loadCalendar(db));
  return { rows: found.rows.map((r) => toRow(r, days)), total: found.total };
}

/** Every case the filters leave, in the grid's order, for the export and the print. */
function sheetRows(db: DB, q: Filters, now: Date): ApplicationRow[] {
  const today = dateCn(now);
  const w = applicationWhere(q, today);
  const order = orderBy(SORT, q.sort, 'a.accepted_on DESC, a.id DESC', 'a.id');
  const rows = prep(db, `${ROW}\n${w.sql}\nORDER BY ${order}`).all(...w.args) as RowRecord[];
  const days = daysFrom(today, loadCalendar(db));
  return rows.map((r) => toRow(r, days));
}

const SHEET: Column<ApplicationRow>[] = [
  ['受理编号', 16, (r) => r.acceptanceNo],
  ['受理日期', 12, (r) => r.acceptedOn],
  ['申请人', 10, (r) => r.personName],
  ['村/社区', 12, (r) => r.area],
  ['救助类别', 14, (r) => r.kind],
  ['申请金额（元）', 12, (r) => r.requestedFen, 'yuan'],
  ['批准金额（元）', 12, (r) => r.approvedFen, 'yuan'],
  ['状态', 10, (r) => STATE_LABELS[r.state]],
  ['先行救助', 8, (r) => (r.urgent ? '是' : null)],
  ['办理期限', 12, (r) => r.deadline],
  ['剩余工作日', 10, (r) => r.daysLeft, 'count'],
];

const sheetFilter = (db: DB, q: Filters) =>
  filterText(q, {
    kindCode: ['救助类别', nameOf(db, 'kind')],
    state: ['状态', (s: State) => STATE_LABELS[s]],
    areaId: ['村/社区', nameOf(db, 'area')],
    householdId: ['户', nameOf(db, 'household')],
    overdue: ['只看超期'],
    queue: ['待办', (k: Queue) => QUEUES[k].label],
    yearTally: [
      '年度统计',
      (t: { year: number; tally: ApplicationTally }) => `${t.year} 年${APPLICATION_TALLY_LABELS[t.tally]}`,
    ],
  });

/** Open cases due within three working days, and every overdue one (deadline, or 先行救助 paperwork). */
export function dueApplications(db: DB, now: Date): { dueSoon: ApplicationRow[]; overdue: ApplicationRow[] } {
  const today = dateCn(now);
  const cal = loadCalendar(db);
  const soon = addWorkingDays(today, 3, cal);
  const days = daysFrom(today, cal);
  const pick = (cond: string, ...args: string[]) =>
    (prep(db, `${ROW}\nWHERE ${cond}\nORDER BY a.deadline, a.id\nLIMIT 200`).all(...args) as RowRecord[]).map((r) =>
      toRow(r, days),
    );
  return {
    overdue: [
      ...pick(`a.state IN (${OPEN}) AND a.deadline < ?`, today),
      ...pick(`${PAPERWORK_PENDING} AND a.paperwork_due < ?`, today),
    ],
    dueSoon: [
      ...pick(`a.state IN (${OPEN}) AND a.deadline >= ? AND a.deadline <= ?`, today, soon),
      ...pick(`${PAPERWORK_PENDING} AND a.paperwork_due >= ? AND a.paperwork_due <= ?`, today, soon),
    ],
  };
}

export function publicityList(db: DB, areaId: number | undefined, now: Date): { day: string; rows: PublicityRow[] } {
  const day = dateCn(now);
  const rows = prep(
    db,
    `SELECT ar.name AS area, p.name AS personName, k.name AS kind, a.requested_fen AS requestedFen,
       a.publicity_from AS publicityFrom, a.publicity_to AS publicityTo, a.acceptance_no AS acceptanceNo
      FROM applications a
      JOIN persons p ON p.id = a.person_id
      JOIN areas ar ON ar.id = a.area_id
      JOIN relief_kinds k ON k.code = a.kind_code
      WHERE a.state = 'publicized' AND (? IS NULL OR a.area_id = ?)
      ORDER BY ar.sort_order, ar.id, a.acceptance_no`,
  ).all(areaId ?? null, areaId ?? null) as PublicityRow[];
  return { day, rows };
}

export const applicationListHandlers = {
  /** The 公示 list is read to be printed and posted: the print is recorded. */
  'applications.publicity': (ctx, input) => {
    const list = publicityList(ctx.db, input.areaId, ctx.now);
    ctx.audit('print', null, null, { what: '公示名单', areaId: input.areaId ?? null, rows: list.rows.length });
    return list;
  },
  'applications.list': (ctx, input) => listApplications(ctx.db, input, ctx.now),
  'applications.xlsx': async (ctx, input) =>
    listSheet(ctx, '救助申请', SHEET, sheetRows(ctx.db, input, ctx.now), input, sheetFilter(ctx.db, input)),
  'applications.print': (ctx, input) =>
    listPrint(ctx, '救助申请', SHEET, sheetRows(ctx.db, input, ctx.now), input, sheetFilter(ctx.db, input)),
  'applications.due': (ctx) => dueApplications(ctx.db, ctx.now),
  'applications.queues': (ctx) => {
    const today = dateCn(ctx.now);
    const count = (q: Queue) => {
      const c = queueCondition(q, today);
      return (prep(ctx.db, `SELECT count(*) AS n\nFROM applications a\nWHERE ${c.sql}`).get(...c.args) as { n: number })
        .n;
    };
    return Object.fromEntries(QUEUE_KEYS.map((q) => [q, count(q)])) as Record<Queue, number>;
  },
} satisfies Partial<Handlers>;
