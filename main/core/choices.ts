// Pick lists kept as data (migration 0011): 服务岗位 (also the wishes' categories) and 意见建议类别. An admin adds a
// name or takes one off the list; rows that used it keep it. Migration 0012 adds 纠纷类型.
import { AppError } from '../../shared/domain/result';
import type { Choice } from '../../shared/schemas/service';
import { type DB, prep } from '../db/open';
import type { Handlers } from './dispatch';

const LIST_LABELS: Record<Choice['list'], string> = {
  post: '服务岗位',
  suggestionCategory: '意见建议类别',
  disputeType: '纠纷类型',
};

const CHOICE = `SELECT list, name, sort_order AS sortOrder, active
  FROM choices`;
type ChoiceRecord = Omit<Choice, 'active'> & { active: number };
const toChoice = (c: ChoiceRecord): Choice => ({ ...c, active: c.active === 1 });

/** Refuses a name that is not an active choice of `list`, at `field`. */
export function checkChoice(db: DB, list: Choice['list'], name: string, field: string): void {
  if (!prep(db, `${CHOICE}\nWHERE list = ? AND name = ? AND active = 1`).get(list, name))
    throw new AppError('VALIDATION', `请从列表中选择${LIST_LABELS[list]}`, field);
}

export const choiceHandlers = {
  'choices.list': (ctx) =>
    (prep(ctx.db, `${CHOICE}\nORDER BY list, active DESC, sort_order`).all() as ChoiceRecord[]).map(toChoice),

  'choices.save': (ctx, input) => {
    const before = prep(ctx.db, `${CHOICE}\nWHERE list = ? AND name = ?`).get(input.list, input.name) as
      ChoiceRecord | undefined;
    if (before)
      prep(ctx.db, 'UPDATE choices SET active = ? WHERE list = ? AND name = ?').run(
        input.active ? 1 : 0,
        input.list,
        input.name,
      );
    else
      prep(
        ctx.db,
        `INSERT INTO choices (list, name, sort_order, active)
          SELECT ?, ?, coalesce(max(sort_order), 0) + 1, ?
          FROM choices
          WHERE list = ?`,
      ).run(input.list, input.name, input.active ? 1 : 0, input.list);
    const after = toChoice(
      prep(ctx.db, `${CHOICE}\nWHERE list = ? AND name = ?`).get(input.list, input.name) as ChoiceRecord,
    );
    ctx.audit('choice', `${input.list}:${input.name}`, before ? toChoice(before) : null, after);
    return after;
  },
} satisfies Partial<Handlers>;
