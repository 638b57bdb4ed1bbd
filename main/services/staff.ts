// Staff members, their roles, and the signed-in session (sign-in, lock, unlock, sign-out).
import { AppError } from '../../shared/domain/result';
import type { Role } from '../../shared/domain/roles';
import { dateCn, isoCn } from '../../shared/domain/time';
import { DEFAULT_CENTER } from '../../shared/schemas/settings';
import type { SessionState, StaffMember, StaffRow } from '../../shared/schemas/staff';
import { type DB, prep } from '../db/open';
import { Failure, type Handlers, type Session } from '../dispatch';
import { burnOneDerivation, hashPassword, verifyPassword } from './password';
import { getSetting } from './settings';

export const MAX_FAILED = 5;
export const LOCKOUT_MS = 5 * 60_000;

interface StaffRecord {
  id: number;
  username: string;
  display_name: string;
  password_hash: Buffer;
  password_salt: Buffer;
  password_params: string;
  failed_attempts: number;
  locked_until: string | null;
  active: number;
  created_at: string;
}

function rolesOf(db: DB, staffId: number): Role[] {
  return (
    prep(db, 'SELECT role FROM staff_roles WHERE staff_id = ? ORDER BY role').all(staffId) as { role: Role }[]
  ).map((r) => r.role);
}

function record(db: DB, id: number): StaffRecord {
  const r = prep(db, 'SELECT * FROM staff WHERE id = ?').get(id) as StaffRecord | undefined;
  if (!r) throw new AppError('NOT_FOUND', '找不到这位工作人员');
  return r;
}

function toRow(db: DB, r: StaffRecord): StaffRow {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    roles: rolesOf(db, r.id),
    active: r.active === 1,
    lockedUntil: r.locked_until,
    createdAt: r.created_at,
  };
}

/** Who sits at a session now (null when deactivated) and the idle-lock setting, in one read per call. */
export function seatOf(db: DB, id: number): { staff: StaffMember | null; idleLockMinutes: number } {
  const r = prep(
    db,
    `SELECT s.id, s.username, s.display_name AS displayName, s.active,
            (
              SELECT group_concat(role)
              FROM (SELECT role FROM staff_roles WHERE staff_id = s.id ORDER BY role)
            ) AS roles,
            (SELECT value FROM settings WHERE key = 'center') AS center
      FROM staff s
      WHERE s.id = ?`,
  ).get(id) as
    | { id: number; username: string; displayName: string; active: number; roles: string | null; center: string | null }
    | undefined;
  const idle = r?.center
    ? ((JSON.parse(r.center) as Partial<typeof DEFAULT_CENTER>).idleLockMinutes ?? DEFAULT_CENTER.idleLockMinutes)
    : DEFAULT_CENTER.idleLockMinutes;
  if (!r || r.active !== 1) return { staff: null, idleLockMinutes: idle };
  return {
    staff: { id: r.id, username: r.username, displayName: r.displayName, roles: (r.roles?.split(',') ?? []) as Role[] },
    idleLockMinutes: idle,
  };
}

export function idleLockMinutes(db: DB): number {
  return getSetting(db, 'center', DEFAULT_CENTER).idleLockMinutes;
}

function sessionState(db: DB, s: Session, now: Date): SessionState {
  return { staff: s.staff, locked: s.locked, idleLockMinutes: idleLockMinutes(db), today: dateCn(now) };
}

function insertStaff(
  db: DB,
  now: Date,
  u: { username: string; displayName: string; password: string; roles: Role[] },
): StaffRow {
  const taken = prep(db, 'SELECT 1 FROM staff WHERE username = ?').get(u.username);
  if (taken) throw new AppError('CONFLICT', `用户名 ${u.username} 已被使用`, 'username');
  const pw = hashPassword(u.password);
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO staff (username, display_name, password_hash, password_salt, password_params, created_at)
        VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(u.username, u.displayName, pw.hash, pw.salt, pw.params, isoCn(now));
  const id = Number(lastInsertRowid);
  setRoles(db, id, u.roles);
  return toRow(db, record(db, id));
}

function setRoles(db: DB, id: number, roles: Role[]): void {
  prep(db, 'DELETE FROM staff_roles WHERE staff_id = ?').run(id);
  const add = prep(db, 'INSERT INTO staff_roles (staff_id, role) VALUES (?, ?)');
  for (const role of new Set(roles)) add.run(id, role);
}

