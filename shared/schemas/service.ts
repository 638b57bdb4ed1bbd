import { z } from 'zod';

import { FIELDS as F, requiredMessage } from '../domain/fields';
import {
  type Revisit,
  SUGGESTION_FIGURES,
  type SuggestionChannel,
  type SuggestionResult,
  type SuggestionState,
  WISH_FIGURES,
  type WishChannel,
  type WishState,
} from '../domain/service';
import { id, isoDate, name, pageInput, phone, text } from './common';

const content = (label: string) => text(label, { min: 2, max: 500, multiline: true });
const reason = (label: string) => text(label, { min: 2, max: 200 });
const year = z.number().int().min(2000).max(2100);
const month = z.string().regex(/^\d{4}-\d{2}$/, '月份格式应为 YYYY-MM');
/** A choice of a pick list kept as data (main checks it is on the list). */
const choice = (label: string) =>
  z
    .string({ error: `请选择${label}` })
    .min(1, `请选择${label}`)
    .max(20);

export const choiceSaveInput = z.object({
  list: z.enum(['post', 'suggestionCategory', 'disputeType']),
  name: name(F.choiceName.label, 20),
  active: z.boolean().default(true),
});

export const wishCreateInput = z.object({
  householdId: id.optional(),
  resident: name(F.wisher.label, 20),
  phone: phone.default(''),
  areaId: id,
  content: content('心愿内容'),
  category: choice('心愿类别'),
  channel: z.enum(['counter', 'box', 'visit', 'meeting'], { error: '请选择征集渠道' }),
  collectedOn: isoDate('征集日期'),
});
export const wishDecideInput = z.discriminatedUnion('decision', [
  z.object({
    decision: z.literal('accept'),
    id,
    decidedOn: isoDate('审定日期'),
    standard: text(F.standard.label, { min: 2, max: 200 }),
    dueOn: isoDate('完成期限'),
  }),
  z.object({ decision: z.literal('decline'), id, decidedOn: isoDate('审定日期'), reason: reason('不予采纳的原因') }),
]);
export const wishClaimInput = z
  .object({
    id,
    cadreIds: z.array(id).max(20).default([]),
    units: z.array(name('认领单位', 40)).max(10).default([]),
    claimedOn: isoDate('认领日期'),
  })
  .refine((c) => c.cadreIds.length + c.units.length > 0, { message: '请选择认领人或填写认领单位', path: ['cadreIds'] });
/** A photo as base64 (≤ 5 MB decoded: about 7 MB of text); main reads its type from its bytes. */
export const photoInput = z.object({ fileName: z.string().max(200), base64: z.string().max(7_100_000) });
export const wishFulfilInput = z.object({
  id,
  fulfilledOn: isoDate('实现日期'),
  fulfilment: text(F.fulfilment.label, { min: 2, max: 500, multiline: true }),
  /** Yuan as typed; main turns it into fen by rule. */
  value: z.string().max(32, '金额格式不对').default(''),
  feedback: text('群众评价', { max: 200 }).default(''),
  photo: photoInput.optional(),
});
export const withdrawInput = z.object({ id, reason: reason('撤回原因') });
export const wishListInput = pageInput(['collectedOn', 'dueOn'], {
  q: z.string().max(20).optional(),
  status: z.enum(['collected', 'accepted', 'declined', 'claimed', 'fulfilled', 'withdrawn']).optional(),
  areaId: id.optional(),
  category: z.string().max(20).optional(),
  overdue: z.boolean().optional(),
  claimedBy: id.optional(),
  /** The annual report's figures: `figure` of `year`, optionally of one month of collection. */
  year: year.optional(),
  figure: z.enum(WISH_FIGURES).optional(),
  month: month.optional(),
});
export const wishWallInput = z.object({ areaId: id.optional() });

