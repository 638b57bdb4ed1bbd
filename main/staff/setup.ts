// First start (the center's name for the sign-in screen, the first administrator and the recovery key) and the
// recovery key kept by an admin. With the ledger still closed, main/desk.ts answers these from the key file.
import { AppError } from '../../shared/domain/result';
import type { DoorState } from '../../shared/schemas/keys';
import { type CenterSettings, DEFAULT_CENTER } from '../../shared/schemas/settings';
import { type Handlers } from '../core/dispatch';
import { rekeyLedger, rekeySoon, rekeyState } from '../core/rekey';
import { getSetting, saveCenter } from '../core/settings';
import { groupsOfFour } from '../db/keys';
import { seatIn } from './session';
import { countStaff, insertStaff } from './staff';

const OPEN_ALREADY = '台账已经打开：请在“设置 → 备份”里恢复';

export const setupHandlers = {
  'setup.state': (ctx): DoorState => ({
    needsAdmin: countStaff(ctx.db) === 0,
    centerName: ctx.ledger.keys.centerName,
    demo: ctx.ledger.keys.demo,
    plain: false,
    recoveryPending: !ctx.ledger.keys.recoveryConfirmed,
    county: ctx.office !== null,
  }),

  'setup.createAdmin': (ctx, { centerName, ...input }) => {
    if (countStaff(ctx.db) > 0) throw new AppError('CONFLICT', '管理员已经创建过了，请直接登录');
    const row = insertStaff(ctx.db, ctx.ledger.keys, ctx.now, { ...input, roles: ['admin'] });
    ctx.audit('staff', row.id, null, row, row.id);
    if (centerName)
      saveCenter(ctx, { ...getSetting<CenterSettings>(ctx.db, 'center', DEFAULT_CENTER), name: centerName }, row.id);
    const recoveryKey = groupsOfFour(ctx.ledger.keys.newRecovery());
    // The admin has just typed the password: they are in, with no second sign-in after the recovery key.
    ctx.audit('session', row.id, null, { event: 'signed in', username: row.username }, row.id);
    seatIn(ctx, row.id);
    return { id: row.id, username: row.username, displayName: row.displayName, roles: row.roles, recoveryKey };
  },

  'setup.confirmRecovery': (ctx, input) => {
    if (!ctx.ledger.keys.recover(input.recoveryKey))
      throw new AppError('VALIDATION', '输入的恢复密钥与显示的不一致，请逐组核对', 'recoveryKey');
    ctx.audit('keys', null, null, { event: 'recovery key typed back' });
    ctx.ledger.keys.confirmRecovery();
    return { confirmed: true as const };
  },

  'keys.newRecovery': (ctx) => {
    ctx.audit('keys', null, null, { event: 'new recovery key' });
    const recoveryKey = groupsOfFour(ctx.ledger.keys.newRecovery());
    // The old recovery key still opens old copies of the key file: the data key changes, once this commits.
    if (ctx.ledger.keys.rekeyDue) rekeySoon(ctx.ledger, 'recovery key replaced', ctx.session.staff?.id ?? null);
    return { recoveryKey };
  },

  'keys.rekey': async (ctx) => {
    const done = await rekeyLedger(ctx.ledger, 'on demand', { staffId: ctx.session.staff!.id });
    if (done.phase === 'failed') throw new AppError('INTERNAL', done.message ?? '更换数据密钥没有完成');
    return done;
  },

  'keys.rekeyState': (ctx) => rekeyState(ctx.ledger),

  // Both run only while no ledger is open (desk.ts); an open one is encrypted already and restores from 设置.
  'setup.encrypt': () => {
    throw new AppError('CONFLICT', '台账已经加密');
  },
  'setup.restore': () => {
    throw new AppError('CONFLICT', OPEN_ALREADY);
  },
} satisfies Partial<Handlers>;
