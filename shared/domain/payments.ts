// Labels of payment values, shared by screens and prints (kept out of shared/schemas so the renderer never loads zod).
export const METHODS = { cash: '现金', bank: '一卡通' } as const;
export type Method = keyof typeof METHODS;

/**
 * payments: every payment row (not the reversals); reversed: payments a later row cancelled; reversal: the cancelling
 * rows; standing: neither.
 */
export const REVERSAL_FILTERS = {
  payments: '发放（不含冲正行）',
  standing: '正常',
  reversed: '已被冲正',
  reversal: '冲正记录',
} as const;

export type BatchState = 'draft' | 'posted' | 'cancelled';
export const BATCH_STATES: Record<BatchState, string> = { draft: '草稿', posted: '已过账', cancelled: '已作废' };

/** 凭证号: a payment's id, eight digits, the same on the screen, in lists and on the receipt. */
export const voucherNo = (id: number): string => String(id).padStart(8, '0');
