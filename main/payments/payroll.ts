// Monthly payroll batches (发放批次): collect every active entitlement of a month (and bank-failed months to
// re-issue), let the maker exclude rows with a reason, then another person approves and every row posts as a
// payment in that one transaction, under a gapless batch number drawn there.

import { AppError } from '../../shared/domain/result';
import { addMonths, dateCn, isoCn, monthCn, monthOf } from '../../shared/domain/time';
import type { BatchRow } from '../../shared/schemas/payments';
import type { Ctx, Handlers } from '../core/dispatch';
import { nextNumber } from '../core/numbers';
import { orderBy, page, Where } from '../core/paging';
import { type DB, prep } from '../db/open';
import { bankFile, importBankResults, rosterXlsx } from './bankFiles';
import { BATCH, batchLines, batchRow, roster, STANDING } from './batchList';
import { assertMonthOpen } from './payments';

function createBatch(ctx: Ctx, month: string, kindCode: string | null): number {
  const { db } = ctx;
  // Next month's batch may be readied before this month ends; one further ahead is a mistyped month.
  const next = addMonths(monthOf(dateCn(ctx.now)), 1);
  if (month > next) throw new AppError('VALIDATION', `发放月份最晚只能选下个月（${monthCn(next)}）`, 'month');
  if (kindCode && !prep(db, `SELECT 1 FROM relief_kinds WHERE code = ? AND recurrence = 'monthly'`).get(kindCode))
    throw new AppError('VALIDATION', '请选择按月发放的救助类别', 'kindCode');
  const draft = prep(db, `SELECT id FROM payroll_batches WHERE month = ? AND state = 'draft'`).get(month) as
    { id: number } | undefined;
  if (draft) throw new AppError('CONFLICT', `${month} 已有一个草稿批次（草稿 ${draft.id}），请先审批或作废它`, 'month');
  const at = isoCn(ctx.now);
  const id = Number(
    prep(
      db,
      `INSERT INTO payroll_batches (month, kind_code, state, made_by, made_at) VALUES (?, ?, 'draft', ?, ?)`,
    ).run(month, kindCode, ctx.session.staff!.id, at).lastInsertRowid,
  );
  // This month's active entitlements, and earlier months the bank returned, unless a standing payment exists.
  const { changes } = prep(
    db,
    `INSERT INTO payroll_rows (batch_id, seq, entitlement_id, for_month, amount_fen, account, excluded_reason)
     SELECT @batch, row_number() OVER (ORDER BY ar.sort_order, ar.id, pe.name_initials, pe.id, c.for_month),
       c.ent, c.for_month, e.monthly_fen, h.account,
       CASE WHEN h.status <> 'registered' THEN '已退出台账' WHEN h.account = '' THEN '未登记一卡通账号' END
     FROM (
       SELECT e.id AS ent, @month AS for_month
       FROM entitlements e
       WHERE e.start_month <= @month AND (e.end_month IS NULL OR e.end_month >= @month)
         AND NOT ${STANDING('e.id', '@month')}
       UNION
       SELECT p.entitlement_id, p.for_month
       FROM payments rv
       JOIN payments p ON p.id = rv.reverses_id
       WHERE rv.cause = 'bank_failed' AND p.for_month < @month
         AND NOT ${STANDING('p.entitlement_id', 'p.for_month')}
     ) c
     JOIN entitlements e ON e.id = c.ent
     JOIN applications a ON a.id = e.application_id
     JOIN households h ON h.id = a.household_id
     JOIN persons pe ON pe.id = a.person_id
     JOIN areas ar ON ar.id = h.area_id
     WHERE a.state IN ('approved', 'paid')
       AND (@kind IS NULL OR a.kind_code = @kind
         OR a.kind_code IN (SELECT code FROM relief_kinds WHERE parent_code = @kind))`,
  ).run({ batch: id, month, kind: kindCode });
  if (changes === 0) throw new AppError('CONFLICT', `${month} 没有需要发放的按月待遇（或都已发放）`, 'month');
  return id;
}

function draftBatch(db: DB, id: number): BatchRow & { madeById: number } {
  const b = batchRow(db, id);
  if (b.state !== 'draft')
    throw new AppError('CONFLICT', `批次 ${b.batchNo ?? id} ${b.state === 'posted' ? '已过账' : '已作废'}，不能再修改`);
  const { madeById } = prep(db, 'SELECT made_by AS madeById FROM payroll_batches WHERE id = ?').get(id) as {
    madeById: number;
  };
  return { ...b, madeById };
}

