// 结对帮扶: cadres, and their pairings with households. One primary (and at most one secondary) cadre per household
// at a time; a pairing ends with a date and a reason, never deleted, so the history stays.
import { AppError } from '../../shared/domain/result';
import { dateCn, isoCn } from '../../shared/domain/time';
import { addDays } from '../../shared/domain/workdays';
import type { CadreDetail, CadreRow, HouseholdPairings, PairingRow } from '../../shared/schemas/pairings';
import { type DB, prep } from '../db/open';
import type { Ctx, Handlers } from '../dispatch';
import { currentCard } from './cards';
import { page, Where } from './paging';
import { initials } from './pinyin';
import { dueVisits } from './visits';

/** A pairing `p` running at some time in a year: the annual report counts its cadres and households. */
export const pairedDuring = {
  sql: 'p.from_date <= ? AND (p.to_date IS NULL OR p.to_date >= ?)',
  args: (year: number) => [`${year}-12-31`, `${year}-01-01`],
};

const CADRE = `SELECT c.id, c.name, c.unit, c.party_member AS partyMember, c.phone, c.active,
  (SELECT count(*) FROM pairings p WHERE p.cadre_id = c.id AND p.to_date IS NULL) AS households
FROM cadres c`;
type CadreRecord = Omit<CadreRow, 'partyMember' | 'active' | 'overdue'> & { partyMember: number; active: number };
const toCadre = (c: CadreRecord, overdue = 0): CadreRow => ({
  ...c,
  partyMember: c.partyMember === 1,
  active: c.active === 1,
  overdue,
});

function cadre(db: DB, id: number): CadreRecord {
  const c = prep(db, `${CADRE} WHERE c.id = ?`).get(id) as CadreRecord | undefined;
  if (!c) throw new AppError('NOT_FOUND', '找不到这名帮扶干部', 'cadreId');
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
  'cadres.list': (ctx, q) => {
    const where = new Where();
    if (q.q) where.add('(c.name LIKE ? OR c.name_initials LIKE ?)', `%${q.q}%`, `${q.q.toLowerCase()}%`);
    if (q.active !== undefined) where.add('c.active = ?', q.active ? 1 : 0);
    if (q.pairedIn)
      where.add(
        `EXISTS (SELECT 1 FROM pairings p WHERE p.cadre_id = c.id AND ${pairedDuring.sql})`,
        ...pairedDuring.args(q.pairedIn),
      );
    if (q.unpaired)
      where.add('c.active = 1 AND NOT EXISTS (SELECT 1 FROM pairings p WHERE p.cadre_id = c.id AND p.to_date IS NULL)');
    const { rows, total } = page<CadreRecord>(ctx.db, q, {
      select: CADRE,
      from: 'FROM cadres c',
      where,
      order: 'c.active DESC, c.name_initials, c.id',
    });
    const overdue = new Map<number, number>();
    // Overdue visits of this page's cadres only.
    for (const d of dueVisits(ctx.db, dateCn(ctx.now), { overdueOnly: true, cadreIds: rows.map((c) => c.id) }))
      overdue.set(d.cadreId, (overdue.get(d.cadreId) ?? 0) + 1);
    return { rows: rows.map((c) => toCadre(c, overdue.get(c.id))), total };
  },

  'cadres.get': (ctx, input): CadreDetail => {
    const today = dateCn(ctx.now);
    const due = dueVisits(ctx.db, today, { cadreId: input.id });
    return {
      ...toCadre(cadre(ctx.db, input.id), due.filter((d) => d.overdueDays > 0).length),
      pairings: prep(ctx.db, `${PAIRING} WHERE p.cadre_id = ? ORDER BY p.to_date IS NOT NULL, p.from_date DESC`).all(
        input.id,
      ) as PairingRow[],
      due,
    };
  },

  'cadres.save': (ctx, input) => {
    const at = isoCn(ctx.now);
    const before = input.id ? toCadre(cadre(ctx.db, input.id)) : null;
    const values = [
      input.name,
      initials(input.name),
      input.unit,
      input.partyMember ? 1 : 0,
      input.phone,
      input.active ? 1 : 0,
      at,
    ];
    let id = input.id;
    if (id)
      prep(
        ctx.db,
        `UPDATE cadres
          SET name = ?, name_initials = ?, unit = ?, party_member = ?, phone = ?, active = ?, updated_at = ?
          WHERE id = ?`,
      ).run(...values, id);
    else
      id = Number(
        prep(
          ctx.db,
          `INSERT INTO cadres (name, name_initials, unit, party_member, phone, active, updated_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(...values, at).lastInsertRowid,
      );
    const after = toCadre(cadre(ctx.db, id));
    if (before?.active && !after.active && after.households > 0)
      throw new AppError(
        'CONFLICT',
        `${after.name}还有 ${after.households} 户结对，请先为这些户更换帮扶干部再停用`,
        'active',
      );
    ctx.audit('cadre', id, before, after);
    return after;
  },

  'pairings.start': (ctx, input) => {
    const id = start(ctx, input);
    ctx.audit('pairing', id, null, input);
    return householdPairings(ctx.db, input.householdId, dateCn(ctx.now));
  },

  'pairings.end': (ctx, input) => {
    const p = prep(
      ctx.db,
      'SELECT household_id AS householdId, from_date AS fromDate, to_date AS toDate FROM pairings WHERE id = ?',
    ).get(input.id) as { householdId: number; fromDate: string; toDate: string | null } | undefined;
    if (!p) throw new AppError('NOT_FOUND', '找不到这个结对');
    if (p.toDate) throw new AppError('CONFLICT', `这个结对已于 ${p.toDate} 结束`);
    if (input.toDate < p.fromDate) throw new AppError('VALIDATION', `结束日期不能早于结对日期 ${p.fromDate}`, 'toDate');
    if (input.toDate > dateCn(ctx.now)) throw new AppError('VALIDATION', '结束日期不能晚于今天', 'toDate');
    prep(ctx.db, 'UPDATE pairings SET to_date = ?, end_reason = ? WHERE id = ?').run(
      input.toDate,
      input.reason,
      input.id,
    );
    ctx.audit('pairing', input.id, { toDate: null }, { toDate: input.toDate, reason: input.reason });
    return householdPairings(ctx.db, p.householdId, dateCn(ctx.now));
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
      select: `SELECT h.id, h.head_name AS head, ar.name AS area, h.phone
FROM households h
JOIN areas ar ON ar.id = h.area_id`,
      from: 'FROM households h',
      where,
      order: 'ar.sort_order, h.head_pinyin, h.id',
    });
  },
} satisfies Partial<Handlers>;
