import { z } from 'zod';

import { FIELDS as F, requiredMessage } from '../domain/fields';
import type { BatchState, Method } from '../domain/payments';
import { id, isoDate, pageInput, text } from './common';

export const month = (label = '月份') =>
  z.string({ error: `请选择${label}` }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, `${label}格式应为 YYYY-MM`);

export const payInput = z.object({
  applicationId: id,
  /** Yuan as typed (1,234.50, １２３); main turns it into fen by rule. */
  amount: z.string({ error: requiredMessage(F.amount) }).max(32, '金额格式不对'),
  method: z.enum(['cash', 'bank'], { error: '请选择发放方式' }),
  paidOn: isoDate('发放日期'),
  note: text('备注', { max: 200 }).default(''),
});
export const reverseInput = z.object({ id, reason: text(F.reverseReason.label, { min: 2, max: 200 }) });
export const entitlementInput = z.object({
  applicationId: id,
  startMonth: month('起发月份'),
  endMonth: month('停发月份').nullable().default(null),
});

export const paymentListInput = pageInput(['paidOn', 'amount'], {
  kindCode: z.string().max(40).optional(),
  areaId: id.optional(),
  month: month().optional(),
  year: z.number().int().min(2000).max(2100).optional(),
  method: z.enum(['cash', 'bank']).optional(),
  reversed: z.enum(['payments', 'standing', 'reversed', 'reversal']).optional(),
  /** Also count the distinct persons and households (a drill-down from the annual report asks for them). */
  distinct: z.boolean().optional(),
  householdId: id.optional(),
  applicationId: id.optional(),
  batchId: id.optional(),
});

export const batchCreateInput = z.object({
  month: month('发放月份'),
  kindCode: z.string().max(40).nullable().default(null),
});
export const batchExcludeInput = z.object({
  batchId: id,
  entitlementId: id,
  forMonth: month(),
  /** null puts the row back into the batch. */
  reason: text(F.excludeReason.label, { min: 2, max: 100 }).nullable(),
});
export const batchListInput = pageInput(['month'], { state: z.enum(['draft', 'posted', 'cancelled']).optional() });
export const batchRowsInput = pageInput(['seq'], { batchId: id, areaId: id.optional() });
export const bankResultsInput = z.object({
  batchId: id,
  fileName: z.string().max(200).default(''),
  /** The file's text (UTF-8; the renderer decodes GBK files before sending). */
  content: z.string().max(5_000_000, '文件过大（超过 5 MB）'),
});

export interface PaymentRow {
  id: number;
  paidOn: string;
  applicationId: number;
  acceptanceNo: string;
  householdId: number;
  personName: string;
  area: string;
  kind: string;
  amountFen: number;
  /** amountFen, negative for a reversal: what the row adds to a total. */
  signedFen: number;
  method: Method;
  accountTail: string | null;
  batchNo: string | null;
  forMonth: string | null;
  reversesId: number | null;
  reversedBy: number | null;
  note: string;
  postedBy: string;
}

export interface PaymentDetail extends PaymentRow {
  /** Masked: 3301**********1234. */
  idNumber: string;
  postedAt: string;
  bankStatus: 'success' | 'failed' | null;
}

export interface Entitlement {
  id: number;
  monthlyFen: number;
  startMonth: string;
  endMonth: string | null;
}

export interface CasePayments {
  applicationId: number;
  recurrence: 'one_off' | 'monthly';
  approvedFen: number | null;
  /** Sum of the case's payments net of reversals. */
  paidFen: number;
  /** One-off: what may still be paid. */
  remainingFen: number;
  entitlement: Entitlement | null;
  payments: PaymentRow[];
}

export interface BatchRow {
  id: number;
  batchNo: string | null;
  month: string;
  kind: string | null;
  state: BatchState;
  /** Rows to pay (not excluded) and their total: live for a draft, the stored figures once posted. */
  rowCount: number;
  totalFen: number;
  excludedCount: number;
  madeBy: string;
  madeAt: string;
  approvedBy: string | null;
  paidOn: string | null;
}

export interface BatchLine {
  seq: number;
  entitlementId: number;
  forMonth: string;
  area: string;
  personName: string;
  /** Masked. */
  idNumber: string;
  kind: string;
  amountFen: number;
  accountTail: string;
  excludedReason: string | null;
  paymentId: number | null;
  bankStatus: 'success' | 'failed' | null;
  reversed: boolean;
}

export interface Roster {
  batch: BatchRow;
  area: string | null;
  rows: BatchLine[];
}

export interface BatchCheck {
  id: number;
  batchNo: string;
  month: string;
  storedCount: number;
  storedFen: number;
  ledgerCount: number;
  ledgerFen: number;
  ok: boolean;
}

export interface LedgerCheck {
  batches: BatchCheck[];
  /** One-off cases paid more than approved (net of reversals). */
  overpaid: { applicationId: number; acceptanceNo: string; approvedFen: number; paidFen: number }[];
  /** Lines of the stored totals (by month, kind, area, method) that differ from the payments: 0 when all agree. */
  totalsOff: number;
  ok: boolean;
}

export interface BankImportResult {
  succeeded: number;
  failed: number;
  reversalIds: number[];
}
