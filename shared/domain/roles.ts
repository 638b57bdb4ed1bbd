export const ROLES = ['clerk', 'reviewer', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  clerk: '窗口人员',
  reviewer: '审核人',
  approver: '审批人',
  admin: '管理员',
};