export const suggestionCreateInput = z.object({
  content: text(F.suggestion.label, { min: 2, max: 1000, multiline: true }),
  channel: z.enum(['visit', 'meeting', 'counter', 'phone', '12345', 'wechat'], { error: '请选择收集渠道' }),
  category: choice('类别'),
  areaId: id,
  householdId: id.optional(),
  /** '' for anonymous. */
  resident: text('反映人', { max: 20 }).default(''),
  collectedBy: id.optional(),
  collectedOn: isoDate('收集日期'),
  /** 立即答复: answered on the spot, closed the same day. */
  answerNow: z
    .object({
      answer: text(F.answer.label, { min: 2, max: 1000, multiline: true }),
      result: z.enum(['resolved', 'partial', 'unresolved'], { error: requiredMessage(F.result) }),
      resultReason: text(F.resultReason.label, { max: 200 }).default(''),
    })
    .optional(),
});
export const suggestionAssignInput = z.object({
  id,
  handler: text(F.handler.label, { min: 2, max: 40 }),
  assignedOn: isoDate('交办日期'),
  workingDays: z
    .number({ error: requiredMessage(F.timeLimitDays) })
    .int('办理时限应为整数')
    .min(1, '办理时限至少 1 个工作日')
    .max(60, '办理时限最多 60 个工作日'),
});
export const suggestionAnswerInput = z.object({
  id,
  answeredOn: isoDate('答复日期'),
  answer: text(F.answer.label, { min: 2, max: 1000, multiline: true }),
  result: z.enum(['resolved', 'partial', 'unresolved'], { error: requiredMessage(F.result) }),
  resultReason: text(F.resultReason.label, { max: 200 }).default(''),
});
export const suggestionRevisitInput = z.object({
  id,
  revisitedOn: isoDate('回访日期'),
  revisit: z.enum(['satisfied', 'unsatisfied'], { error: requiredMessage(F.revisit) }),
  note: text('回访情况', { max: 200 }).default(''),
});
export const suggestionListInput = pageInput(['collectedOn', 'dueOn'], {
  q: z.string().max(20).optional(),
  status: z.enum(['collected', 'assigned', 'closed', 'withdrawn']).optional(),
  areaId: id.optional(),
  category: z.string().max(20).optional(),
  overdue: z.boolean().optional(),
  year: year.optional(),
  figure: z.enum(SUGGESTION_FIGURES).optional(),
  month: month.optional(),
});

export interface Choice {
  list: 'post' | 'suggestionCategory' | 'disputeType';
  name: string;
  sortOrder: number;
  active: boolean;
}

/** A step of an item's timeline: when, what happened, who recorded it. */
export interface TimelineStep {
  on: string;
  what: string;
  by: string;
}

export interface WishRow {
  id: number;
  householdId: number | null;
  resident: string;
  /** Masked (139****4795) in the list; whole on the wish page. */
  phone: string;
  areaId: number;
  area: string;
  content: string;
  category: string;
  channel: WishChannel;
  collectedOn: string;
  status: WishState;
  dueOn: string | null;
  /** Days past the deadline of an open wish, or by which it was fulfilled late; 0 when on time. */
  overdueDays: number;
  claimers: string;
  fulfilledOn: string | null;
  valueFen: number;
}

export interface WishDetail extends WishRow {
  standard: string | null;
  declineReason: string | null;
  fulfilment: string | null;
  feedback: string | null;
  withdrawReason: string | null;
  claims: { id: number; cadreId: number | null; name: string; claimedOn: string }[];
  photo: { mime: string; base64: string } | null;
  timeline: TimelineStep[];
}

/** A 心愿墙 line: no phone, no ID, the resident's name masked (main masks it). */
export interface WallRow {
  id: number;
  area: string;
  resident: string;
  content: string;
  category: string;
  standard: string;
  dueOn: string;
}

export interface SuggestionRow {
  id: number;
  content: string;
  channel: SuggestionChannel;
  category: string;
  areaId: number;
  area: string;
  householdId: number | null;
  /** '' when anonymous. */
  resident: string;
  collectorName: string | null;
  collectedOn: string;
  status: SuggestionState;
  handler: string | null;
  dueOn: string | null;
  overdueDays: number;
  onTheSpot: boolean;
  answeredOn: string | null;
  result: SuggestionResult | null;
  revisit: Revisit | null;
}

export interface SuggestionDetail extends SuggestionRow {
  collectedBy: number | null;
  assignedOn: string | null;
  answer: string | null;
  resultReason: string | null;
  revisitedOn: string | null;
  revisitNote: string | null;
  withdrawReason: string | null;
  timeline: TimelineStep[];
}

/** A line of a year's breakdown: `key` is what the grid filters on (category name, area id, YYYY-MM). */
export type FigureLine<F extends string> = { key: string; label: string } & Record<F, number>;
