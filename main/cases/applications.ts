// Relief applications: registration at the counter (gapless acceptance numbers, deadlines on the working-day
// clock, per-kind limits), then every step of the workflow with maker-checker enforced here, not only in the UI.

import { fen } from '../../shared/domain/money';
import { AppError } from '../../shared/domain/result';
import { dateCn, isoCn } from '../../shared/domain/time';
import { addDays, addWorkingDays, workingDaysBetween } from '../../shared/domain/workdays';
import {
  type Action,
  ACTIONS,
  OPEN_STATES,
  PUBLICITY_DAYS,
  PUBLICITY_LEAD_DAYS,
  type State,
  STATE_LABELS,
} from '../../shared/domain/workflow';
import type { ApplicationDetail, ReliefKind } from '../../shared/schemas/applications';
import type { Ctx, Handlers } from '../core/dispatch';
import { nextNumber } from '../core/numbers';
import { type DB, prep } from '../db/open';
import { applicationDetail } from './applicationList';
import { loadCalendar } from './calendar';

/** How far back an admin may record a 公示 that had already begun. */
const BACKDATE_WORKING_DAYS = 3;

export type KindRecord = Omit<ReliefKind, 'materials' | 'distinctReason' | 'urgentAllowed'> & {
  materials: string;
  distinctReason: number;
  urgentAllowed: number;
};

export const KIND = `SELECT code, name, parent_code AS parentCode, materials, time_limit_days AS timeLimitDays,
  recurrence, township_ceiling_fen AS townshipCeilingFen, max_per_year AS maxPerYear, distinct_reason AS distinctReason,
  urgent_allowed AS urgentAllowed, paperwork_days AS paperworkDays
  FROM relief_kinds`;

export const toKind = (k: KindRecord): ReliefKind => ({
  ...k,
  materials: JSON.parse(k.materials) as string[],
  distinctReason: k.distinctReason === 1,
  urgentAllowed: k.urgentAllowed === 1,
});

export function reliefKind(db: DB, code: string): ReliefKind {
  const k = prep(db, `${KIND}\nWHERE code = ? AND active = 1`).get(code) as KindRecord | undefined;
  if (!k) throw new AppError('VALIDATION', '请选择救助类别', 'kindCode');
  return toKind(k);
}

interface AppRecord {
  id: number;
  acceptanceNo: string;
  householdId: number;
  kindCode: string;
  state: State;
  acceptedOn: string;
  requestedFen: number;
  registeredBy: number;
  reviewedBy: number | null;
  urgent: number;
  paperworkDue: string | null;
  paperworkDoneOn: string | null;
  publicityTo: string | null;
}

function record(db: DB, id: number): AppRecord {
  const sql = `SELECT id, acceptance_no AS acceptanceNo, household_id AS householdId, kind_code AS kindCode, state,
    accepted_on AS acceptedOn,
    requested_fen AS requestedFen, registered_by AS registeredBy, reviewed_by AS reviewedBy, urgent,
    paperwork_due AS paperworkDue, paperwork_done_on AS paperworkDoneOn, publicity_to AS publicityTo
    FROM applications
    WHERE id = ?`;
  const r = prep(db, sql).get(id) as AppRecord | undefined;
  if (!r) throw new AppError('NOT_FOUND', '找不到这个申请');
  return r;
}

/** Limits of a kind, counted on its top-level kind (急难型 and 支出型 are both 临时救助), per household and year. */
function checkLimits(db: DB, kind: ReliefKind, householdId: number, reason: string, year: string): void {
  const top = kind.parentCode ? reliefKind(db, kind.parentCode) : kind;
  const family = `SELECT a.reason
    FROM applications a
    JOIN relief_kinds k ON k.code = a.kind_code
    WHERE a.household_id = ? AND (k.code = ? OR k.parent_code = ?) AND substr(a.accepted_on, 1, 4) = ?
      AND a.state NOT IN ('withdrawn', 'rejected')`;
  const earlier = prep(db, family).all(householdId, top.code, top.code, year) as { reason: string }[];
  if (top.maxPerYear !== null && earlier.length >= top.maxPerYear)
    throw new AppError(
      'CONFLICT',
      `这一户今年已申请${top.name} ${earlier.length} 次，每户每年最多 ${top.maxPerYear} 次`,
      'kindCode',
    );
  if (top.distinctReason && earlier.some((e) => e.reason === reason))
    throw new AppError('CONFLICT', `这一户今年已因同一事由申请过${top.name}，同一事由不能重复申请`, 'reason');
}

