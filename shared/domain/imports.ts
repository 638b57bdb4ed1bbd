// Importing the rosters a township already keeps: the three kinds of roster, their fields and the headers counters
// give them. Pure: main reads and checks the files, the renderer shows the same names.

export const IMPORT_KINDS = {
  households: '户籍花名册（困难户及成员）',
  entitlements: '在保名册（按月发放的待遇）',
  payments: '发放花名册（往月已发放）',
} as const;
export type ImportKind = keyof typeof IMPORT_KINDS;

/** Who may import a kind: entitlements become approved cases and payments become posted ones, so only an admin. */
export const IMPORT_ROLES: Record<ImportKind, readonly string[]> = {
  households: ['clerk', 'reviewer', 'approver', 'admin'],
  entitlements: ['admin'],
  payments: ['admin'],
};

export interface ImportField {
  key: string;
  label: string;
  /** Headers seen on real rosters, compared after `headerKey` (spaces, brackets and line breaks removed). */
  synonyms: string[];
  required?: boolean;
  /** Kinds that offer this field; absent: every kind. */
  kinds?: ImportKind[];
}

export const IMPORT_FIELDS: ImportField[] = [
  {
    key: 'name',
    label: '姓名',
    required: true,
    synonyms: ['姓名', '户主姓名', '申请人', '成员姓名', '救助对象', '对象姓名', '保障对象', '户主'],
  },
  {
    key: 'idNumber',
    label: '身份证号',
    required: true,
    synonyms: ['身份证号', '身份证号码', '公民身份号码', '证件号码', '身份证', '成员身份证号'],
  },
  { key: 'relation', label: '与户主关系', synonyms: ['与户主关系', '关系', '家庭关系', '与户主的关系'] },
  { key: 'headIdNumber', label: '户主身份证号', synonyms: ['户主身份证号', '户主身份证号码', '户主公民身份号码'] },
  {
    key: 'area',
    label: '村（社区）',
    synonyms: [
      '村（社区）',
      '村',
      '村社区',
      '村/社区',
      '所在村组',
      '所在村',
      '村居',
      '社区',
      '所属村',
      '村别',
      '村（居）',
    ],
  },
  { key: 'address', label: '家庭住址', synonyms: ['家庭住址', '住址', '地址', '家庭地址', '居住地址'] },
  { key: 'phone', label: '联系电话', synonyms: ['联系电话', '电话', '手机', '手机号', '手机号码', '本人电话'] },
  { key: 'householdPhone', label: '家庭电话', kinds: ['households'], synonyms: ['家庭电话', '户电话', '家庭联系电话'] },
  {
    key: 'categories',
    label: '困难类别',
    kinds: ['households'],
    synonyms: ['困难类别', '类别', '对象类别', '救助对象类别', '困难类型', '人员类别'],
  },
  {
    key: 'categoryFrom',
    label: '纳入日期',
    kinds: ['households'],
    synonyms: ['纳入日期', '纳入时间', '认定日期', '认定时间', '类别起始日期', '批准时间'],
  },
  { key: 'disabilityType', label: '残疾类别', kinds: ['households'], synonyms: ['残疾类别', '残疾类型'] },
  { key: 'disabilityGrade', label: '残疾等级', kinds: ['households'], synonyms: ['残疾等级', '残疾级别'] },
  { key: 'disabilityCert', label: '残疾证号', kinds: ['households'], synonyms: ['残疾证号', '残疾证号码'] },
  { key: 'bankName', label: '开户银行', synonyms: ['开户银行', '开户行', '银行', '代发银行'] },
  {
    key: 'account',
    label: '一卡通账号',
    synonyms: ['一卡通账号', '一卡通', '银行账号', '账号', '卡号', '银行卡号', '社保卡号', '存折账号'],
  },
  {
    key: 'kind',
    label: '救助类别',
    required: true,
    kinds: ['entitlements', 'payments'],
    synonyms: ['救助类别', '保障类别', '补贴类别', '补贴项目', '救助项目', '发放项目', '项目', '类别'],
  },
  {
    key: 'monthly',
    label: '月保障金',
    required: true,
    kinds: ['entitlements'],
    synonyms: ['月保障金', '月保障金额', '月补助金额', '月发放金额', '保障金额', '补助金额', '金额', '每月金额'],
  },
  // Not required: typical rosters have no such column, and the clerk then chooses one start month for the whole file
  // on the preview; a 起始月份 cell, where the column is mapped and the cell filled, wins for its row.
  {
    key: 'startMonth',
    label: '起始月份',
    kinds: ['entitlements'],
    synonyms: ['起始月份', '起始年月', '享受起始月', '开始发放月份', '起始时间', '享受时间'],
  },
  { key: 'endMonth', label: '终止月份', kinds: ['entitlements'], synonyms: ['终止月份', '终止年月', '停发月份'] },
  {
    key: 'amount',
    label: '发放金额',
    required: true,
    kinds: ['payments'],
    synonyms: ['发放金额', '实发金额', '金额', '救助金额', '补助金额', '月保障金', '应发金额'],
  },
  {
    key: 'paidMonth',
    label: '发放月份',
    required: true,
    kinds: ['payments'],
    synonyms: ['发放月份', '月份', '所属月份', '发放年月', '发放日期', '发放时间'],
  },
];

export const fieldsOf = (kind: ImportKind): ImportField[] =>
  IMPORT_FIELDS.filter((f) => !f.kinds || f.kinds.includes(kind));

/** A header as compared: no spaces or line breaks, full-width brackets and slashes folded, 号码 kept. */
export const headerKey = (s: string): string =>
  s
    .replace(/[\s\u3000]/g, '')
    .replace(/[（(]/g, '（')
    .replace(/[)）]/g, '）')
    .replace(/[／/]/g, '/')
    .replace(/[*＊:：]/g, '');

/** The row statuses of a preview. */
export const ROW_STATUS = { ok: '可导入', confirm: '需确认', refused: '不能导入' } as const;
export type RowStatus = keyof typeof ROW_STATUS;

/** Separators inside a 困难类别 cell: 低保、重度残疾 or 低保 2024-03-01；重度残疾. */
export const LIST_SEPARATOR = /[、,，;；/|]+/;

/** Names rosters give relief kinds, beside the kinds' own names (brackets and a trailing 金 are also ignored). */
export const KIND_ALIASES: Record<string, string> = {
  低保: 'dibao_allowance',
  低保金: 'dibao_allowance',
  最低生活保障: 'dibao_allowance',
  特困: 'tekun_support',
  特困供养: 'tekun_support',
  特困供养金: 'tekun_support',
  残疾人生活补贴: 'disability_living_subsidy',
  困难残疾人生活补贴: 'disability_living_subsidy',
  护理补贴: 'disability_care_subsidy',
  残疾人护理补贴: 'disability_care_subsidy',
  大病救助: 'medical_relief',
  医疗救助: 'medical_relief',
  临时救助: 'temporary_relief',
  助学: 'education_aid',
};

/** Names rosters give hardship categories, beside their own names. */
export const CATEGORY_ALIASES: Record<string, string> = {
  低保户: 'dibao',
  特困: 'tekun',
  特困人员: 'tekun',
  五保: 'tekun',
  五保户: 'tekun',
  低边: 'near_dibao',
  孤寡: 'elderly_alone',
};
