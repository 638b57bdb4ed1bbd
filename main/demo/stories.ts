// The words of the demo's year: which cases a township of 300 households in need sees in a year, and what its staff
// write down. All fictional.

export interface CaseKind {
  code: string;
  monthly: boolean;
  /** Cases a year. */
  perYear: number;
  /** Hardship categories the household holds (none: any household). */
  categories: string[];
  /** Yuan requested and approved (a month's amount for a monthly kind). */
  amounts: number[];
  reasons: string[];
  /** Months of the year the kind is asked for (助学 before the school year). */
  months?: number[];
}

export const CASES: CaseKind[] = [
  {
    code: 'temporary_relief_urgent',
    monthly: false,
    perYear: 16,
    categories: [],
    amounts: [1000, 1500, 2000, 3000, 4000],
    reasons: [
      '房屋失火，生活用品损毁',
      '家人意外受伤住院',
      '遭遇交通事故，家庭生活陷入困境',
      '房屋因暴雨受损',
      '家庭主要劳动力突发疾病',
    ],
  },
  {
    code: 'temporary_relief_expense',
    monthly: false,
    perYear: 12,
    categories: [],
    amounts: [1000, 2000, 2500, 3000],
    reasons: ['家人患病，医疗支出超出承受能力', '子女上学费用支出较大', '残疾康复费用支出较大', '老人长期护理支出较大'],
  },
  {
    code: 'medical_relief',
    monthly: false,
    perYear: 6,
    categories: ['serious_illness', 'dibao', 'tekun', 'low_income', 'expenditure_hardship'],
    amounts: [3000, 5000, 6000, 8000],
    reasons: [
      '患恶性肿瘤，自付医疗费用较高',
      '尿毒症长期透析治疗',
      '白血病住院治疗，自付费用较高',
      '心脏手术后自付费用较高',
    ],
  },
  {
    code: 'education_aid',
    monthly: false,
    perYear: 24,
    categories: ['student_hardship', 'dibao', 'tekun', 'low_income'],
    amounts: [1000, 2000, 3000],
    reasons: ['考入大学，家庭无力承担学费', '子女就读高中，学杂费负担重', '子女就读中职，生活费困难'],
    months: [8, 9],
  },
  {
    code: 'other',
    monthly: false,
    perYear: 3,
    categories: [],
    amounts: [500, 800, 1000],
    reasons: ['冬季取暖困难', '房屋修缮费用困难'],
  },
  {
    code: 'dibao_allowance',
    monthly: true,
    perYear: 22,
    categories: ['dibao'],
    amounts: [420, 480, 520, 560, 610],
    reasons: ['家庭人均收入低于当地低保标准'],
  },
  {
    code: 'tekun_support',
    monthly: true,
    perYear: 8,
    categories: ['tekun'],
    amounts: [780, 820, 860],
    reasons: ['无劳动能力、无生活来源、无法定赡养人'],
  },
  {
    code: 'disability_living_subsidy',
    monthly: true,
    perYear: 10,
    categories: ['disability_hardship', 'severe_disability'],
    amounts: [90, 100],
    reasons: ['困难残疾人，生活补贴'],
  },
  {
    code: 'disability_care_subsidy',
    monthly: true,
    perYear: 8,
    categories: ['severe_disability'],
    amounts: [100, 120],
    reasons: ['一级重度残疾，需长期照护'],
  },
  {
    code: 'elderly_allowance',
    monthly: true,
    perYear: 10,
    categories: ['elderly_alone'],
    amounts: [100, 150, 200],
    reasons: ['独居困难老人，生活补助'],
  },
];

export const FINDINGS = [
  '入户核实，家庭收入、财产情况与申请一致，情况属实',
  '经走访邻居和村干部，困难情况属实',
  '查看了病历、发票和收入证明，情况属实',
];
export const REJECTIONS = [
  '经核查，家庭人均收入高于救助标准',
  '家庭有机动车辆和商品房，不符合救助条件',
  '申请事项已由其他救助政策覆盖，不予重复救助',
];
export const VISIT_TALK = [
  '身体状况稳定，生活基本有保障',
  '了解家庭收入和就医情况，宣讲最新救助政策',
  '家中卫生整洁，老人精神状态良好',
  '子女在外务工，老人独自生活，叮嘱注意用电安全',
  '询问孩子上学情况，鼓励其安心学习',
];
export const VISIT_PROBLEMS = ['房屋屋顶漏雨', '慢性病用药负担重', '冬季取暖困难', '孩子上学交通不便', '自来水管老化'];
export const VISIT_AID = [
  { item: '大米', quantity: 2, unit: '袋', value: '120' },
  { item: '食用油', quantity: 2, unit: '桶', value: '140' },
  { item: '棉被', quantity: 1, unit: '床', value: '200' },
  { item: '慰问金', quantity: 1, unit: '份', value: '500' },
  { item: '牛奶', quantity: 2, unit: '箱', value: '100' },
];
