// Money out: single payments of approved one-off cases and reversals (冲正); the posting rules that entitlements.ts,
// months.ts and payroll.ts share.
// A posted payment is only ever inserted; the triggers of migration 0004 refuse any UPDATE or DELETE.
import { fen, formatYuan } from '../../shared/domain/money';
import { AppError } from '../../shared/domain/result';
import { dateCn, isoCn, monthOf } from '../../shared/domain/time';
import { type State, STATE_LABELS } from '../../shared/domain/workflow';
import { moveCase } from '../cases';
import type { Ctx, Handlers } from '../core/dispatch';
import { type DB, prep } from '../db/open';
import { paymentDetail } from './paymentList';

/** Refuses a posting or reversal dated in a closed month (the trigger refuses it too, without the field). */
export function assertMonthOpen(db: DB, day: string, field?: string): void {
  if (prep(db, 'SELECT 1 FROM closed_months WHERE month = ?').get(monthOf(day)))
    throw new AppError('CONFLICT', `${monthOf(day)} 已结账，不能再过账或冲正；如确需更正，请管理员先反结账`, field);
}

interface CaseRecord {
  id: number;
  acceptanceNo: string;
  state: State;
  approvedFen: number | null;
  decidedOn: string | null;
  householdId: number;
  personId: number;
  kindCode: string;
  topKind: string;
  kindName: string;
  recurrence: 'one_off' | 'monthly';
  areaId: number;
  account: string;
}

function caseRecord(db: DB, id: number): CaseRecord {
  const r = prep(
    db,
    `SELECT a.id, a.acceptance_no AS acceptanceNo, a.state, a.approved_fen AS approvedFen, a.decided_on AS decidedOn,
        a.household_id AS householdId,
            a.person_id AS personId, a.kind_code AS kindCode, coalesce(k.parent_code, k.code) AS topKind,
        k.name AS kindName, k.recurrence, h.area_id AS areaId, h.account
      FROM applications a
      JOIN relief_kinds k ON k.code = a.kind_code
      JOIN households h ON h.id = a.household_id
      WHERE a.id = ?`,
  ).get(id) as CaseRecord | undefined;
  if (!r) throw new AppError('NOT_FOUND', '找不到这个申请', 'applicationId');
  return r;
}

const netPaid = (db: DB, applicationId: number) =>
  (
    prep(db, 'SELECT coalesce(sum(signed_fen), 0) AS fen FROM payments WHERE application_id = ?').get(
      applicationId,
    ) as { fen: number }
  ).fen;

