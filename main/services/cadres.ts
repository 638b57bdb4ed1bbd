// 帮扶干部 (cadres): the register of cadres who pair with households, with their overdue visits.
import { AppError } from '../../shared/domain/result';
import { dateCn, isoCn } from '../../shared/domain/time';
import type { CadreDetail, PairingRow } from '../../shared/schemas/pairings';
import { prep } from '../db/open';
import type { Handlers } from '../dispatch';
import { page, Where } from './paging';
import { CADRE, cadre, type CadreRecord, pairedDuring, PAIRING, toCadre } from './pairings';
import { initials } from './pinyin';
import { dueVisits } from './visits';

export const cadreHandlers = {
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
} satisfies Partial<Handlers>;
