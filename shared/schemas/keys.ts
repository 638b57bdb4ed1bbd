// The key file's channels: the recovery key shown once and typed back, a sign-in by it, the upgrade of a plain
// ledger, and a USB backup restored onto a new PC (main/desk.ts, main/services/keys.ts).
import { z } from 'zod';

import { FIELDS as F, requiredMessage } from '../domain/fields';
import { password, text } from './common';
import { username } from './staff';

const recoveryKey = z
  .string({ error: requiredMessage(F.recoveryKey) })
  .trim()
  .min(1, requiredMessage(F.recoveryKey))
  .max(64, '恢复密钥是 32 个字母和数字（每 4 个一组）');

export const confirmRecoveryInput = z.object({ recoveryKey });
export const recoverInput = z.object({ recoveryKey, username, newPassword: password('新密码') });
export const encryptInput = z.object({
  username: z.string().max(64, '用户名或密码错误'),
  password: z.string().max(256, '用户名或密码错误'),
  folder: text('明文备份文件夹', { min: 1, max: 1000 }),
});
export const restoreFromInput = z.object({
  file: z
    .string({ error: requiredMessage(F.backupFile) })
    .trim()
    .min(1, requiredMessage(F.backupFile))
    .max(1000)
    .regex(/\.sqlite$/, '请选择 .sqlite 备份文件'),
  username: z.string().max(64).optional(),
  password: z.string().max(256).optional(),
  recoveryKey: z.string().max(64).optional(),
});

/** What the sign-in screen knows before any ledger is open: all of it from the key file beside the ledger. */
export interface DoorState {
  needsAdmin: boolean;
  centerName: string;
  demo: import('./staff').DemoAccounts | null;
  /** A ledger of a version before encryption: an administrator must sign in to encrypt it. */
  plain: boolean;
  /** The recovery key was shown but not yet typed back. */
  recoveryPending: boolean;
  /** This program runs as the county office (县级汇总): its menu is the county's. */
  county: boolean;
}

export interface RecoveryKey {
  /** 32 characters in groups of four (ABCD-EFGH-…), shown once. */
  recoveryKey: string;
}

/** Where a re-key (更换数据密钥) stands: its progress while it runs, its outcome after. */
export interface RekeyState {
  phase: 'idle' | 'copying' | 'checking' | 'switching' | 'done' | 'failed';
  /** 0 to 1, while it runs. */
  fraction: number;
  /** Why it failed, in words for the admin. */
  message: string | null;
  /** The data key's generation: 1 for a ledger never re-keyed. */
  generation: number;
  /** A staff member was deactivated or the recovery key replaced, and the data key has not changed since. */
  due: boolean;
  /** Staff still on a slot of the version before (not signed in since): a re-key drops their slot (需重置密码). */
  legacyStaff: number;
}
