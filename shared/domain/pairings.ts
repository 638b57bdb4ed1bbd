// Labels of pairing values, shared by screens (kept out of shared/schemas so the renderer never loads zod).
export const VISIT_MODES = { home: '入户', phone: '电话', other: '其他' } as const;
export type VisitMode = keyof typeof VISIT_MODES;
export const PAIRING_ROLES = { primary: '主要帮扶人', secondary: '协助帮扶人' } as const;
export type PairingRole = keyof typeof PAIRING_ROLES;
