// Staff members and their roles, kept by an admin; the password check that session.ts uses (the seat lookup
// is the dispatcher's own, core/dispatch.ts seatOf).

import { AppError } from '../../shared/domain/result';
import type { Role } from '../../shared/domain/roles';
import { dateCn, isoCn } from '../../shared/domain/time';
import { DEFAULT_CENTER } from '../../shared/schemas/settings';
import type { SessionState, StaffRow } from '../../shared/schemas/staff';
import { type Handlers, type Session } from '../core/dispatch';
import { rekeySoon } from '../core/rekey';
import { getSetting } from '../core/settings';
import type { Keyring } from '../db/keys';
import { type DB, prep } from '../db/open';

export interface StaffRecord {
  id: number;
  username: string;
  displayName: string;
  active: number;
  createdAt: string;
  cadreId: number | null;
}

export const STAFF = `SELECT id, username, display_name AS displayName, active, created_at AS createdAt,
  cadre_id AS cadreId
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

function toRow(db: DB, keys: Keyring, r: StaffRecord): StaffRow {
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    roles: rolesOf(db, r.id),
    active: r.active === 1,
    lockedUntil: keys.lockedUntil(r.username),
    hasKey: keys.hasSlot(r.id),
    createdAt: r.createdAt,
    cadreId: r.cadreId,
    cadreName: r.cadreId
      ? (prep(db, 'SELECT name FROM cadres WHERE id = ?').get(r.cadreId) as { name: string }).name
      : null,
  };
}

export function idleLockMinutes(db: DB): number {
  return getSetting(db, 'center', DEFAULT_CENTER).idleLockMinutes;
}

export function sessionState(db: DB, s: Session, now: Date): SessionState {
  return { staff: s.staff, locked: s.locked, idleLockMinutes: idleLockMinutes(db), today: dateCn(now) };
}

/** A new staff member: their row and roles, then their key slot (last, so a refused insert writes no slot). */
export function insertStaff(
  db: DB,
  keys: Keyring,
  now: Date,
  u: { username: string; displayName: string; password: string; roles: Role[] },
): StaffRow {
  const taken = prep(db, 'SELECT 1 FROM staff WHERE username = ?').get(u.username);
  if (taken) throw new AppError('CONFLICT', `用户名 ${u.username} 已被使用`, 'username');
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO staff (username, display_name, created_at)
        VALUES (?, ?, ?)`,
    )
    .run(u.username, u.displayName, isoCn(now));
  const id = Number(lastInsertRowid);
  setRoles(db, id, u.roles);
  keys.setSlot(id, u.username, u.password);
  return toRow(db, keys, record(db, id));
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
    (prep(ctx.db, `${STAFF}\nORDER BY active DESC, id`).all() as StaffRecord[]).map((r) =>
      toRow(ctx.db, ctx.ledger.keys, r),
    ),

  'staff.create': (ctx, input) => {
    const row = insertStaff(ctx.db, ctx.ledger.keys, ctx.now, input);
    ctx.audit('staff', row.id, null, row);
    return row;
  },

  'staff.update': (ctx, input) => {
    const keys = ctx.ledger.keys;
    const before = toRow(ctx.db, keys, record(ctx.db, input.id));
    prep(ctx.db, 'UPDATE staff SET display_name = ?, active = ? WHERE id = ?').run(
      input.displayName,
      input.active ? 1 : 0,
      input.id,
    );
    setRoles(ctx.db, input.id, input.roles);
    if (input.cadreId !== undefined) linkCadre(ctx.db, input.id, input.cadreId);
    if (activeAdmins(ctx.db) === 0) throw new AppError('CONFLICT', '至少要保留一位在用的管理员', 'roles');
    ctx.audit('staff', input.id, before, toRow(ctx.db, keys, record(ctx.db, input.id)));
    // A deactivated member's password opens the ledger no more; one brought back needs a new password first. Their
    // password still opens old copies of the key file (a USB stick): the data key changes, once this commits.
    if (!input.active && keys.hasSlot(input.id)) {
      keys.removeSlot(input.id);
      rekeySoon(ctx.ledger, 'staff deactivated', ctx.session.staff?.id ?? null);
    }
    return toRow(ctx.db, keys, record(ctx.db, input.id));
  },

  'staff.resetPassword': (ctx, input) => {
    const r = record(ctx.db, input.id);
    if (r.active !== 1) throw new AppError('CONFLICT', '这个账号已停用：请先启用，再重置密码', 'password');
    ctx.audit('staff', input.id, null, { event: 'password reset by admin' });
    ctx.ledger.keys.setSlot(r.id, r.username, input.password);
    return toRow(ctx.db, ctx.ledger.keys, r);
  },
} satisfies Partial<Handlers>;
