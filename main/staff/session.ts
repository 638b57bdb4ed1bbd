// Staff sessions: sign-in (lockout after failed attempts, counted in the key file), idle lock, sign-out, a staff
// member's own password, and the sign-in by the recovery key when every password is lost.
import { AppError } from '../../shared/domain/result';
import { isoCn } from '../../shared/domain/time';
import { type Ctx, Failure, type Handlers, seatOf } from '../core/dispatch';
import { wrongPassword } from '../db/keys';
import { prep } from '../db/open';
import { sessionState } from './staff';

/** The password of the staff member `username`, proven on their key slot; null when right. */
function checkPassword(ctx: Ctx, username: string, password: string): { staffId: number } | AppError {
  const r = ctx.ledger.keys.signIn(username, password, ctx.now);
  return r instanceof AppError ? r : { staffId: r.staffId };
}

/** The session seated as staff member `staffId`: signed in, unlocked, its idle clock started now. */
export function seatIn(ctx: Ctx, staffId: number): void {
  Object.assign(ctx.session, { staff: seatOf(ctx.db, staffId).staff, locked: false, lastSeen: ctx.now.getTime() });
}

const active = (ctx: Ctx, username: string) =>
  prep(ctx.db, 'SELECT id FROM staff WHERE username = ? AND active = 1').get(username) as { id: number } | undefined;

export const sessionHandlers = {
  'session.state': (ctx) => sessionState(ctx.db, ctx.session, ctx.now),

  'session.touch': () => ({ ok: true as const }),

  'session.signIn': (ctx, input) => {
    const proven = checkPassword(ctx, input.username, input.password);
    const r = active(ctx, input.username);
    // A slot whose staff member is gone (deactivated while the key file was elsewhere) opens nothing either.
    const refused = proven instanceof AppError ? proven : r?.id !== proven.staffId ? wrongPassword() : null;
    if (r)
      ctx.audit(
        'session',
        r.id,
        null,
        { event: refused ? 'sign-in refused' : 'signed in', username: input.username },
        r.id,
      );
    if (refused) return new Failure(refused);
    seatIn(ctx, r!.id);
    return sessionState(ctx.db, ctx.session, ctx.now);
  },

  'session.signOut': (ctx) => {
    ctx.audit('session', ctx.session.staff!.id, null, { event: 'signed out' });
    Object.assign(ctx.session, { staff: null, locked: false });
    return sessionState(ctx.db, ctx.session, ctx.now);
  },

  'session.lock': (ctx) => {
    ctx.audit('session', ctx.session.staff!.id, null, { event: 'locked' });
    ctx.session.locked = true;
    return sessionState(ctx.db, ctx.session, ctx.now);
  },

  'session.unlock': (ctx, input) => {
    const me = ctx.session.staff!;
    const refused = checkPassword(ctx, me.username, input.password);
    ctx.audit('session', me.id, null, { event: refused instanceof AppError ? 'unlock refused' : 'unlocked' });
    if (refused instanceof AppError) {
      // Once wrong passwords at the lock screen have locked the account, the session ends: the next person must sign
      // in afresh. The refusal itself says no more than any other.
      const until = ctx.ledger.keys.lockedUntil(me.username);
      if (until && until > isoCn(ctx.now)) Object.assign(ctx.session, { staff: null, locked: false });
      return new Failure(refused);
    }
    Object.assign(ctx.session, { locked: false, lastSeen: ctx.now.getTime() });
    return sessionState(ctx.db, ctx.session, ctx.now);
  },

  'session.changePassword': (ctx, input) => {
    const me = ctx.session.staff!;
    const refused = checkPassword(ctx, me.username, input.oldPassword);
    if (refused instanceof AppError) {
      ctx.audit('staff', me.id, null, { event: 'password change refused' });
      return new Failure(
        new AppError(refused.code, refused.message.replace('用户名或密码错误', '原密码错误'), 'oldPassword'),
      );
    }
    ctx.audit('staff', me.id, null, { event: 'password changed' });
    // Last: the key file is written once the audit row is in, so a refused transaction leaves the old slot.
    ctx.ledger.keys.setSlot(me.id, me.username, input.newPassword);
    return { changed: true as const };
  },

  'session.recover': (ctx, input) => {
    if (!ctx.ledger.keys.recover(input.recoveryKey))
      throw new AppError('VALIDATION', '恢复密钥不对：请对照保存在保险柜里的那一页，逐组核对后再输入', 'recoveryKey');
    const r = prep(
      ctx.db,
      `SELECT s.id
        FROM staff s
        JOIN staff_roles a ON a.staff_id = s.id AND a.role = 'admin'
        WHERE s.username = ?
          AND s.active = 1`,
    ).get(input.username) as { id: number } | undefined;
    if (!r) throw new AppError('VALIDATION', '没有这个在用的管理员账号：恢复密钥只能为管理员设置新密码', 'username');
    ctx.audit('session', r.id, null, { event: 'signed in with the recovery key, password set' }, r.id);
    ctx.ledger.keys.setSlot(r.id, input.username, input.newPassword);
    seatIn(ctx, r.id);
    return sessionState(ctx.db, ctx.session, ctx.now);
  },
} satisfies Partial<Handlers>;
