// Labels and rules of 矛盾纠纷调解, shared by main and the screens (no zod here).

export const DISPUTE_SOURCES = {
  applied: '当事人申请',
  found: '排查发现',
  assigned: '上级交办',
  referred: '其他部门转来',
} as const;
export type DisputeSource = keyof typeof DISPUTE_SOURCES;

export const DISPUTE_STATES = {
  open: '调解中',
  settled: '调解成功',
  failed: '调解不成',
  transferred: '已转交',
  withdrawn: '已撤回',
} as const;
export type DisputeState = keyof typeof DISPUTE_STATES;

export const PARTY_ROLES = { applicant: '申请人', respondent: '被申请人' } as const;
export type PartyRole = keyof typeof PARTY_ROLES;

export const AGREEMENTS = { oral: '口头协议', written: '书面协议' } as const;
export type Agreement = keyof typeof AGREEMENTS;

/** Where a dispute that could not be mediated may go next. */
export const ROUTES = { litigation: '诉讼', arbitration: '仲裁', administrative: '行政处理' } as const;
export type Route = keyof typeof ROUTES;

export const FOLLOWUPS = { kept: '已履行', partly: '部分履行', broken: '未履行' } as const;
export type Followup = keyof typeof FOLLOWUPS;

/** The year's dispute figures; each opens the disputes grid on the same condition (disputeList.ts). */
export const DISPUTE_FIGURES = [
  'accepted',
  'concluded',
  'settled',
  'oral',
  'written',
  'failed',
  'transferred',
  'overdue',
  'persons',
  'amount',
] as const;
export type DisputeFigure = (typeof DISPUTE_FIGURES)[number];
export const DISPUTE_FIGURE_LABELS: Record<DisputeFigure, string> = {
  accepted: '受理',
  concluded: '办结',
  settled: '调解成功',
  oral: '口头协议',
  written: '书面协议',
  failed: '调解不成',
  transferred: '转交',
  overdue: '超期',
  persons: '涉及人数',
  amount: '涉及金额（万元）',
};

/** 调解成功率: of the disputes mediated to an end (成功 + 不成); a transferred one was not ours to settle. */
export const successRate = (t: { settled: number; failed: number }): string =>
  t.settled + t.failed ? `${((t.settled * 100) / (t.settled + t.failed)).toFixed(1)}%` : '—';

/** 人民调解协议书 number: （2026）调字第 007 号. */
export const agreementNo = (year: number, seq: number): string =>
  `（${year}）调字第 ${String(seq).padStart(3, '0')} 号`;