/** Approves and posts: all rows or none, under the next batch number of the year. */
function postBatch(ctx: Ctx, id: number): void {
  const { db } = ctx;
  const b = draftBatch(db, id);
  const me = ctx.session.staff!.id;
  if (b.madeById === me) throw new AppError('FORBIDDEN', '这个批次是您制作的，须由另一名审批人审批');
  // Whoever excluded or put back a row has shaped the batch as much as its maker. The audit log says who did: its rows
  // are never updated or deleted (0001_foundation.sql), so an edit cannot be handed to someone else afterwards.
  const edited = prep(
    db,
    `SELECT 1
      FROM audit_log
      WHERE entity = 'payrollBatch' AND entity_id = ? AND channel = 'payroll.exclude' AND staff_id = ?
      LIMIT 1`,
  ).get(String(id), me);
  if (edited)
    throw new AppError('FORBIDDEN', '您修改过这个批次（剔除或恢复过其中的行），视同是您制作的，须由另一名审批人审批');
  if (b.rowCount === 0) throw new AppError('CONFLICT', '批次中没有要发放的行（全部已剔除）');
  const today = dateCn(ctx.now);
  assertMonthOpen(db, today);
  if (b.month > monthOf(today)) throw new AppError('CONFLICT', `${monthCn(b.month)}还没有开始，不能提前发放该月的待遇`);
  // Every row is checked again now: the household may have exited, the entitlement ended, the account gone.
  const stale = prep(
    db,
    `SELECT pe.name, r.for_month AS month,
       CASE
         WHEN h.status <> 'registered' THEN '已退出台账'
         WHEN e.start_month > r.for_month OR e.end_month < r.for_month THEN '该月不在按月发放的起止月份内'
         WHEN r.account = '' THEN '未登记一卡通账号'
       END AS problem
     FROM payroll_rows r
     JOIN entitlements e ON e.id = r.entitlement_id
     JOIN applications a ON a.id = e.application_id
     JOIN households h ON h.id = a.household_id
     JOIN persons pe ON pe.id = a.person_id
     WHERE r.batch_id = ? AND r.excluded_reason IS NULL AND problem IS NOT NULL
     ORDER BY r.seq
     LIMIT 1`,
  ).get(id) as { name: string; month: string; problem: string } | undefined;
  if (stale)
    throw new AppError('CONFLICT', `${stale.name} ${stale.month}：${stale.problem}，不能发放。请剔除这一行后再审批`);
  const dup = prep(
    db,
    `SELECT pe.name, r.for_month AS month
      FROM payroll_rows r
      JOIN entitlements e ON e.id = r.entitlement_id
      JOIN applications a ON a.id = e.application_id
      JOIN persons pe ON pe.id = a.person_id
      WHERE r.batch_id = ? AND r.excluded_reason IS NULL AND ${STANDING('r.entitlement_id', 'r.for_month')}
      LIMIT 1`,
  ).get(id) as { name: string; month: string } | undefined;
  if (dup)
    throw new AppError(
      'CONFLICT',
      `${dup.name} ${dup.month} 的补贴已经发放过，同一月份不能重复发放：请剔除这一行或作废本批次`,
    );

  const year = Number(today.slice(0, 4));
  const batchNo = `${year}-${String(nextNumber(db, 'batch', year)).padStart(3, '0')}`;
  const at = isoCn(ctx.now);
  const posted = prep(
    db,
    `INSERT INTO payments (application_id, household_id, person_id, area_id, kind_code, top_kind, amount_fen,
      paid_on, method, account, batch_id,
       entitlement_id, for_month, note, posted_by, posted_at)
     SELECT a.id, a.household_id, a.person_id, h.area_id, a.kind_code, coalesce(k.parent_code, k.code), r.amount_fen,
         @today, 'bank', r.account, r.batch_id,
       r.entitlement_id, r.for_month, CASE WHEN r.for_month <> @month THEN '补发 ' || r.for_month ELSE '' END, @me, @at
       FROM payroll_rows r JOIN entitlements e ON e.id = r.entitlement_id JOIN applications a ON a.id = e.application_id
       JOIN households h ON h.id = a.household_id JOIN relief_kinds k ON k.code = a.kind_code
      WHERE r.batch_id = @id AND r.excluded_reason IS NULL ORDER BY r.seq`,
  ).run({ id, today, month: b.month, me, at }).changes;
  prep(
    db,
    `UPDATE payroll_batches
      SET state = 'posted', batch_no = ?, row_count = ?, total_fen = ?, approved_by = ?, posted_at = ?, paid_on = ?
      WHERE id = ?`,
  ).run(batchNo, posted, b.totalFen, me, at, today, id);
  // A monthly case's first payment moves it from approved to paid, with its step.
  const cases = `SELECT e.application_id
    FROM payroll_rows r
    JOIN entitlements e ON e.id = r.entitlement_id
    WHERE r.batch_id = @id AND r.excluded_reason IS NULL`;
  prep(
    db,
    `INSERT INTO application_steps (application_id, action, from_state, to_state, on_date, staff_id, at, detail)
     SELECT id, 'pay', 'approved', 'paid', @today, @me, @at, json_object('batchNo', @batchNo)
      FROM applications
      WHERE state = 'approved' AND id IN (${cases})`,
  ).run({ id, today, me, at, batchNo });
  prep(
    db,
    `UPDATE applications SET state = 'paid', updated_at = @at WHERE state = 'approved' AND id IN (${cases})`,
  ).run({ id, at });
  ctx.audit(
    'payrollBatch',
    id,
    { state: 'draft' },
    { state: 'posted', batchNo, rowCount: posted, totalFen: b.totalFen, paidOn: today },
  );
}

