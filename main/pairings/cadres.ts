// 服务人员 (the cadres register): everyone who serves — 机关干部, 村（社区）干部, 在职党员, 网格员, 志愿者. Those paired
// with a household are its 帮扶干部; their overdue visits are listed with them.
import { AppError } from '../../shared/domain/result';
import { dateCn, isoCn } from '../../shared/domain/time';
import type { CadreDetail, PairingRow } from '../../shared/schemas/pairings';
import { checkChoice } from '../core/choices';
import type { Handlers } from '../core/dispatch';
import { page, Where } from '../core/paging';
import { initials } from '../core/pinyin';
import { prep } from '../db/open';
import { pairedDuring } from '../registry';
import { CADRE, cadre, type CadreRecord, PAIRING, toCadre } from './pairings';
import { dueVisits } from './visits';

export const cadreHandlers = {
  'cadres.list': (ctx, q) => {
    const where = new Where();
    if (q.q) where.add('(c.name LIKE ? OR c.name_initials LIKE ?)', `%${q.q}%`, `${q.q.toLowerCase()}%`);
    if (q.kind) where.add('c.kind = ?', q.kind);
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
    const member = input.kind === 'member';
    if (member && !input.reportedOn) throw new AppError('VALIDATION', '在职党员请填写到社区报到的日期', 'reportedOn');
    if (member && !input.post) throw new AppError('VALIDATION', '在职党员请选择认领的服务岗位', 'post');
    if (member) checkChoice(ctx.db, 'post', input.post!, 'post');
    if (member && input.reportedOn! > dateCn(ctx.now))
      throw new AppError('VALIDATION', '报到日期不能晚于今天', 'reportedOn');
    const values = [
      input.name,
      initials(input.name),
      input.kind,
      member ? input.reportedOn : null,
      member ? input.post : null,
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
          SET name = ?, name_initials = ?, kind = ?, reported_on = ?, post = ?, unit = ?, party_member = ?, phone = ?,
            active = ?, updated_at = ?
          WHERE id = ?`,
      ).run(...values, id);
    else
      id = Number(
        prep(
          ctx.db,
          `INSERT INTO cadres (name, name_initials, kind, reported_on, post, unit, party_member, phone, active,
              updated_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
