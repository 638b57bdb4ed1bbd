// Labels and rules of 服务人员, 微心愿 and 群众意见建议, shared by main and the screens (no zod here).

export const SERVER_KINDS = {
  official: '机关干部',
  village: '村（社区）干部',
  member: '在职党员',
  grid: '网格员',
  volunteer: '志愿者',
} as const;
export type ServerKind = keyof typeof SERVER_KINDS;

export const WISH_STATES = {
  collected: '待审定',
  accepted: '待认领',
  declined: '不予采纳',
  claimed: '已认领',
  fulfilled: '已实现',
  withdrawn: '已撤回',
} as const;
export type WishState = keyof typeof WISH_STATES;

export const WISH_CHANNELS = { counter: '窗口', box: '心愿箱', visit: '走访', meeting: '会议' } as const;
export type WishChannel = keyof typeof WISH_CHANNELS;

export const SUGGESTION_STATES = {
  collected: '待交办',
  assigned: '办理中',
  closed: '已办结',
  withdrawn: '已撤回',
} as const;
export type SuggestionState = keyof typeof SUGGESTION_STATES;

export const SUGGESTION_CHANNELS = {
  visit: '走访',
  meeting: '座谈会/纳凉会',
  counter: '窗口',
  phone: '电话',
  '12345': '12345 转办',
  wechat: '微信群',
} as const;
export type SuggestionChannel = keyof typeof SUGGESTION_CHANNELS;

export const SUGGESTION_RESULTS = { resolved: '已解决', partial: '部分解决', unresolved: '不能解决' } as const;
export type SuggestionResult = keyof typeof SUGGESTION_RESULTS;

export const REVISITS = { satisfied: '满意', unsatisfied: '不满意' } as const;
export type Revisit = keyof typeof REVISITS;

/** The year's wish figures; each opens the wishes grid on the same condition (wishList.ts). */
export const WISH_FIGURES = ['collected', 'accepted', 'claimed', 'fulfilled', 'declined', 'overdue'] as const;
export type WishFigure = (typeof WISH_FIGURES)[number];
export const WISH_FIGURE_LABELS: Record<WishFigure, string> = {
  collected: '收集',
  accepted: '审定采纳',
  claimed: '认领',
  fulfilled: '实现',
  declined: '不予采纳',
  overdue: '超期',
};

/** The year's suggestion figures; each opens the suggestions grid on the same condition (suggestionList.ts). */
export const SUGGESTION_FIGURES = ['collected', 'onTheSpot', 'closed', 'resolved', 'overdue'] as const;
export type SuggestionFigure = (typeof SUGGESTION_FIGURES)[number];
export const SUGGESTION_FIGURE_LABELS: Record<SuggestionFigure, string> = {
  collected: '收集',
  onTheSpot: '立即答复',
  closed: '办结',
  resolved: '解决',
  overdue: '超期',
};

/** The breakdowns of the year's figures (a month is of the collection date). */
export const FIGURE_DIMENSIONS = { category: '类别', area: '村/社区', month: '月份' } as const;
export type FigureDimension = keyof typeof FIGURE_DIMENSIONS;

/** A resident's name on a public poster: 张*英, 王*, 欧阳**锋 (first and last character kept). */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
