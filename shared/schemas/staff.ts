import { z } from 'zod';

import { FIELD_MESSAGES, FIELDS as F, requiredMessage } from '../domain/fields';
import { type Role, ROLES } from '../domain/roles';
import { id, name, password } from './common';

export const username = z
  .string({ error: requiredMessage(F.username) })
  .trim()
  .min(1, requiredMessage(F.username))
  .max(32, '用户名最多 32 位')
  .regex(/^[A-Za-z0-9_.-]{2,32}$/, '用户名用 2–32 位字母、数字、点、下划线或短横线（如 zhangsan）');

export const displayName = name(F.name.label, 50);
export const roles = z.array(z.enum(ROLES, { error: '未知的角色' })).min(1, FIELD_MESSAGES.roles);

/**
 * The first administrator, at first start. `centerName` goes on every document; the first-start form asks for it
 * (callers that leave it out keep the default and set it later in 设置).
 */
export const createAdminInput = z.object({
  centerName: name(F.centerName.label, 60).optional(),
  username,
  displayName,
  password: password(),
});
export const signInInput = z.object({
  username: z.string().max(64, '用户名或密码错误'),
  password: z.string().max(256, '用户名或密码错误'),
});
export const unlockInput = z.object({ password: z.string().max(256, '密码错误') });
export const createStaffInput = z.object({ username, displayName, password: password(), roles });
export const updateStaffInput = z.object({
  id,
  displayName,
  roles,
  active: z.boolean(),
  /** The 服务人员 who signs in with this account (null to unlink; left out, unchanged). */
  cadreId: id.nullable().optional(),
});
export const resetPasswordInput = z.object({ id, password: password('新密码') });
export const changePasswordInput = z.object({ oldPassword: z.string().max(256), newPassword: password('新密码') });

export interface StaffMember {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
}

export interface StaffRow extends StaffMember {
  active: boolean;
  lockedUntil: string | null;
  /** Has a key slot: false for one deactivated and brought back, until an admin resets the password. */
  hasKey: boolean;
  createdAt: string;
  cadreId: number | null;
  cadreName: string | null;
}

export interface SessionState {
  staff: StaffMember | null;
  locked: boolean;
  idleLockMinutes: number;
  /** The ledger's day (China time, YYYY-MM-DD): the renderer's "today", so it follows the ledger clock. */
  today: string;
  /**
   * Web host only: the one session (bound to the token) was signed in from another browser page, so this page is
   * told whose it is before it shows anything (main/webhost/server.ts).
   */
  elsewhere?: true;
}

/** A demo ledger's staff, shown on its sign-in screen: all fictional, one password. */
export interface DemoAccounts {
  password: string;
  accounts: { username: string; displayName: string; roles: Role[] }[];
}
