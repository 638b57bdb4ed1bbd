// 设置 → 备份与恢复: the backup channels. The backups themselves (made, checked, kept, restored) are backupFiles.ts,
// which the ledger calls at its open and close; this file is the screen's, apart, so the ledger never imports it.
import fs from 'node:fs';
import path from 'node:path';

import { AppError } from '../../shared/domain/result';
import { backupInfo, listBackups, makeBackup, pruneBackups, restoreBackup } from './backupFiles';
import type { Handlers } from './dispatch';
import { rekeyLedger } from './rekey';

export const backupHandlers = {
  'backup.list': (ctx) => listBackups(ctx.ledger.backupsDir),

  'backup.create': async (ctx, input) => {
    const dir = input.folder ?? ctx.ledger.backupsDir;
    if (input.folder && !fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory())
      throw new AppError('VALIDATION', `文件夹不存在：${dir}。请先插好 U 盘，再选择文件夹`, 'folder');
    // A backup that leaves the PC is never made under a key that is due to change (a re-key cut short).
    if (input.folder && ctx.ledger.keys.rekeyDue)
      await rekeyLedger(ctx.ledger, '备份到 U 盘之前', { staffId: ctx.session.staff!.id });
    if (input.folder && ctx.ledger.keys.rekeyDue)
      throw new AppError(
        'CONFLICT',
        '更换数据密钥还没有完成，暂不能备份到 U 盘：请在 设置 → 备份与恢复 里更换数据密钥后再备份',
      );
    const file = await makeBackup(ctx.ledger, 'manual', dir, ctx.now);
    // On a USB stick the key file goes beside the backup: on a new PC it opens with a password or the recovery key.
    if (input.folder) ctx.ledger.keys.copyTo(file.replace(/\.sqlite$/, '.keys'));
    else pruneBackups(dir);
    ctx.audit('backup', path.basename(file), null, { event: 'backup', path: file });
    return { ...backupInfo(dir, path.basename(file)), path: file };
  },

  'backup.restore': async (ctx, input) => {
    const restored = await restoreBackup(ctx.ledger, input.file, ctx.now);
    // The audit row goes into the restored ledger, so its history says when and by whom it was restored.
    ctx.audit('backup', input.file, null, { event: 'restored' });
    return restored;
  },
} satisfies Partial<Handlers>;
