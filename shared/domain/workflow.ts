// The case workflow: 受理 → 调查 → 审核 → 公示 → 审批 (or 不予批准) → 发放 → 办结; 撤回 before a decision;
// 先行救助 approves urgent temporary relief at once and documents afterwards.
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
