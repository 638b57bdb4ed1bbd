// The case workflow: 受理 → 调查 → 审核 → 公示 → 审批 (or 不予批准) → 发放 → 办结; 撤回 before a decision;
// 先行救助 approves urgent temporary relief at once and documents afterwards.
import type { Role } from './roles';

export const STATES = [
  'accepted',
  'investigated',
  'reviewed',
  'publicized',
  'approved',
  'rejected',
  'withdrawn',
  'paid',
  'closed',
] as const;
export type State = (typeof STATES)[number];

export const STATE_LABELS: Record<State, string> = {
  accepted: '已受理',
  investigated: '已调查',
  reviewed: '已审核',
  publicized: '公示中',
  approved: '已审批待发放',
  rejected: '不予批准',
  withdrawn: '已撤回',
  paid: '已发放',
  closed: '已办结',
};

/** Open cases: not yet decided, so the deadline clock runs. */
export const OPEN_STATES: readonly State[] = ['accepted', 'investigated', 'reviewed', 'publicized'];

export const ACTIONS = {
  investigate: { from: ['accepted'], to: 'investigated', label: '入户调查' },
  review: { from: ['investigated'], to: 'reviewed', label: '审核' },
  publicize: { from: ['reviewed'], to: 'publicized', label: '公示' },
  object: { from: ['publicized'], to: 'investigated', label: '公示异议，退回调查' },
  approve: { from: ['publicized'], to: 'approved', label: '审批通过' },
  reject: { from: ['investigated', 'reviewed', 'publicized'], to: 'rejected', label: '不予批准' },
  withdraw: { from: OPEN_STATES, to: 'withdrawn', label: '撤回' },
  urgentApprove: { from: ['accepted'], to: 'approved', label: '先行救助' },
} as const satisfies Record<string, { from: readonly State[]; to: State; label: string }>;
export type Action = keyof typeof ACTIONS;

export const PUBLICITY_DAYS = 7;

/**
 * How many days ahead a 公示 may be set to begin: a notice goes up within days of the review that sends it out. A start
 * further ahead is most likely a mistyped month or year, and it would leave the case in 公示中, its deadline running,
 * with no notice on the board for anyone to object to.
 */
export const PUBLICITY_LEAD_DAYS = 7;

/**
 * 首页's queues: the cases waiting for a step, and who takes it. The same condition counts a queue on 首页 and lists
 * it in the grid (`queueCondition` in main/cases/applicationList.ts).
 */
export const QUEUES = {
  investigate: { label: '待入户调查', roles: 'any' },
  review: { label: '待审核', roles: ['reviewer'] },
  publicize: { label: '待公示', roles: ['reviewer', 'approver'] },
  inPublicity: { label: '公示中', roles: 'any' },
  approve: { label: '待审批（公示期满）', roles: ['approver'] },
  pay: { label: '待发放', roles: 'any' },
  startMonth: { label: '待设起发月份', roles: 'any' },
  paperwork: { label: '先行救助待补材料', roles: 'any' },
} as const satisfies Record<string, { label: string; roles: 'any' | readonly Role[] }>;
export type Queue = keyof typeof QUEUES;
export const QUEUE_KEYS = Object.keys(QUEUES) as Queue[];

/** What the case page says comes next, who takes it, and from which day when it must wait. */
export function nextStep(
  a: {
    state: State;
    urgent: boolean;
    paperworkDoneOn: string | null;
    publicityTo: string | null;
    materialsMissing: string[];
    monthly: boolean;
  },
  today: string,
): { text: string; who: string } | null {
  const missing = a.materialsMissing.length ? `（还缺 ${a.materialsMissing.join('、')}，审批前须补齐）` : '';
  switch (a.state) {
    case 'accepted':
      return { text: `入户调查：两名调查人上门核实${missing}`, who: '任何工作人员登记' };
    case 'investigated':
      return { text: `审核${missing}`, who: '审核人（受理人不能审核）' };
    case 'reviewed':
      return { text: `开始公示 ${PUBLICITY_DAYS} 天`, who: '审核人或审批人' };
    case 'publicized':
      return a.publicityTo && a.publicityTo >= today
        ? { text: `公示中，${a.publicityTo} 期满；期满次日起可审批${missing}`, who: '审批人' }
        : { text: `公示期满，可以审批${missing}`, who: '审批人（受理人、调查人、审核人和补登过材料的人不能审批）' };
    case 'approved':
      if (a.urgent && !a.paperworkDoneOn) return { text: '发放，并补齐先行救助的材料', who: '任何工作人员' };
      return a.monthly
        ? { text: '设置起发月份，随每月发放批次发放', who: '任何工作人员设置，审批人审批批次' }
        : { text: '发放：在本页下方“发放”登记', who: '任何工作人员' };
    case 'paid':
      return a.urgent && !a.paperworkDoneOn ? { text: '补齐先行救助的材料', who: '任何工作人员' } : null;
    default:
      return null;
  }
}