function register(ctx: Ctx, input: Parameters<Handlers['applications.register']>[1]): number {
  const { db } = ctx;
  const today = dateCn(ctx.now);
  const h = prep(
    db,
    'SELECT id, area_id AS areaId, status, head_name AS head, exited_on AS exitedOn FROM households WHERE id = ?',
  ).get(input.householdId) as
    { id: number; areaId: number; status: string; head: string; exitedOn: string | null } | undefined;
  if (!h) throw new AppError('NOT_FOUND', `找不到户号 ${input.householdId}`, 'householdId');
  if (h.status !== 'registered')
    throw new AppError(
      'CONFLICT',
      `户号 ${h.id}（户主 ${h.head}）已于 ${h.exitedOn} 退出台账，不能受理新的申请`,
      'householdId',
    );
  if (!prep(db, 'SELECT 1 FROM persons WHERE id = ? AND household_id = ?').get(input.personId, input.householdId))
    throw new AppError('VALIDATION', '救助对象不是这一户的成员', 'personId');
  const kind = reliefKind(db, input.kindCode);
  if (kind.code === 'temporary_relief') throw new AppError('VALIDATION', '临时救助请选择急难型或支出型', 'kindCode');
  const requested = fen(input.amount);
  const unknown = input.materials.filter((m) => !kind.materials.includes(m));
  if (unknown.length) throw new AppError('VALIDATION', `“${unknown[0]}”不在${kind.name}的材料清单中`, 'materials');
  checkLimits(db, kind, h.id, input.reason, today.slice(0, 4));

  const year = Number(today.slice(0, 4));
  const no = `${year}-${String(nextNumber(db, 'acceptance', year)).padStart(5, '0')}`;
  const deadline = addWorkingDays(today, kind.timeLimitDays, loadCalendar(db));
  const at = isoCn(ctx.now);
  const id = Number(
    prep(
      db,
      `INSERT INTO applications (acceptance_no, household_id, person_id, area_id, kind_code, reason, requested_fen,
        materials_received, state,
         accepted_on, deadline, registered_by, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'accepted', ?, ?, ?, ?, ?)`,
    ).run(
      no,
      h.id,
      input.personId,
      h.areaId,
      kind.code,
      input.reason,
      requested,
      JSON.stringify([...new Set(input.materials)]),
      today,
      deadline,
      ctx.session.staff!.id,
      at,
      at,
    ).lastInsertRowid,
  );
  step(ctx, id, 'register', null, 'accepted', today, { materials: input.materials });
  return id;
}

/** A payment or its reversal moves a one-off case between approved and paid (payments.ts calls this). */
export function moveCase(
  ctx: Ctx,
  id: number,
  from: State,
  to: State,
  action: 'pay' | 'reverse',
  detail: object,
): void {
  prep(ctx.db, 'UPDATE applications SET state = ?, updated_at = ? WHERE id = ? AND state = ?').run(
    to,
    isoCn(ctx.now),
    id,
    from,
  );
  step(ctx, id, action, from, to, dateCn(ctx.now), detail);
}

