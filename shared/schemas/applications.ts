import { z } from 'zod';

import { FIELDS as F, requiredMessage } from '../domain/fields';
import { APPLICATION_TALLIES } from '../domain/reports';
import { QUEUE_KEYS, type State, STATES } from '../domain/workflow';
import { id, isoDate, pageInput, text } from './common';

/** Yuan as typed (1,234.50, １２３); main turns it into fen by rule. */
const yuan = z.string({ error: requiredMessage(F.amount) }).max(32, '金额格式不对');

export const registerInput = z.object({
  householdId: id,
  personId: id,
  kindCode: z.string().max(40),
  reason: text(F.applyReason.label, { min: 2, max: 500, multiline: true }),
  amount: yuan,
  materials: z.array(z.string().max(60)).max(30).default([]),
});
export const investigateInput = z.object({
  id,
  investigators: z.tuple([text('调查人', { min: 1, max: 20 }), text('调查人', { min: 1, max: 20 })], {
    error: '入户调查需要两名调查人',
  }),
  visitedOn: isoDate('调查日期'),
  findings: text('调查情况', { min: 2, max: 2000, multiline: true }),
});
export const reviewInput = z.object({ id, opinion: text('审核意见', { min: 2, max: 1000, multiline: true }) });
export const publicizeInput = z.object({
  id,
  fromDate: isoDate('公示开始日期'),
  /** Only for a 公示 that began on an earlier day (an admin's correction, within 3 working days). */
  backdateReason: text('补登原因', { min: 2, max: 200 }).optional(),
});
export const objectInput = z.object({ id, objection: text('异议内容', { min: 2, max: 1000, multiline: true }) });
export const approveInput = z.object({
  id,
  amount: yuan,
  /** Above the township's ceiling: the county's decision, entered by an approver. */
  countyDecision: z
    .object({ docNo: text('县级批复文号', { min: 2, max: 60 }), date: isoDate('县级批复日期') })
    .optional(),
  /** 容缺受理: approving while materials are still missing needs a reason, kept on the step and in the audit log. */
  waiveReason: text('容缺受理理由', { min: 2, max: 200 }).optional(),
});
/** The materials received so far (the whole list, each from the kind's checklist). */
export const materialsInput = z.object({ id, materials: z.array(z.string().max(60)).max(30) });
export const rejectInput = z.object({ id, reason: text('不予批准的理由', { min: 2, max: 1000, multiline: true }) });
export const withdrawInput = z.object({ id, reason: text(F.withdrawReason.label, { min: 2, max: 500 }) });
export const urgentApproveInput = z.object({ id, amount: yuan, reason: text('先行救助理由', { min: 2, max: 500 }) });
export const completePaperworkInput = z.object({
  id,
  note: text('补充材料说明', { min: 2, max: 1000, multiline: true }),
});

export const applicationListInput = pageInput(['acceptanceNo', 'acceptedOn', 'deadline', 'requested'], {
  kindCode: z.string().max(40).optional(),
  state: z.enum(STATES).optional(),
  areaId: id.optional(),
  householdId: id.optional(),
  overdue: z.boolean().optional(),
  /** One of 首页's queues: the cases waiting for that step. */
  queue: z.enum(QUEUE_KEYS).optional(),
  /** An application figure of the annual report: the cases behind it. */
  yearTally: z.object({ year: z.number().int().min(2000).max(2100), tally: z.enum(APPLICATION_TALLIES) }).optional(),
});

export interface ReliefKind {
  code: string;
  name: string;
  parentCode: string | null;
  materials: string[];
  timeLimitDays: number;
  recurrence: 'one_off' | 'monthly';
  townshipCeilingFen: number | null;
  maxPerYear: number | null;
  distinctReason: boolean;
  urgentAllowed: boolean;
  paperworkDays: number;
}

export interface ApplicationRow {
  id: number;
  acceptanceNo: string;
  householdId: number;
  personName: string;
  area: string;
  kind: string;
  requestedFen: number;
  approvedFen: number | null;
  state: State;
  urgent: boolean;
  countyReview: boolean;
  acceptedOn: string;
  deadline: string;
  /** Working days left to the deadline (or to the paperwork due day of 先行救助); negative when overdue. */
  daysLeft: number | null;
}

export interface ApplicationStep {
  action: string;
  fromState: State | null;
  toState: State;
  onDate: string;
  staffName: string;
  at: string;
  detail: Record<string, unknown>;
}

export interface ApplicationDetail extends ApplicationRow {
  personId: number;
  kindCode: string;
  reason: string;
  materialsRequired: string[];
  materialsReceived: string[];
  materialsMissing: string[];
  /** Paid month by month (an entitlement and the payroll), not once. */
  monthly: boolean;
  publicityFrom: string | null;
  publicityTo: string | null;
  paperworkDue: string | null;
  paperworkDoneOn: string | null;
  registeredBy: string;
  steps: ApplicationStep[];
}

/** A line of the 公示 list: what is publicized, and nothing more (no ID number, no phone). */
export interface PublicityRow {
  area: string;
  personName: string;
  kind: string;
  requestedFen: number;
  publicityFrom: string;
  publicityTo: string;
  acceptanceNo: string;
}

export const reliefKindSaveInput = z.object({
  code: z.string().regex(/^[a-z][a-z_]{1,39}$/, '类别代码用小写字母和下划线，如 winter_aid'),
  name: text('类别名称', { min: 2, max: 30 }),
  parentCode: z.string().max(40).nullable().default(null),
  materials: z.array(text('材料名称', { min: 1, max: 60 })).max(30),
  timeLimitDays: z
    .number({ error: requiredMessage(F.timeLimitDays) })
    .int()
    .min(1, '办理时限至少 1 个工作日')
    .max(90, '办理时限最多 90 个工作日'),
  recurrence: z.enum(['one_off', 'monthly']),
  /** Yuan as typed, or empty for no ceiling. */
  townshipCeiling: z.string().max(32).default(''),
  maxPerYear: z.number().int().min(1).max(12).nullable().default(null),
  distinctReason: z.boolean().default(false),
  urgentAllowed: z.boolean().default(false),
  paperworkDays: z.number().int().min(1).max(60).default(10),
  active: z.boolean().default(true),
});
