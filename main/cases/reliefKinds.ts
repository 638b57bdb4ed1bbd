// 救助类别 (relief kinds): data an admin edits — materials, time limit, ceiling, once-a-year rules, monthly or one-off.
import { fen } from '../../shared/domain/money';
import { AppError } from '../../shared/domain/result';
import type { Handlers } from '../core/dispatch';
import { prep } from '../db/open';
import { KIND, type KindRecord, toKind } from './applications';

export const reliefKindHandlers = {
  'reliefKinds.list': (ctx) =>
    (prep(ctx.db, `${KIND}\nWHERE active = 1\nORDER BY sort_order`).all() as KindRecord[]).map(toKind),

  'reliefKinds.save': (ctx, input) => {
    const old = prep(ctx.db, `${KIND}\nWHERE code = ?`).get(input.code) as KindRecord | undefined;
    if (input.parentCode !== null) {
      const parent = prep(ctx.db, 'SELECT parent_code FROM relief_kinds WHERE code = ?').get(input.parentCode) as
        { parent_code: string | null } | undefined;
      if (!parent || parent.parent_code !== null || input.parentCode === input.code)
        throw new AppError('VALIDATION', '上级类别应为一个顶层类别', 'parentCode');
    }
    // Each payment keeps the top-level kind it was paid under (the year's figures never move); payment_totals is read
    // through today's parents. Re-parenting a kind already paid would make the two disagree, so it is refused.
    if (
      old &&
      old.parentCode !== input.parentCode &&
      prep(
        ctx.db,
        'SELECT 1 FROM payment_totals WHERE kind_code = ? UNION ALL SELECT 1 FROM payments WHERE top_kind = ?',
      ).get(input.code, input.code)
    )
      throw new AppError(
        'CONFLICT',
        `“${old.name}”已有发放记录，不能再改变上级类别；如需调整，请新建一个类别`,
        'parentCode',
      );
    if (prep(ctx.db, 'SELECT 1 FROM relief_kinds WHERE name = ? AND code <> ?').get(input.name, input.code))
      throw new AppError('CONFLICT', `已有名为“${input.name}”的类别`, 'name');
    const ceiling = input.townshipCeiling.trim() === '' ? null : fen(input.townshipCeiling, 'townshipCeiling');
    const values = [
      input.name,
      input.parentCode,
      JSON.stringify(input.materials),
      input.timeLimitDays,
      input.recurrence,
      ceiling,
      input.maxPerYear,
      input.distinctReason ? 1 : 0,
      input.urgentAllowed ? 1 : 0,
      input.paperworkDays,
      input.active ? 1 : 0,
    ];
    if (old)
      prep(
        ctx.db,
        `UPDATE relief_kinds
          SET name = ?, parent_code = ?, materials = ?, time_limit_days = ?, recurrence = ?, township_ceiling_fen = ?,
        max_per_year = ?, distinct_reason = ?, urgent_allowed = ?, paperwork_days = ?, active = ?
          WHERE code = ?`,
      ).run(...values, input.code);
    else
      prep(
        ctx.db,
        `INSERT INTO relief_kinds (name, parent_code, materials, time_limit_days, recurrence, township_ceiling_fen,
          max_per_year,
        distinct_reason, urgent_allowed, paperwork_days, active, code, sort_order)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(sort_order), 0) + 1 FROM relief_kinds))`,
      ).run(...values, input.code);
    const after = toKind(prep(ctx.db, `${KIND}\nWHERE code = ?`).get(input.code) as KindRecord);
    ctx.audit('reliefKind', input.code, old ? toKind(old) : null, after);
    return after;
  },
} satisfies Partial<Handlers>;
