// First start: the center's name for the sign-in screen, and the first administrator.
import { AppError } from '../../shared/domain/result';
import { DEFAULT_CENTER } from '../../shared/schemas/settings';
import type { DemoAccounts } from '../../shared/schemas/staff';
import { prep } from '../db/open';
import { type Handlers } from '../dispatch';
import { getSetting } from './settings';
import { countStaff, insertStaff } from './staff';

export const setupHandlers = {
  'setup.state': (ctx) => {
    // A --demo ledger shows its fictional staff and their password on the sign-in screen.
    const demo = prep(ctx.db, `SELECT value FROM settings WHERE key = 'demo'`).get() as { value: string } | undefined;
    return {
      needsAdmin: countStaff(ctx.db) === 0,
      centerName: getSetting(ctx.db, 'center', DEFAULT_CENTER).name,
      demo: demo ? (JSON.parse(demo.value) as DemoAccounts) : null,
    };
  },

  'setup.createAdmin': (ctx, input) => {
    if (countStaff(ctx.db) > 0) throw new AppError('CONFLICT', '管理员已经创建过了，请直接登录');
    const row = insertStaff(ctx.db, ctx.now, { ...input, roles: ['admin'] });
    ctx.audit('staff', row.id, null, row, row.id);
    return { id: row.id, username: row.username, displayName: row.displayName, roles: row.roles };
  },
} satisfies Partial<Handlers>;