function pay(ctx: Ctx, input: Parameters<Handlers['payments.pay']>[1]): number {
  const { db } = ctx;
  const a = caseRecord(db, input.applicationId);
  if (a.recurrence === 'monthly')
    throw new AppError('CONFLICT', `${a.kindName}按月发放，请通过发放批次发放`, 'applicationId');
  if (a.state !== 'approved')
    throw new AppError(
      'CONFLICT',
      `受理编号 ${a.acceptanceNo} 当前为“${STATE_LABELS[a.state]}”，只有已审批待发放的申请才能发放`,
      'applicationId',
    );
  const amount = fen(input.amount);
  const remaining = a.approvedFen! - netPaid(db, a.id);
  if (amount > remaining)
    throw new AppError('VALIDATION', `发放金额不能超过尚未发放的批准金额 ${formatYuan(remaining)} 元`, 'amount');
  if (input.paidOn > dateCn(ctx.now)) throw new AppError('VALIDATION', '发放日期不能晚于今天', 'paidOn');
  if (a.decidedOn && input.paidOn < a.decidedOn)
    throw new AppError('VALIDATION', `发放日期不能早于审批日期 ${a.decidedOn}`, 'paidOn');
  assertMonthOpen(db, input.paidOn, 'paidOn');
  if (input.method === 'bank' && !a.account)
    throw new AppError('VALIDATION', '这一户没有登记一卡通账号：请先在台账中填写，或改为现金发放', 'method');
  const id = Number(
    prep(
      db,
      `INSERT INTO payments (application_id, household_id, person_id, area_id, kind_code, top_kind, amount_fen,
        paid_on, method, account, note, posted_by, posted_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      a.id,
      a.householdId,
      a.personId,
      a.areaId,
      a.kindCode,
      a.topKind,
      amount,
      input.paidOn,
      input.method,
      input.method === 'bank' ? a.account : null,
      input.note,
      ctx.session.staff!.id,
      isoCn(ctx.now),
    ).lastInsertRowid,
  );
  if (amount === remaining) moveCase(ctx, a.id, 'approved', 'paid', 'pay', { paymentId: id, amountFen: amount });
  return id;
}

interface PaymentRecord {
  id: number;
  application_id: number;
  amount_fen: number;
  reverses_id: number | null;
}

/** Inserts the reversal of a payment, dated today; a one-off case paid in full goes back to waiting for payment. */
export function reversePayment(ctx: Ctx, id: number, cause: 'manual' | 'bank_failed', note: string): number {
  const { db } = ctx;
  const p = prep(db, 'SELECT id, application_id, amount_fen, reverses_id FROM payments WHERE id = ?').get(id) as
    PaymentRecord | undefined;
  if (!p) throw new AppError('NOT_FOUND', `找不到发放记录 ${id}`);
  if (p.reverses_id !== null) throw new AppError('CONFLICT', `记录 ${id} 本身是冲正记录，冲正记录不能再冲正`);
  const earlier = prep(db, 'SELECT id, paid_on AS on_ FROM payments WHERE reverses_id = ?').get(id) as
    { id: number; on_: string } | undefined;
  if (earlier)
    throw new AppError('CONFLICT', `发放记录 ${id} 已于 ${earlier.on_} 冲正（冲正记录 ${earlier.id}），不能重复冲正`);
  const today = dateCn(ctx.now);
  assertMonthOpen(db, today);
  const rid = Number(
    prep(
      db,
      `INSERT INTO payments (application_id, household_id, person_id, area_id, kind_code, top_kind, amount_fen,
        paid_on, method, account, batch_id,
         entitlement_id, for_month, reverses_id, cause, note, posted_by, posted_at)
       SELECT application_id, household_id, person_id, area_id, kind_code, top_kind, amount_fen, ?, method, account,
          batch_id,
         entitlement_id, for_month, id, ?, ?, ?, ?
        FROM payments
        WHERE id = ?`,
    ).run(today, cause, note, ctx.session.staff!.id, isoCn(ctx.now), id).lastInsertRowid,
  );
  const a = caseRecord(db, p.application_id);
  if (a.recurrence === 'one_off' && a.state === 'paid')
    moveCase(ctx, a.id, 'paid', 'approved', 'reverse', { paymentId: id, reversalId: rid, reason: note });
  return rid;
}

export function saveEntitlement(ctx: Ctx, input: Parameters<Handlers['entitlements.save']>[1]): void {
  const { db } = ctx;
  const a = caseRecord(db, input.applicationId);
  if (a.recurrence !== 'monthly')
    throw new AppError('CONFLICT', `${a.kindName}是一次性救助，不设按月发放`, 'applicationId');
  if (a.state !== 'approved' && a.state !== 'paid')
    throw new AppError('CONFLICT', `受理编号 ${a.acceptanceNo} 尚未审批，不能设置按月发放`, 'applicationId');
  if (input.endMonth !== null && input.endMonth < input.startMonth)
    throw new AppError('VALIDATION', '停发月份不能早于起发月份', 'endMonth');
  const old = prep(
    db,
    'SELECT id, start_month AS startMonth, end_month AS endMonth FROM entitlements WHERE application_id = ?',
  ).get(a.id) as { id: number; startMonth: string; endMonth: string | null } | undefined;
  const at = isoCn(ctx.now);
  if (!old) {
    const id = prep(
      db,
      `INSERT INTO entitlements (application_id, monthly_fen, start_month, end_month, created_by, created_at,
        updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(a.id, a.approvedFen, input.startMonth, input.endMonth, ctx.session.staff!.id, at, at).lastInsertRowid;
    ctx.audit('entitlement', Number(id), null, { ...input, monthlyFen: a.approvedFen });
    return;
  }
  const paid = prep(
    db,
    `SELECT min(for_month) AS first, max(for_month) AS last
      FROM payments
      WHERE entitlement_id = ? AND reverses_id IS NULL`,
  ).get(old.id) as {
    first: string | null;
    last: string | null;
  };
  if (paid.first && input.startMonth > paid.first)
    throw new AppError('CONFLICT', `${paid.first} 已经发放，起发月份不能晚于它`, 'startMonth');
  if (paid.last && input.endMonth !== null && input.endMonth < paid.last)
    throw new AppError('CONFLICT', `已发放到 ${paid.last}，停发月份不能早于它`, 'endMonth');
  prep(db, 'UPDATE entitlements SET start_month = ?, end_month = ?, updated_at = ? WHERE id = ?').run(
    input.startMonth,
    input.endMonth,
    at,
    old.id,
  );
  ctx.audit('entitlement', old.id, old, { startMonth: input.startMonth, endMonth: input.endMonth });
}

export const paymentHandlers = {
  'payments.pay': (ctx, input) => {
    const id = pay(ctx, input);
    const p = paymentDetail(ctx.db, id);
    ctx.audit('payment', id, null, {
      applicationId: p.applicationId,
      amountFen: p.amountFen,
      method: p.method,
      paidOn: p.paidOn,
    });
    return p;
  },

  'payments.reverse': (ctx, input) => {
    const rid = reversePayment(ctx, input.id, 'manual', input.reason);
    const r = paymentDetail(ctx.db, rid);
    ctx.audit('payment', rid, null, { reverses: input.id, amountFen: r.amountFen, reason: input.reason });
    return r;
  },
} satisfies Partial<Handlers>;
