// 结对帮扶: the pairings of cadres (cadres.ts) with households. One primary (and at most one secondary) cadre per household
// at a time; a pairing ends with a date and a reason, never deleted, so the history stays.
import { AppError } from '../../shared/domain/result';
import { dateCn, isoCn } from '../../shared/domain/time';
import { addDays } from '../../shared/domain/workdays';
import type { CadreRow, HouseholdPairings, PairingRow } from '../../shared/schemas/pairings';
import { currentCard } from '../cards';
import type { Ctx, Handlers } from '../core/dispatch';
import { MASKED_PHONE } from '../core/idLookups';
import { page, Where } from '../core/paging';
import { type DB, prep } from '../db/open';
import { endPeriod } from '../registry';
import { checkRegistered, dueVisits } from './visits';

export const CADRE = `SELECT c.id, c.name, c.kind, c.unit, c.party_member AS partyMember, c.phone, c.active,
  c.reported_on AS reportedOn, c.post,
  (SELECT count(*) FROM pairings p WHERE p.cadre_id = c.id AND p.to_date IS NULL) AS households
  FROM cadres c`;
export type CadreRecord = Omit<CadreRow, 'partyMember' | 'active' | 'overdue'> & {
  partyMember: number;
  active: number;
};
export const toCadre = (c: CadreRecord, overdue = 0): CadreRow => ({
  ...c,
  partyMember: c.partyMember === 1,
  active: c.active === 1,
  overdue,
});

export function cadre(db: DB, id: number): CadreRecord {
  const c = prep(db, `${CADRE} WHERE c.id = ?`).get(id) as CadreRecord | undefined;
  if (!c) throw new AppError('NOT_FOUND', '找不到这名服务人员', 'cadreId');
  return c;
}

export const PAIRING = `SELECT p.id, p.cadre_id AS cadreId, c.name AS cadreName, c.phone AS cadrePhone,
    p.household_id AS householdId,
    h.head_name AS head, ar.name AS area, p.role, p.from_date AS fromDate, p.to_date AS toDate,
    p.end_reason AS endReason
  FROM pairings p
  JOIN cadres c ON c.id = p.cadre_id
  JOIN households h ON h.id = p.household_id
  JOIN areas ar ON ar.id = h.area_id`;

function householdPairings(db: DB, householdId: number, today: string): HouseholdPairings {
  const all = prep(
    db,
    `${PAIRING} WHERE p.household_id = ? ORDER BY p.to_date IS NOT NULL, p.role, p.from_date DESC, p.id DESC`,
  ).all(householdId) as PairingRow[];
  return {
    current: all.filter((p) => p.toDate === null),
    history: all.filter((p) => p.toDate !== null),
    due: dueVisits(db, today, { householdId })[0] ?? null,
    card: currentCard(db, householdId),
  };
}

function start(ctx: Ctx, input: Parameters<Handlers['pairings.start']>[1]): number {
  const { db } = ctx;
  const h = prep(db, 'SELECT status, head_name AS head FROM households WHERE id = ?').get(input.householdId) as
    { status: string; head: string } | undefined;
  if (!h) throw new AppError('NOT_FOUND', '找不到这一户', 'householdId');
  if (h.status !== 'registered') throw new AppError('CONFLICT', `${h.head}户已退出台账，不能结对`, 'householdId');
  const c = cadre(db, input.cadreId);
  if (!c.active) throw new AppError('CONFLICT', `${c.name}已停用，不能结对`, 'cadreId');
  if (input.fromDate > dateCn(ctx.now)) throw new AppError('VALIDATION', '结对日期不能晚于今天', 'fromDate');
  checkRegistered(db, input.fromDate, input, 'fromDate', '结对日期');
  const current = prep(
    db,
    `SELECT id, cadre_id AS cadreId, role, from_date AS fromDate
      FROM pairings
      WHERE household_id = ? AND to_date IS NULL`,
  ).all(input.householdId) as {
    id: number;
    cadreId: number;
    role: string;
    fromDate: string;
  }[];
  const same = current.find((p) => p.cadreId === input.cadreId);
  if (same)
    throw new AppError(
      'CONFLICT',
      `${c.name}已是这一户的${same.role === 'primary' ? '主要' : '协助'}帮扶人`,
      'cadreId',
    );
  // A new cadre in the same role replaces the current one: that pairing ends the day before, with its reason.
  const replaced = current.find((p) => p.role === input.role);
  if (replaced) {
    const end = addDays(input.fromDate, -1);
    if (end < replaced.fromDate)
      throw new AppError('VALIDATION', `原帮扶人自 ${replaced.fromDate} 起结对，新的结对日期应晚于这一天`, 'fromDate');
    prep(db, 'UPDATE pairings SET to_date = ?, end_reason = ? WHERE id = ?').run(end, `更换为${c.name}`, replaced.id);
  }
  return Number(
    prep(
      db,
      `INSERT INTO pairings (cadre_id, household_id, role, from_date, created_by, created_at)
        VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(input.cadreId, input.householdId, input.role, input.fromDate, ctx.session.staff!.id, isoCn(ctx.now))
      .lastInsertRowid,
  );
}

export const pairingHandlers = {
  'pairings.start': (ctx, input) => {
    const id = start(ctx, input);
    ctx.audit('pairing', id, null, input);
    return householdPairings(ctx.db, input.householdId, dateCn(ctx.now));
  },

  'pairings.end': (ctx, input) => {
    const today = dateCn(ctx.now);
    const { householdId } = endPeriod(ctx.db, {
      table: 'pairings',
      id: input.id,
      toDate: input.toDate,
      today,
      noun: '这个结对',
      startLabel: '结对日期',
      also: { end_reason: input.reason },
    });
    ctx.audit('pairing', input.id, { toDate: null }, { toDate: input.toDate, reason: input.reason });
    return householdPairings(ctx.db, householdId, today);
  },

  'pairings.ofHousehold': (ctx, input) => householdPairings(ctx.db, input.householdId, dateCn(ctx.now)),

  /** Registered households without a current primary cadre. */
  'pairings.unpaired': (ctx, q) => {
    const where = new Where(
      `h.status = 'registered'`,
      `NOT EXISTS (
        SELECT 1
        FROM pairings p
        WHERE p.household_id = h.id AND p.role = 'primary' AND p.to_date IS NULL)`,
    );
    if (q.areaId) where.add('h.area_id = ?', q.areaId);
    return page<{ id: number; head: string; area: string; phone: string }>(ctx.db, q, {
      select: `SELECT h.id, h.head_name AS head, ar.name AS area, ${MASKED_PHONE('h.phone')} AS phone
        FROM households h
        JOIN areas ar ON ar.id = h.area_id`,
      from: 'FROM households h',
      where,
      order: 'ar.sort_order, h.head_pinyin, h.id',
    });
  },
} satisfies Partial<Handlers>;
