import { z } from 'zod';

import {
  type Agreement,
  DISPUTE_FIGURES,
  type DisputeSource,
  type DisputeState,
  type Followup,
  type PartyRole,
  type Route,
} from '../domain/disputes';
import { FIELDS as F, requiredMessage } from '../domain/fields';
import { id, isoDate, name, pageInput, phone, text } from './common';
import type { TimelineStep } from './service';

const long = (label: string, min = 2) => text(label, { min, max: 2000, multiline: true });

export const partyInput = z.object({
  role: z.enum(['applicant', 'respondent'], { error: '请选择当事人身份' }),
  name: name('当事人姓名', 20),
  /** Optional; main checks it (GB 11643) and never shows it whole in a list. */
  idNumber: z.string().max(24, '身份证号格式不对').default(''),
  phone: phone.default(''),
  address: text('住址', { max: 100 }).default(''),
  householdId: id.optional(),
});

export const disputeCreateInput = z.object({
  acceptedOn: isoDate('受理日期'),
  source: z.enum(['applied', 'found', 'assigned', 'referred'], { error: '请选择纠纷来源' }),
  type: z
    .string({ error: requiredMessage(F.disputeType) })
    .min(1, requiredMessage(F.disputeType))
    .max(20),
  areaId: id,
  parties: z.array(partyInput).max(20, '当事人最多 20 人'),
  /** 涉及人数: at least the named parties. */
  persons: z
    .number({ error: requiredMessage(F.persons) })
    .int('涉及人数应为整数')
    .min(2, '涉及人数至少 2 人')
    .max(100000),
  /** Yuan as typed ('' for none); main turns it into fen by rule. */
  amount: z.string().max(32, '金额格式不对').default(''),
  facts: long('纠纷事实及争议事项'),
  mediatorIds: z.array(id).max(10, '调解员最多 10 人'),
});

export const disputeSessionInput = z.object({
  id,
  heldOn: isoDate('调解日期'),
  place: text(F.place.label, { min: 2, max: 60 }),
  attendees: text(F.attendees.label, { min: 2, max: 200 }),
  statements: long('调解经过（各方陈述）'),
  proposal: text('调解意见', { max: 2000, multiline: true }).default(''),
  recorder: text('记录人', { max: 20 }).default(''),
});

const concluded = { id, concludedOn: isoDate('办结日期') };
export const disputeConcludeInput = z.discriminatedUnion('result', [
  z.object({ ...concluded, result: z.literal('oral'), terms: long('口头协议内容') }),
  z.object({
    ...concluded,
    result: z.literal('written'),
    responsibilities: text('责任认定', { max: 2000, multiline: true }).default(''),
    /** Checked in main, so an empty one gets its message at the field. */
    terms: text('协议内容', { max: 2000, multiline: true }),
    performance: text('履行方式、时限和地点', { max: 500, multiline: true }),
    copies: z.number({ error: '请填写协议份数' }).int().min(2, '协议书至少 2 份').max(10, '协议书最多 10 份'),
  }),
  z.object({
    ...concluded,
    result: z.literal('failed'),
    route: z.enum(['litigation', 'arbitration', 'administrative'], { error: requiredMessage(F.route) }),
    note: text(F.failedReason.label, { min: 2, max: 500 }),
  }),
  z.object({
    ...concluded,
    result: z.literal('transferred'),
    to: text(F.referredTo.label, { min: 2, max: 60 }),
    note: text('转交说明', { max: 500 }).default(''),
  }),
]);

export const disputeFollowupInput = z.object({
  id,
  visitedOn: isoDate('回访日期'),
  outcome: z.enum(['kept', 'partly', 'broken'], { error: requiredMessage(F.outcome) }),
  note: text('回访情况', { max: 500 }).default(''),
});

export const disputeListInput = pageInput(['acceptedOn', 'dueOn'], {
  /** A party's name, pinyin initials or the last four of an ID number; or words of the facts. */
  q: z.string().max(20).optional(),
  status: z.enum(['open', 'settled', 'failed', 'transferred', 'withdrawn']).optional(),
  areaId: id.optional(),
  type: z.string().max(20).optional(),
  /** Open past the mediation deadline. */
  overdue: z.boolean().optional(),
  /** Open with the deadline within this many days (首页). */
  dueWithin: z.number().int().min(0).max(90).optional(),
  /** Agreements without a follow-up the center's follow-up days after they were reached. */
  unvisited: z.boolean().optional(),
  mediatorId: id.optional(),
  year: z.number().int().min(2000).max(2100).optional(),
  figure: z.enum(DISPUTE_FIGURES).optional(),
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/, '月份格式应为 YYYY-MM')
    .optional(),
});

export interface DisputeRow {
  id: number;
  acceptedOn: string;
  source: DisputeSource;
  type: string;
  areaId: number;
  area: string;
  /** 张三、李四 */
  parties: string;
  persons: number;
  amountFen: number;
  mediators: string;
  status: DisputeState;
  dueOn: string;
  /** Days left to the deadline of an open dispute (negative when overdue); null once it is concluded. */
  daysLeft: number | null;
  /** Days an open one is past its deadline, or by which it was concluded late; 0 when on time. */
  overdueDays: number;
  concludedOn: string | null;
  agreement: Agreement | null;
  /** （2026）调字第 007 号, for a written agreement. */
  agreementNo: string | null;
  lastFollowup: Followup | null;
}

export interface DisputeParty {
  seq: number;
  role: PartyRole;
  name: string;
  /** Masked (3303**********1234) or '' when not given; whole only on the printed 协议书 for roles that see IDs. */
  idNumber: string;
  phone: string;
  address: string;
  householdId: number | null;
}

export interface DisputeSession {
  id: number;
  heldOn: string;
  place: string;
  attendees: string;
  statements: string;
  proposal: string;
  recorder: string;
}

export interface DisputeDetail extends DisputeRow {
  facts: string;
  partyList: DisputeParty[];
  mediatorList: { id: number; name: string }[];
  sessions: DisputeSession[];
  followups: { id: number; visitedOn: string; outcome: Followup; note: string; by: string }[];
  responsibilities: string | null;
  terms: string | null;
  performance: string | null;
  copies: number | null;
  route: Route | null;
  transferredTo: string | null;
  conclusionNote: string | null;
  withdrawReason: string | null;
  /** Who registered it at the counter (a staff member's display name); they may conclude it too. */
  recordedBy: string;
  /** Whether the signed-in person may conclude it (a mediator of it, the clerk who registered it, or an admin). */
  canConclude: boolean;
  timeline: TimelineStep[];
}

/** The 人民调解协议书 as printed: the parties' IDs and phones whole for roles that see full IDs, masked for others. */
export interface AgreementPrint {
  detail: DisputeDetail;
  whole: boolean;
}
