import { z } from 'zod';

import { FIELDS as F, requiredMessage } from '../domain/fields';
import { DISABILITY_TYPES, RELATIONS } from '../domain/registry';
import { HOUSEHOLD_FIGURES } from '../domain/reports';
import { id, isoDate, name, pageInput, phone, text } from './common';

export { DISABILITY_TYPES, RELATIONS };

export const memberInput = z.object({
  name: name(F.name.label, 50),
  /** Raw as typed; main cleans and checks it (GB 11643) against today's date. */
  idNumber: z.string({ error: requiredMessage(F.idNumber) }).max(64, '身份证号太长'),
  relation: z.enum(RELATIONS, { error: requiredMessage(F.relation) }),
  phone: phone.default(''),
  disabilityType: z.enum(DISABILITY_TYPES, { error: '未知的残疾类别' }).nullish(),
  disabilityGrade: z.number().int().min(1, '残疾等级为 1–4 级').max(4, '残疾等级为 1–4 级').nullish(),
  disabilityCert: text('残疾证号', { max: 30 }).nullish(),
});
export type MemberInput = z.input<typeof memberInput>;

const householdFields = {
  areaId: id,
  address: text('地址', { max: 120 }).default(''),
  phone: phone.default(''),
  bankName: text('开户银行', { max: 40 }).default(''),
  account: z
    .string()
    .trim()
    .regex(/^$|^\d{10,30}$/, '一卡通账号应为 10–30 位数字')
    .default(''),
  notes: text('备注', { max: 500, multiline: true }).default(''),
};

export const householdCreateInput = z.object({
  ...householdFields,
  categories: z.array(z.string().max(40)).max(10).default([]),
  members: z.array(memberInput).min(1, '至少要登记户主').max(30, '一户最多 30 人'),
});
export const householdUpdateInput = z.object({ id, ...householdFields });
export const householdExitInput = z.object({
  id,
  exitedOn: isoDate('退出日期'),
  reason: text(F.exitReason.label, { min: 1, max: 200 }),
});
export const categoryStartInput = z.object({
  householdId: id,
  code: z.string().max(40),
  fromDate: isoDate('开始日期'),
});
export const categoryEndInput = z.object({ id, toDate: isoDate('结束日期') });
export const personAddInput = z.object({ householdId: id, member: memberInput });
export const personMoveInput = z.object({
  personId: id,
  toHouseholdId: id,
  relation: z.enum(RELATIONS),
  movedOn: isoDate('迁移日期'),
  reason: text('迁移原因', { min: 1, max: 200 }),
});

export const householdListInput = pageInput(['headName', 'area', 'id', 'members'], {
  q: z.string().max(50).optional(),
  areaId: id.optional(),
  category: z.string().max(40).optional(),
  status: z.enum(['registered', 'exited']).optional(),
  /** A registry figure of the annual report: the households behind it. */
  yearChange: z.object({ year: z.number().int().min(2000).max(2100), change: z.enum(HOUSEHOLD_FIGURES) }).optional(),
});
export const areaSaveInput = z.object({
  id: id.optional(),
  name: name('村/社区名称', 30),
  sortOrder: z.number().int().default(0),
  active: z.boolean().default(true),
});

export interface Area {
  id: number;
  name: string;
  sortOrder: number;
  active: boolean;
}
export interface HardshipCategory {
  code: string;
  name: string;
}

/** A row of the households grid: IDs and accounts already masked by SQL. */
export interface HouseholdRow {
  id: number;
  headName: string;
  headIdMasked: string;
  area: string;
  categories: string;
  members: number;
  phone: string;
  accountTail: string;
  status: 'registered' | 'exited';
}

export interface PersonView {
  id: number;
  name: string;
  idMasked: string;
  gender: 'male' | 'female';
  birthDate: string;
  relation: string;
  phone: string;
  disabilityType: string | null;
  disabilityGrade: number | null;
  disabilityCert: string | null;
}

export interface HouseholdDetail {
  id: number;
  areaId: number;
  area: string;
  headPersonId: number;
  headName: string;
  address: string;
  phone: string;
  bankName: string;
  accountTail: string;
  status: 'registered' | 'exited';
  exitedOn: string | null;
  exitReason: string | null;
  notes: string;
  createdAt: string;
  members: PersonView[];
  categories: { id: number; code: string; name: string; fromDate: string; toDate: string | null }[];
  moves: { personName: string; fromHouseholdId: number; toHouseholdId: number; movedOn: string; reason: string }[];
}