function activeAdmins(db: DB): number {
  return (
    prep(
      db,
      `SELECT count(*) AS n
        FROM staff s
        JOIN staff_roles r ON r.staff_id = s.id AND r.role = 'admin'
        WHERE s.active = 1`,
    ).get() as {
      n: number;
    }
  ).n;
}

const countStaff = (db: DB) => (prep(db, 'SELECT count(*) AS n FROM staff').get() as { n: number }).n;

/** Checks a password against the account, counting failures; five in a row lock the account for five minutes. */
function checkPassword(db: DB, r: StaffRecord, password: string, now: Date): AppError | null {
  if (r.locked_until && r.locked_until > isoCn(now))
    return new AppError(
      'FORBIDDEN',
      `密码错误次数过多，账号已锁定至 ${r.locked_until.slice(11, 16)}，请稍后再试`,
      'password',
    );
  if (verifyPassword(password, r.password_hash, r.password_salt, r.password_params)) {
    prep(db, 'UPDATE staff SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(r.id);
    return null;
  }
  const failed = r.failed_attempts + 1;
  if (failed >= MAX_FAILED) {
    prep(db, 'UPDATE staff SET failed_attempts = 0, locked_until = ? WHERE id = ?').run(
      isoCn(new Date(now.getTime() + LOCKOUT_MS)),
      r.id,
    );
    return new AppError('FORBIDDEN', `密码连续错误 ${MAX_FAILED} 次，账号已锁定 5 分钟`, 'password');
  }
  prep(db, 'UPDATE staff SET failed_attempts = ? WHERE id = ?').run(failed, r.id);
  return new AppError('VALIDATION', `用户名或密码错误（还可再试 ${MAX_FAILED - failed} 次）`, 'password');
}

export const staffHandlers = {
  'setup.state': (ctx) => ({
    needsAdmin: countStaff(ctx.db) === 0,
    centerName: getSetting(ctx.db, 'center', DEFAULT_CENTER).name,
  }),

  'setup.createAdmin': (ctx, input) => {
    if (countStaff(ctx.db) > 0) throw new AppError('CONFLICT', '管理员已经创建过了，请直接登录');
    const row = insertStaff(ctx.db, ctx.now, { ...input, roles: ['admin'] });
    ctx.audit('staff', row.id, null, row, row.id);
    return { id: row.id, username: row.username, displayName: row.displayName, roles: row.roles };
  },

  'session.state': (ctx) => sessionState(ctx.db, ctx.session, ctx.now),

  'session.touch': () => ({ ok: true as const }),

  'session.signIn': (ctx, input) => {
    const r = prep(ctx.db, 'SELECT * FROM staff WHERE username = ?').get(input.username) as StaffRecord | undefined;
    if (!r || r.active !== 1) {
      burnOneDerivation(input.password);
      return new Failure(new AppError('VALIDATION', '用户名或密码错误', 'password'));
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

  'staff.list': (ctx) =>
    (prep(ctx.db, 'SELECT * FROM staff ORDER BY active DESC, id').all() as StaffRecord[]).map((r) => toRow(ctx.db, r)),

  'staff.create': (ctx, input) => {
    const row = insertStaff(ctx.db, ctx.now, input);
    ctx.audit('staff', row.id, null, row);
    return row;
  },

  'staff.update': (ctx, input) => {
    const before = toRow(ctx.db, record(ctx.db, input.id));
    prep(ctx.db, 'UPDATE staff SET display_name = ?, active = ? WHERE id = ?').run(
      input.displayName,
      input.active ? 1 : 0,
      input.id,
    );
    setRoles(ctx.db, input.id, input.roles);
    if (activeAdmins(ctx.db) === 0) throw new AppError('CONFLICT', '至少要保留一位在用的管理员', 'roles');
    const after = toRow(ctx.db, record(ctx.db, input.id));
    ctx.audit('staff', input.id, before, after);
    return after;
  },

  'staff.resetPassword': (ctx, input) => {
    record(ctx.db, input.id);
    const pw = hashPassword(input.password);
    ctx.db
      .prepare(
        `UPDATE staff
          SET password_hash = ?, password_salt = ?, password_params = ?, failed_attempts = 0, locked_until = NULL
          WHERE id = ?`,
      )
      .run(pw.hash, pw.salt, pw.params, input.id);
    const row = toRow(ctx.db, record(ctx.db, input.id));
    ctx.audit('staff', input.id, null, { event: 'password reset by admin' });
    return row;
  },
} satisfies Partial<Handlers>;
