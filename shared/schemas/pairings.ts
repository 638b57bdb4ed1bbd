import { z } from 'zod';

import { FIELDS as F, requiredMessage } from '../domain/fields';
import type { PairingRole, VisitMode } from '../domain/pairings';
import type { ServerKind } from '../domain/service';
import { id, isoDate, name, pageInput, phone, text } from './common';

export const cadreSaveInput = z.object({
  id: id.optional(),
  name: name(F.name.label, 20),
  kind: z.enum(['official', 'village', 'member', 'grid', 'volunteer'], { error: '请选择人员类型' }).default('official'),
  /** 在职党员 only: the day they reported to the community and the service post they claimed. */
  reportedOn: isoDate('报到日期').nullable().default(null),
  post: z.string().max(20).nullable().default(null),
  unit: text('工作单位', { max: 40 }).default(''),
  partyMember: z.boolean().default(true),
  phone: phone.default(''),
  active: z.boolean().default(true),
});
export const cadreListInput = pageInput(['name'], {
  q: z.string().max(20).optional(),
  kind: z.enum(['official', 'village', 'member', 'grid', 'volunteer']).optional(),
  active: z.boolean().optional(),
  /** Active cadres with no current household. */
  unpaired: z.boolean().optional(),
  /** The annual report's 结对干部: cadres paired with a household at some time in this year. */
  pairedIn: z.number().int().min(2000).max(2100).optional(),
});

export const pairingStartInput = z.object({
  householdId: id,
  cadreId: id,
  role: z.enum(['primary', 'secondary']),
  fromDate: isoDate('结对日期'),
});
export const pairingEndInput = z.object({
  id,
  toDate: isoDate('结束日期'),
  reason: text('结束原因', { min: 2, max: 100 }),
});
export const unpairedInput = pageInput(['head'], { areaId: id.optional() });

export const visitCreateInput = z.object({
  householdId: id,
  cadreId: id,
  visitedOn: isoDate('走访日期'),
  mode: z.enum(['home', 'phone', 'other'], { error: '请选择走访方式' }),
  findings: text(F.visitFindings.label, { min: 2, max: 1000, multiline: true }),
  actions: text('开展的帮扶', { max: 1000, multiline: true }).default(''),
  problems: z
    .array(z.object({ description: text('反映的问题', { min: 2, max: 200 }) }))
    .max(10)
    .default([]),
  aid: z
    .array(
      z.object({
        item: text('物资名称', { min: 1, max: 30 }),
        quantity: z
          .number({ error: requiredMessage(F.aidQuantity) })
          .int('数量应为整数')
          .min(1, '数量至少为 1')
          .max(100000),
        unit: text('单位', { max: 6 }).default(''),
        /** Yuan as typed; main turns it into fen by rule. */
        value: z.string({ error: requiredMessage(F.aidValue) }).max(32, '金额格式不对'),
      }),
    )
    .max(20)
    .default([]),
});
export const resolveProblemInput = z.object({
  id,
  resolvedOn: isoDate('解决日期'),
  resolution: text('解决情况', { min: 2, max: 200 }),
});
/** `year`: the annual report's 走访 and 帮扶物资 figures. */
export const visitListInput = pageInput(['visitedOn'], {
  householdId: id.optional(),
  cadreId: id.optional(),
  year: z.number().int().min(2000).max(2100).optional(),
});
export const cadenceSaveInput = z.object({
  categoryCode: z.string().max(40),
  everyMonths: z.number().int().min(1, '至少每月一次').max(12, '至少每年一次'),
});

/**
 * Which households' cards: a selection from the grid, one area, every registered household, or those due for reprint.
 */
export const cardSelection = z.object({
  householdIds: z.array(id).max(5000).optional(),
  areaId: id.optional(),
  reprintOnly: z.boolean().optional(),
});
export const cardIssueInput = cardSelection.extend({
  format: z.enum(['cr80', 'a4']),
  /** 补卡: a new number even when the current card is still right (lost or damaged). */
  reissue: z.boolean().default(false),
  /** The clerk has been told that some households have no 帮扶干部 yet (their cards print 待确定) and goes on. */
  withoutCadre: z.boolean().default(false),
});
/** `issuedIn`: the annual report's 制发服务卡 figure, voided cards included (they were issued). */
export const cardListInput = pageInput(['cardNo'], {
  reprintOnly: z.boolean().optional(),
  areaId: id.optional(),
  issuedIn: z.number().int().min(2000).max(2100).optional(),
});

export interface CadreRow {
  id: number;
  name: string;
  kind: ServerKind;
  unit: string;
  reportedOn: string | null;
  post: string | null;
  partyMember: boolean;
  phone: string;
  active: boolean;
  households: number;
  overdue: number;
}

export interface PairingRow {
  id: number;
  cadreId: number;
  cadreName: string;
  cadrePhone: string;
  householdId: number;
  head: string;
  area: string;
  role: PairingRole;
  fromDate: string;
  toDate: string | null;
  endReason: string | null;
}

export interface VisitDue {
  householdId: number;
  head: string;
  area: string;
  cadreId: number;
  cadreName: string;
  everyMonths: number;
  lastVisit: string | null;
  dueOn: string;
  /** Days past dueOn (negative: days left). */
  overdueDays: number;
}

export interface CardView {
  householdId: number;
  cardNo: string | null;
  head: string;
  area: string;
  cadreName: string | null;
  cadrePhone: string | null;
  needsReprint: boolean;
}

export interface HouseholdPairings {
  current: PairingRow[];
  history: PairingRow[];
  due: VisitDue | null;
  card: (CardView & { issuedOn: string; printings: number }) | null;
}

export interface CadreDetail extends CadreRow {
  pairings: PairingRow[];
  due: VisitDue[];
}

export interface VisitRow {
  id: number;
  householdId: number;
  head: string;
  area: string;
  cadreId: number;
  cadreName: string;
  visitedOn: string;
  mode: VisitMode;
  findings: string;
  actions: string;
  problems: {
    id: number;
    description: string;
    status: 'open' | 'resolved';
    resolvedOn: string | null;
    resolution: string | null;
  }[];
  aid: { item: string; quantity: number; unit: string; valueFen: number }[];
  aidFen: number;
  recordedBy: string;
}

export interface CardRow {
  id: number;
  cardNo: string;
  householdId: number;
  head: string;
  area: string;
  cadreName: string | null;
  issuedOn: string;
  printings: number;
  needsReprint: boolean;
  /** 补卡 or a cadre change voided it (listed only when the report's 制发服务卡 opens every card of a year). */
  voidedOn: string | null;
}
