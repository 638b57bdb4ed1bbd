import { z } from 'zod';

import { text } from './common';

export const backupCreateInput = z.object({ folder: text('备份文件夹', { min: 1, max: 1000 }).optional() });
export const backupRestoreInput = z.object({
  file: z
    .string()
    .min(1, '请选择备份')
    .max(255)
    .regex(/^bianmin-[\w.-]+\.sqlite$/, '备份文件名无效'),
});

export interface BackupFile {
  file: string;
  bytes: number;
  at: string;
}