const SORT = { month: 'b.month' } as const;

export const payrollHandlers = {
  'payroll.create': (ctx, input) => {
    const id = createBatch(ctx, input.month, input.kindCode);
    const b = batchRow(ctx.db, id);
    ctx.audit('payrollBatch', id, null, {
      month: b.month,
      kind: input.kindCode,
      rowCount: b.rowCount,
      totalFen: b.totalFen,
      excluded: b.excludedCount,
    });
    return b;
  },
  'payroll.get': (ctx, input) => batchRow(ctx.db, input.id),
  'payroll.list': (ctx, q) => {
    const where = new Where();
    if (q.state) where.add('b.state = ?', q.state);
    const order = orderBy(SORT, q.sort, 'b.id DESC', 'b.id');
    return page<BatchRow>(ctx.db, q, { select: BATCH, from: 'FROM payroll_batches b', where, order });
  },
  'payroll.rows': (ctx, input) => batchLines(ctx.db, input),
  'payroll.rosterXlsx': async (ctx, input) => {
    const file = await rosterXlsx(ctx, input.id, input.areaId);
    ctx.audit('export', input.id, null, { what: '发放花名册', fileName: file.fileName, rows: file.rows });
    return file;
  },
  'payroll.bankFile': async (ctx, input) => bankFile(ctx, input.id),
  'payroll.importBankResults': (ctx, input) => importBankResults(ctx, input.batchId, input.content),
  /** The roster is read to be printed: the print is recorded. */
  'payroll.roster': (ctx, input) => {
    const r = roster(ctx.db, input.id, input.areaId);
    ctx.audit('print', input.id, null, { what: '发放花名册', areaId: input.areaId ?? null, rows: r.rows.length });
    return r;
  },

  'payroll.exclude': (ctx, input) => {
    // The maker (制表人) stays who made the batch; this call's audit row is what bars its editor from approving it.
    draftBatch(ctx.db, input.batchId);
    const key = [input.batchId, input.entitlementId, input.forMonth];
    const old = prep(
      ctx.db,
      'SELECT excluded_reason AS reason FROM payroll_rows WHERE batch_id = ? AND entitlement_id = ? AND for_month = ?',
    ).get(...key) as { reason: string | null } | undefined;
    if (!old) throw new AppError('NOT_FOUND', '批次中没有这一行');
    prep(
      ctx.db,
      'UPDATE payroll_rows SET excluded_reason = ? WHERE batch_id = ? AND entitlement_id = ? AND for_month = ?',
    ).run(input.reason, ...key);
    ctx.audit(
      'payrollBatch',
      input.batchId,
      { entitlementId: input.entitlementId, forMonth: input.forMonth, excluded: old.reason },
      { excluded: input.reason },
    );
    return batchRow(ctx.db, input.batchId);
  },

  'payroll.cancel': (ctx, input) => {
    draftBatch(ctx.db, input.id);
    prep(ctx.db, `UPDATE payroll_batches SET state = 'cancelled' WHERE id = ?`).run(input.id);
    ctx.audit('payrollBatch', input.id, { state: 'draft' }, { state: 'cancelled', reason: input.reason });
    return batchRow(ctx.db, input.id);
  },

  'payroll.approve': (ctx, input) => {
    postBatch(ctx, input.id);
    return batchRow(ctx.db, input.id);
  },
} satisfies Partial<Handlers>;
