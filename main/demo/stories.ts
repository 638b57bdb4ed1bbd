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

/** 微心愿 as residents write them: [what they wish, its category (a 服务岗位)]. */
export const WISHES: [string, string][] = [
  ['希望有人帮忙修一下漏雨的屋顶', '扶贫帮困'],
  ['想要一台收音机，听听戏曲', '文化娱乐'],
  ['孩子上学需要一个新书包和文具', '扶贫帮困'],
  ['希望有人帮忙读懂医保报销政策', '政策宣传'],
  ['想请医生上门量量血压、看看腿疼', '医疗保健'],
  ['家里电线老化，想请人检查一下', '便民利民'],
  ['希望帮忙办理老年人优待证', '便民利民'],
  ['邻里之间有点矛盾，想请人调解', '治安调解'],
  ['想学用智能手机和孙子视频通话', '文化娱乐'],
  ['冬天想要一床厚棉被', '扶贫帮困'],
  ['想咨询土地承包合同的问题', '法律援助'],
  ['门前水沟堵了，希望帮忙疏通', '环境保护'],
  ['想要一副老花镜', '医疗保健'],
  ['希望有人定期陪老人聊聊天', '扶贫帮困'],
];
export const WISH_DECLINES = [
  '属于个人经济纠纷，建议通过法律途径解决',
  '已纳入村道硬化工程统一实施',
  '超出微心愿范围，已转交民政办评估',
];
/** The local units that claim wishes, named after the township (demoPlace). */
export const claimUnits = (p: { township: string; short: string }) => [
  `县供电公司${p.short}供电所`,
  `${p.township}中心学校`,
  `县农商银行${p.short}支行`,
  `${p.township}卫生院`,
];

/** 群众意见建议 as collected: [what was said, its category]. */
export const SUGGESTIONS: [string, string][] = [
  ['村口路灯坏了，晚上出行不便', '基础设施'],
  ['希望增加公交班次', '民生'],
  ['垃圾收运不及时，夏天有异味', '环境卫生'],
  ['建议在学校门口设置减速带', '治安'],
  ['低保申请需要哪些材料', '政策咨询'],
  ['村里广场健身器材损坏', '基础设施'],
  ['希望卫生院增加夜间门诊', '民生'],
  ['河道里有人倾倒建筑垃圾', '环境卫生'],
  ['养老保险缴费标准是多少', '政策咨询'],
  ['夜间有人在村道上飙车', '治安'],
  ['自来水水压太低', '基础设施'],
  ['建议建一个老年活动室', '民生'],
];
export const ANSWERS = ['已协调相关部门处理完毕', '已现场解答，群众表示理解', '已列入明年实施计划', '已安排人员整改'];

/** 矛盾纠纷 as mediated: [type, the facts, what was agreed]. */
export const DISPUTES: [string, string, string][] = [
  ['邻里纠纷', '两家共用排水沟堵塞，雨水漫入一方院内，双方多次争吵。', '双方共同出资疏通排水沟，今后轮流清理。'],
  ['婚姻家庭', '夫妻因赡养老人分工产生矛盾，妻子回娘家居住。', '双方轮流照顾老人，每月各承担一半费用。'],
  [
    '土地承包/流转',
    '承包地流转费约定不清，流出方要求按新标准支付。',
    '流转费按每亩每年 800 元支付，于每年 12 月底前付清。',
  ],
  ['宅基地', '建房时院墙越过界址约 30 厘米，邻居要求拆除。', '越界部分院墙于一个月内拆除重建，费用由建房方承担。'],
  ['劳动报酬', '装修工人追讨拖欠的工资 6,800 元。', '雇主于本月底前一次性支付工资 6,800 元。'],
  ['损害赔偿', '散养的狗咬伤邻居小孩，双方对医药费承担有分歧。', '狗主人赔偿医药费、误工费共计 2,300 元，当场付清。'],
  ['物业', '小区业主因停车位收费与物业公司发生争执。', '物业公司退还多收的停车费，今后按公示标准收取。'],
  ['邻里纠纷', '楼上住户深夜噪音扰民，楼下住户多次投诉。', '楼上住户晚十点后不再进行装修和大声喧哗。'],
  ['征地拆迁', '对征地补偿款在家庭成员间的分配有争议。', '补偿款按户籍人口平均分配，由村委会监督发放。'],
];
