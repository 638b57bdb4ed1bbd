// 家庭成员 (persons): members added to a household, moved between households, their ID checked, and the audited reveal.
import { AppError } from '../../shared/domain/result';
import { dateCn, isoCn } from '../../shared/domain/time';
import { Failure, type Handlers } from '../core/dispatch';
import { fullIdLookup, seesFullId } from '../core/idLookups';
import { prep } from '../db/open';
import { checkIdNumber, householdDetail, insertPerson, registered } from './households';

export const personHandlers = {
  'persons.add': (ctx, input) => {
    registered(ctx.db, input.householdId);
    fullIdLookup(ctx, input.member.idNumber);
    if (input.member.relation === '户主') throw new AppError('VALIDATION', '这一户已有户主', 'member.relation');
    const at = isoCn(ctx.now);
    const today = dateCn(ctx.now);
    const personId = insertPerson(
      ctx.db,
      input.householdId,
      input.member,
      at,
      today,
      'member.idNumber',
      seesFullId(ctx),
    );
    prep(ctx.db, 'UPDATE households SET updated_at = ? WHERE id = ?').run(at, input.householdId);
    const after = householdDetail(ctx.db, input.householdId, seesFullId(ctx));
    ctx.audit('person', personId, null, {
      householdId: input.householdId,
      ...after.members.find((m) => m.id === personId),
    });
    return after;
  },

  'persons.move': (ctx, input) => {
    const p = prep(ctx.db, 'SELECT household_id AS householdId, relation, name FROM persons WHERE id = ?').get(
      input.personId,
    ) as { householdId: number; relation: string; name: string } | undefined;
    if (!p) throw new AppError('NOT_FOUND', '找不到这位成员');
    if (p.householdId === input.toHouseholdId) throw new AppError('VALIDATION', '已经在这一户中', 'toHouseholdId');
    if (p.relation === '户主')
      throw new AppError('CONFLICT', `${p.name} 是户主，请先为原户指定新户主再迁出`, 'personId');
    if (input.relation === '户主') throw new AppError('VALIDATION', '迁入的成员不能直接作为户主', 'relation');
    registered(ctx.db, p.householdId, 'personId');
    registered(ctx.db, input.toHouseholdId, 'toHouseholdId');
    if (input.movedOn > dateCn(ctx.now)) throw new AppError('VALIDATION', '迁移日期不能晚于今天', 'movedOn');
    const at = isoCn(ctx.now);
    ctx.db
      .prepare(
        `INSERT INTO person_moves (person_id, from_household_id, to_household_id, from_relation, moved_on, reason,
          staff_id, at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.personId,
        p.householdId,
        input.toHouseholdId,
        p.relation,
        input.movedOn,
        input.reason,
        ctx.session.staff?.id ?? null,
        at,
      );
    prep(ctx.db, 'UPDATE persons SET household_id = ?, relation = ?, updated_at = ? WHERE id = ?').run(
      input.toHouseholdId,
      input.relation,
      at,
      input.personId,
    );
    ctx.audit(
      'person',
      input.personId,
      { householdId: p.householdId, relation: p.relation },
      { householdId: input.toHouseholdId, relation: input.relation, reason: input.reason },
    );
    return householdDetail(ctx.db, input.toHouseholdId, seesFullId(ctx));
  },

  'persons.revealId': (ctx, input) => {
    const r = prep(ctx.db, 'SELECT id_number AS idNumber, household_id AS householdId FROM persons WHERE id = ?').get(
      input.id,
    ) as { idNumber: string; householdId: number } | undefined;
    if (!r) throw new AppError('NOT_FOUND', '找不到这位成员');
    // The audit row records that it was shown, never the number itself.
    ctx.audit('person', input.id, null, { event: 'full ID number shown', householdId: r.householdId });
    return { idNumber: r.idNumber };
  },

  'persons.checkId': (ctx, input) => {
    fullIdLookup(ctx, input.idNumber);
    try {
      return checkIdNumber(ctx.db, input.idNumber, dateCn(ctx.now), 'idNumber', 0, seesFullId(ctx));
    } catch (e) {
      // Refused, but the lookup's audit row stays.
      if (e instanceof AppError) return new Failure(e);
      throw e;
    }
  },
} satisfies Partial<Handlers>;