function step(
  ctx: Ctx,
  id: number,
  action: string,
  from: State | null,
  to: State,
  onDate: string,
  detail: object,
): void {
  prep(
    ctx.db,
    `INSERT INTO application_steps (application_id, action, from_state, to_state, on_date, staff_id, at, detail)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, action, from, to, onDate, ctx.session.staff!.id, isoCn(ctx.now), JSON.stringify(detail));
}

/**
 * Maker-checker: who registered a case may not review or decide it; who reviewed it, investigated it or changed its
 * materials may not decide it.
 */
function checkMakerChecker(ctx: Ctx, a: AppRecord, action: Action): void {
  const me = ctx.session.staff!;
  const decides = action === 'approve' || action === 'reject' || action === 'urgentApprove';
  if ((action === 'review' || decides) && a.registeredBy === me.id)
    throw new AppError(
      'FORBIDDEN',
      `受理编号 ${a.acceptanceNo} 是您受理的，不能由您${ACTIONS[action].label}，请交给其他工作人员`,
    );
  if ((action === 'approve' || action === 'reject') && a.reviewedBy === me.id)
    throw new AppError('FORBIDDEN', `受理编号 ${a.acceptanceNo} 是您审核的，不能再由您审批`);
  if (!decides) return;
  // Every investigation counts, an earlier one too (公示异议 sends the case back to be investigated again): whoever
  // recorded it, or is named in it as one of the two investigators.
  const investigated = prep(
    ctx.db,
    `SELECT 1
      FROM application_steps s
      WHERE s.application_id = ? AND s.action = 'investigate'
        AND (s.staff_id = ? OR EXISTS (SELECT 1 FROM json_each(s.detail, '$.investigators') WHERE value = ?))
      LIMIT 1`,
  ).get(a.id, me.id, me.displayName);
  if (investigated)
    throw new AppError(
      'FORBIDDEN',
      `受理编号 ${a.acceptanceNo} 的入户调查有您参与，不能由您${ACTIONS[action].label}，请交给其他工作人员`,
    );
  // Materials received after registration leave no step, only the audit row of applications.materials, which can be
  // neither updated nor deleted (0001_foundation.sql).
  const materials = prep(
    ctx.db,
    `SELECT 1
      FROM audit_log
      WHERE entity = 'application' AND entity_id = ? AND channel = 'applications.materials' AND staff_id = ?
      LIMIT 1`,
  ).get(String(a.id), me.id);
  if (materials)
    throw new AppError(
      'FORBIDDEN',
      `您补登或修改过受理编号 ${a.acceptanceNo} 的材料，不能由您${ACTIONS[action].label}，请交给其他工作人员`,
    );
}

/** Moves a case by one action: state checked, maker-checker checked, then the update, the step and the audit row. */
function transition(
  ctx: Ctx,
  id: number,
  action: Action,
  onDate: string,
  detail: object,
  set: Record<string, string | number | null> = {},
  guard?: () => void,
): ApplicationDetail {
  const a = record(ctx.db, id);
  const t = ACTIONS[action];
  if (!(t.from as readonly State[]).includes(a.state))
    throw new AppError('CONFLICT', `受理编号 ${a.acceptanceNo} 当前状态不能${t.label}（需要先完成前面的步骤）`);
  checkMakerChecker(ctx, a, action);
  guard?.();
  const before = applicationDetail(ctx.db, id, ctx.now);
  const cols = Object.keys(set);
  prep(
    ctx.db,
    `UPDATE applications SET state = ?, updated_at = ?${cols.map((c) => `, ${c} = ?`).join('')} WHERE id = ?`,
  ).run(t.to, isoCn(ctx.now), ...Object.values(set), id);
  step(ctx, id, action, a.state, t.to, onDate, detail);
  const after = applicationDetail(ctx.db, id, ctx.now);
  ctx.audit('application', id, { state: before.state }, { state: after.state, action, ...detail });
  return after;
}

function notFuture(ctx: Ctx, day: string, field: string, label: string): void {
  if (day > dateCn(ctx.now)) throw new AppError('VALIDATION', `${label}不能晚于今天`, field);
}

export const applicationHandlers = {
  'applications.register': (ctx, input) => {
    const id = register(ctx, input);
    const after = applicationDetail(ctx.db, id, ctx.now);
    ctx.audit('application', id, null, {
      acceptanceNo: after.acceptanceNo,
      kind: after.kindCode,
      requestedFen: after.requestedFen,
      missing: after.materialsMissing,
    });
    return after;
  },

  'applications.get': (ctx, input) => applicationDetail(ctx.db, input.id, ctx.now),

  'applications.investigate': (ctx, input) => {
    notFuture(ctx, input.visitedOn, 'visitedOn', '调查日期');
    const { acceptedOn } = record(ctx.db, input.id);
    if (input.visitedOn < acceptedOn)
      throw new AppError('VALIDATION', `调查日期不能早于受理日期（${acceptedOn}）`, 'visitedOn');
    if (input.investigators[0] === input.investigators[1])
      throw new AppError('VALIDATION', '两名调查人不能是同一人', 'investigators');
    return transition(ctx, input.id, 'investigate', input.visitedOn, {
      investigators: input.investigators,
      findings: input.findings,
    });
  },

  'applications.review': (ctx, input) =>
    transition(
      ctx,
      input.id,
      'review',
      dateCn(ctx.now),
      { opinion: input.opinion },
      { reviewed_by: ctx.session.staff!.id },
    ),

  'applications.publicize': (ctx, input) => {
    const today = dateCn(ctx.now);
    const latest = addDays(today, PUBLICITY_LEAD_DAYS);
    if (input.fromDate > latest)
      throw new AppError(
        'VALIDATION',
        `公示开始日期最晚只能是 ${PUBLICITY_LEAD_DAYS} 天后（${latest}），请核对日期`,
        'fromDate',
      );
    // The notice starts today or later; an admin may record one that began up to 3 working days ago, with a reason.
    if (input.fromDate < today) {
      const admin = ctx.session.staff!.roles.includes('admin');
      if (!admin || !input.backdateReason)
        throw new AppError('VALIDATION', '公示开始日期不能早于今天（已开始的公示须由管理员填写原因补登）', 'fromDate');
      if (workingDaysBetween(input.fromDate, today, loadCalendar(ctx.db)) > BACKDATE_WORKING_DAYS)
        throw new AppError('VALIDATION', `补登的公示只能是最近 ${BACKDATE_WORKING_DAYS} 个工作日内开始的`, 'fromDate');
    }
    const to = addDays(input.fromDate, PUBLICITY_DAYS - 1);
    const detail = { from: input.fromDate, to, ...(input.backdateReason ? { backdated: input.backdateReason } : {}) };
    return transition(ctx, input.id, 'publicize', input.fromDate, detail, {
      publicity_from: input.fromDate,
      publicity_to: to,
    });
  },

  'applications.object': (ctx, input) =>
    transition(
      ctx,
      input.id,
      'object',
      dateCn(ctx.now),
      { objection: input.objection },
      { publicity_from: null, publicity_to: null, reviewed_by: null },
    ),

  'applications.approve': (ctx, input) => {
    const a = record(ctx.db, input.id);
    const today = dateCn(ctx.now);
    if (a.publicityTo && a.publicityTo >= today)
      throw new AppError('CONFLICT', `公示期到 ${a.publicityTo} 结束，公示期满后才能审批`);
    const amount = fen(input.amount);
    if (amount > a.requestedFen) throw new AppError('VALIDATION', '批准金额不能超过申请金额', 'amount');
    const { materialsMissing: missing } = applicationDetail(ctx.db, input.id, ctx.now);
    // Checked after the state and maker-checker (transition's `guard`): those refusals come first.
    const guard = () => {
      if (missing.length && !input.waiveReason)
        throw new AppError(
          'VALIDATION',
          `还缺少材料：${missing.join('、')}。请先补收材料，或填写容缺受理理由后再审批`,
          'waiveReason',
        );
    };
    const kind = reliefKind(ctx.db, a.kindCode);
    const county = kind.townshipCeilingFen !== null && amount > kind.townshipCeilingFen;
    if (county && !input.countyDecision)
      throw new AppError(
        'VALIDATION',
        `超过乡镇审批权限（${kind.townshipCeilingFen! / 100} 元），须报县审批：请填写县级批复文号和日期`,
        'countyDecision',
      );
    return transition(
      ctx,
      input.id,
      'approve',
      today,
      {
        approvedFen: amount,
        countyDecision: input.countyDecision ?? null,
        ...(missing.length ? { waived: missing, waiveReason: input.waiveReason } : {}),
      },
      {
        approved_fen: amount,
        county_review: county ? 1 : 0,
        decided_on: today,
        decided_by: ctx.session.staff!.id,
      },
      guard,
    );
  },

  'applications.materials': (ctx, input) => {
    const before = applicationDetail(ctx.db, input.id, ctx.now);
    if (!(OPEN_STATES as readonly State[]).includes(before.state))
      throw new AppError('CONFLICT', `受理编号 ${before.acceptanceNo} 已${STATE_LABELS[before.state]}，材料不能再改`);
    const unknown = input.materials.filter((m) => !before.materialsRequired.includes(m));
    if (unknown.length) throw new AppError('VALIDATION', `“${unknown[0]}”不在这类救助的材料清单中`, 'materials');
    const received = before.materialsRequired.filter((m) => input.materials.includes(m));
    prep(ctx.db, 'UPDATE applications SET materials_received = ?, updated_at = ? WHERE id = ?').run(
      JSON.stringify(received),
      isoCn(ctx.now),
      input.id,
    );
    ctx.audit('application', input.id, { materials: before.materialsReceived }, { materials: received });
    return applicationDetail(ctx.db, input.id, ctx.now);
  },

  'applications.reject': (ctx, input) =>
    transition(
      ctx,
      input.id,
      'reject',
      dateCn(ctx.now),
      { reason: input.reason },
      { decided_on: dateCn(ctx.now), decided_by: ctx.session.staff!.id },
    ),

  'applications.withdraw': (ctx, input) =>
    transition(ctx, input.id, 'withdraw', dateCn(ctx.now), { reason: input.reason }),

  'applications.urgentApprove': (ctx, input) => {
    const a = record(ctx.db, input.id);
    const kind = reliefKind(ctx.db, a.kindCode);
    if (!kind.urgentAllowed) throw new AppError('CONFLICT', `${kind.name}不适用先行救助`);
    const amount = fen(input.amount);
    if (amount > a.requestedFen) throw new AppError('VALIDATION', '批准金额不能超过申请金额', 'amount');
    if (kind.townshipCeilingFen !== null && amount > kind.townshipCeilingFen)
      throw new AppError('VALIDATION', `先行救助不能超过乡镇审批权限（${kind.townshipCeilingFen / 100} 元）`, 'amount');
    const today = dateCn(ctx.now);
    return transition(
      ctx,
      input.id,
      'urgentApprove',
      today,
      { approvedFen: amount, reason: input.reason },
      {
        urgent: 1,
        approved_fen: amount,
        decided_on: today,
        decided_by: ctx.session.staff!.id,
        paperwork_due: addWorkingDays(today, kind.paperworkDays, loadCalendar(ctx.db)),
      },
    );
  },

  'applications.completePaperwork': (ctx, input) => {
    const a = record(ctx.db, input.id);
    if (!a.urgent || a.paperworkDoneOn)
      throw new AppError('CONFLICT', `受理编号 ${a.acceptanceNo} 没有待补的先行救助材料`);
    const today = dateCn(ctx.now);
    prep(ctx.db, 'UPDATE applications SET paperwork_done_on = ?, updated_at = ? WHERE id = ?').run(
      today,
      isoCn(ctx.now),
      a.id,
    );
    step(ctx, a.id, 'completePaperwork', a.state, a.state, today, { note: input.note });
    ctx.audit('application', a.id, { paperworkDoneOn: null }, { paperworkDoneOn: today, note: input.note });
    return applicationDetail(ctx.db, a.id, ctx.now);
  },
} satisfies Partial<Handlers>;
