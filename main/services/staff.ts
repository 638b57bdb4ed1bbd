// Staff members and their roles, kept by an admin; the password check and seat lookup that session.ts uses.
import { AppError } from '../../shared/domain/result';
import type { Role } from '../../shared/domain/roles';
import { dateCn, isoCn } from '../../shared/domain/time';
import { DEFAULT_CENTER } from '../../shared/schemas/settings';
import type { SessionState, StaffMember, StaffRow } from '../../shared/schemas/staff';
import { type DB, prep } from '../db/open';
import { type Handlers, type Session } from '../dispatch';
import { hashPassword, verifyPassword } from './password';
import { getSetting } from './settings';

export const MAX_FAILED = 5;
export const LOCKOUT_MS = 5 * 60_000;

export interface StaffRecord {
  id: number;
  username: string;
  displayName: string;
  passwordHash: Buffer;
  passwordSalt: Buffer;
  passwordParams: string;
  failedAttempts: number;
  lockedUntil: string | null;
  active: number;
  createdAt: string;
  cadreId: number | null;
}

export const STAFF = `SELECT id, username, display_name AS displayName, password_hash AS passwordHash,
  password_salt AS passwordSalt, password_params AS passwordParams, failed_attempts AS failedAttempts,
  locked_until AS lockedUntil, active, created_at AS createdAt, cadre_id AS cadreId
  FROM staff`;

function rolesOf(db: DB, staffId: number): Role[] {
  return (
    prep(db, 'SELECT role FROM staff_roles WHERE staff_id = ? ORDER BY role').all(staffId) as { role: Role }[]
  ).map((r) => r.role);
}

export function record(db: DB, id: number): StaffRecord {
  const r = prep(db, `${STAFF}\nWHERE id = ?`).get(id) as StaffRecord | undefined;
  if (!r) throw new AppError('NOT_FOUND', '找不到这位工作人员');
  return r;
}

function toRow(db: DB, r: StaffRecord): StaffRow {
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    roles: rolesOf(db, r.id),
    active: r.active === 1,
    lockedUntil: r.lockedUntil,
    createdAt: r.createdAt,
    cadreId: r.cadreId,
    cadreName: r.cadreId
      ? (prep(db, 'SELECT name FROM cadres WHERE id = ?').get(r.cadreId) as { name: string }).name
      : null,
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

export function sessionState(db: DB, s: Session, now: Date): SessionState {
  return { staff: s.staff, locked: s.locked, idleLockMinutes: idleLockMinutes(db), today: dateCn(now) };
}

export function insertStaff(
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

export const countStaff = (db: DB) => (prep(db, 'SELECT count(*) AS n FROM staff').get() as { n: number }).n;

/** What every wrong sign-in hears, whether the username exists, is unknown, or is locked. */
export const wrongPassword = () =>
  new AppError('VALIDATION', `用户名或密码错误（连续错误 ${MAX_FAILED} 次将锁定 5 分钟）`, 'password');

/**
 * Checks a password against the account, counting failures; five in a row lock the account for five minutes. The
 * password is always derived and a wrong one always hears the same words, so neither the answer nor its time tells
 * whether the account exists or is locked; a locked account says so only to the right password.
 */
export function checkPassword(db: DB, r: StaffRecord, password: string, now: Date): AppError | null {
  const right = verifyPassword(password, r.passwordHash, r.passwordSalt, r.passwordParams);
  if (r.lockedUntil && r.lockedUntil > isoCn(now))
    return right
      ? new AppError(
          'FORBIDDEN',
          `密码错误次数过多，账号已锁定至 ${r.lockedUntil.slice(11, 16)}，请稍后再试`,
          'password',
        )
      : wrongPassword();
  if (right) {
    prep(db, 'UPDATE staff SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(r.id);
    return null;
  }
  const failed = r.failedAttempts + 1;
  const lockedUntil = failed >= MAX_FAILED ? isoCn(new Date(now.getTime() + LOCKOUT_MS)) : null;
  prep(db, 'UPDATE staff SET failed_attempts = ?, locked_until = ? WHERE id = ?').run(
    lockedUntil ? 0 : failed,
    lockedUntil,
    r.id,
  );
  return wrongPassword();
}

/** The 服务人员 this account belongs to (a mediator concludes their own disputes); one account per person. */
function linkCadre(db: DB, staffId: number, cadreId: number | null): void {
  if (cadreId && !prep(db, 'SELECT 1 FROM cadres WHERE id = ?').get(cadreId))
    throw new AppError('VALIDATION', '找不到这位服务人员', 'cadreId');
  const other =
    cadreId &&
    (prep(db, 'SELECT display_name AS name FROM staff WHERE cadre_id = ? AND id <> ?').get(cadreId, staffId) as
      { name: string } | undefined);
  if (other) throw new AppError('CONFLICT', `这位服务人员已关联账号 ${other.name}`, 'cadreId');
  prep(db, 'UPDATE staff SET cadre_id = ? WHERE id = ?').run(cadreId, staffId);
}

export const staffHandlers = {
  'staff.list': (ctx) =>
    (prep(ctx.db, `${STAFF}\nORDER BY active DESC, id`).all() as StaffRecord[]).map((r) => toRow(ctx.db, r)),

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
    if (input.cadreId !== undefined) linkCadre(ctx.db, input.id, input.cadreId);
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
