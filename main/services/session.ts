// Staff sessions: sign-in (lockout after failed attempts), idle lock, sign-out, a staff member's own password.
import { AppError } from '../../shared/domain/result';
import { prep } from '../db/open';
import { Failure, type Handlers } from '../dispatch';
import { burnOneDerivation, hashPassword } from './password';
import { checkPassword, record, seatOf, sessionState, STAFF, type StaffRecord, wrongPassword } from './staff';

export const sessionHandlers = {
  'session.state': (ctx) => sessionState(ctx.db, ctx.session, ctx.now),

  'session.touch': () => ({ ok: true as const }),

  'session.signIn': (ctx, input) => {
    const r = prep(ctx.db, `${STAFF}\nWHERE username = ?`).get(input.username) as StaffRecord | undefined;
    if (!r || r.active !== 1) {
      burnOneDerivation(input.password);
      return new Failure(wrongPassword());
    }
    const refused = checkPassword(ctx.db, r, input.password, ctx.now);
    ctx.audit('session', r.id, null, { event: refused ? 'sign-in refused' : 'signed in', username: r.username }, r.id);
    if (refused) return new Failure(refused);
    Object.assign(ctx.session, { staff: seatOf(ctx.db, r.id).staff, locked: false, lastSeen: ctx.now.getTime() });
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
    const r = record(ctx.db, ctx.session.staff!.id);
    const refused = checkPassword(ctx.db, r, input.password, ctx.now);
    ctx.audit('session', r.id, null, { event: refused ? 'unlock refused' : 'unlocked' });
    if (refused) {
      // Five wrong passwords at the lock screen end the session: the next person must sign in afresh.
      if (refused.code === 'FORBIDDEN') Object.assign(ctx.session, { staff: null, locked: false });
      return new Failure(refused);
    }
    Object.assign(ctx.session, { locked: false, lastSeen: ctx.now.getTime() });
    return sessionState(ctx.db, ctx.session, ctx.now);
  },

  'session.changePassword': (ctx, input) => {
    const r = record(ctx.db, ctx.session.staff!.id);
    const refused = checkPassword(ctx.db, r, input.oldPassword, ctx.now);
    if (refused) {
      ctx.audit('staff', r.id, null, { event: 'password change refused' });
      return new Failure(
        new AppError(refused.code, refused.message.replace('用户名或密码错误', '原密码错误'), 'oldPassword'),
      );
    }
    const pw = hashPassword(input.newPassword);
    prep(ctx.db, 'UPDATE staff SET password_hash = ?, password_salt = ?, password_params = ? WHERE id = ?').run(
      pw.hash,
      pw.salt,
      pw.params,
      r.id,
    );
    ctx.audit('staff', r.id, null, { event: 'password changed' });
    return { changed: true as const };
  },
} satisfies Partial<Handlers>;
