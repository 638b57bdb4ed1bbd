// 群众意见建议: collected (收集), assigned with a deadline in working days (办理) or answered on the spot (立即答复),
// answered and closed with a result (答复、办结), followed up (回访), or withdrawn with a reason.
import { AppError } from '../../shared/domain/result';
import { REVISITS, SUGGESTION_CHANNELS, SUGGESTION_RESULTS, type SuggestionState } from '../../shared/domain/service';
import { dateCn, isoCn } from '../../shared/domain/time';
import { addWorkingDays } from '../../shared/domain/workdays';
import type { SuggestionDetail } from '../../shared/schemas/service';
import { loadCalendar } from '../cases';
import { checkChoice } from '../core/choices';
import type { Ctx, Handlers } from '../core/dispatch';
import { initials } from '../core/pinyin';
import { type DB, prep } from '../db/open';
import { stepDate, updateRow, withdrawRow } from './register';
import { SUGGESTION_ROW, SUGGESTIONS } from './suggestionList';

export function suggestionDetail(db: DB, id: number, today: string): SuggestionDetail {
  const row = prep(db, `${SUGGESTION_ROW}\nWHERE s.id = ?`).get(today, id) as
    Omit<SuggestionDetail, 'timeline' | keyof More> | undefined;
  if (!row) throw new AppError('NOT_FOUND', '找不到这条意见建议');
  const more = prep(
    db,
    `SELECT s.collected_by AS collectedBy, s.assigned_on AS assignedOn, s.answer, s.result_reason AS resultReason,
        s.revisited_on AS revisitedOn, s.revisit_note AS revisitNote, s.withdraw_reason AS withdrawReason,
        s.withdrawn_on AS withdrawnOn, rs.display_name AS recordedBy, gs.display_name AS assignedBy,
        ans.display_name AS answeredBy, vs.display_name AS revisitedBy, ws.display_name AS withdrawnBy
      FROM suggestions s
      JOIN staff rs ON rs.id = s.recorded_by
      LEFT JOIN staff gs ON gs.id = s.assigned_by
      LEFT JOIN staff ans ON ans.id = s.answered_by
      LEFT JOIN staff vs ON vs.id = s.revisited_by
      LEFT JOIN staff ws ON ws.id = s.withdrawn_by
      WHERE s.id = ?`,
  ).get(id) as More & Record<'recordedBy' | 'assignedBy' | 'answeredBy' | 'revisitedBy' | 'withdrawnBy', string>;
  const step = (on: string | null, what: string, by: string) => (on ? [{ on, what, by }] : []);
  const result = row.result && SUGGESTION_RESULTS[row.result] + (more.resultReason ? `（${more.resultReason}）` : '');
  const timeline = [
    ...step(row.collectedOn, `收集（${SUGGESTION_CHANNELS[row.channel]}）：${row.content}`, more.recordedBy),
    ...step(more.assignedOn, `交办 ${row.handler}，${row.dueOn} 前办结`, more.assignedBy),
    ...step(row.answeredOn, `${row.onTheSpot ? '立即答复' : '答复'}：${more.answer}；${result}`, more.answeredBy),
    ...step(
      more.revisitedOn,
      `回访：${row.revisit && REVISITS[row.revisit]}${more.revisitNote ? `，${more.revisitNote}` : ''}`,
      more.revisitedBy,
    ),
    ...step(more.withdrawnOn, `撤回：${more.withdrawReason}`, more.withdrawnBy),
  ];
  return {
    ...row,
    onTheSpot: Boolean(row.onTheSpot),
    collectedBy: more.collectedBy,
    assignedOn: more.assignedOn,
    answer: more.answer,
    resultReason: more.resultReason,
    revisitedOn: more.revisitedOn,
    revisitNote: more.revisitNote,
    withdrawReason: more.withdrawReason,
    timeline,
  };
}

type More = Pick<
  SuggestionDetail,
  'collectedBy' | 'assignedOn' | 'answer' | 'resultReason' | 'revisitedOn' | 'revisitNote' | 'withdrawReason'
> & { withdrawnOn: string | null };

function current(db: DB, id: number): { status: SuggestionState; collectedOn: string; assignedOn: string | null } {
  const s = prep(
    db,
    `SELECT status, collected_on AS collectedOn, assigned_on AS assignedOn
      FROM suggestions
      WHERE id = ?`,
  ).get(id) as { status: SuggestionState; collectedOn: string; assignedOn: string | null } | undefined;
  if (!s) throw new AppError('NOT_FOUND', '找不到这条意见建议');
  return s;
}

/** A result other than 已解决 needs its reason. */
function checkResult(result: string, reason: string, field = 'resultReason'): void {
  if (result !== 'resolved' && !reason)
    throw new AppError('VALIDATION', `${SUGGESTION_RESULTS[result as 'partial']}时请写明原因`, field);
}

function audited(ctx: Ctx, id: number, before: SuggestionDetail | null): SuggestionDetail {
  const after = suggestionDetail(ctx.db, id, dateCn(ctx.now));
  ctx.audit('suggestion', id, before && { ...before, timeline: undefined }, { ...after, timeline: undefined });
  return after;
}

const STATE_WHY: Record<SuggestionState, string> = {
  collected: '还没有交办',
  assigned: '正在办理',
  closed: '已经办结',
  withdrawn: '已撤回',
};
const refuse = (s: SuggestionState, step: string) =>
  new AppError('CONFLICT', `这条意见建议${STATE_WHY[s]}，不能${step}`);

export const suggestionHandlers = {
  'suggestions.get': (ctx, input) => suggestionDetail(ctx.db, input.id, dateCn(ctx.now)),

  'suggestions.create': (ctx, input) => {
    checkChoice(ctx.db, 'suggestionCategory', input.category, 'category');
    if (!prep(ctx.db, 'SELECT 1 FROM areas WHERE id = ? AND active = 1').get(input.areaId))
      throw new AppError('VALIDATION', '请选择村/社区', 'areaId');
    if (input.householdId && !prep(ctx.db, 'SELECT 1 FROM households WHERE id = ?').get(input.householdId))
      throw new AppError('VALIDATION', '找不到这户', 'householdId');
    if (input.collectedBy && !prep(ctx.db, 'SELECT 1 FROM cadres WHERE id = ? AND active = 1').get(input.collectedBy))
      throw new AppError('VALIDATION', '请选择在岗的服务人员', 'collectedBy');
    stepDate(ctx, input.collectedOn, 'collectedOn', '收集日期');
    const now = input.answerNow;
    if (now) checkResult(now.result, now.resultReason, 'answerNow.resultReason');
    const at = isoCn(ctx.now);
    const by = ctx.session.staff!.id;
    const id = Number(
      prep(
        ctx.db,
        `INSERT INTO suggestions (content, channel, category, area_id, household_id, resident, resident_initials,
            collected_by, collected_on, recorded_by, status, on_the_spot, answer, answered_on, result, result_reason,
            answered_by, created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        input.content,
        input.channel,
        input.category,
        input.areaId,
        input.householdId ?? null,
        input.resident,
        input.resident ? initials(input.resident) : '',
        input.collectedBy ?? null,
        input.collectedOn,
        by,
        now ? 'closed' : 'collected',
        now ? 1 : 0,
        now?.answer ?? null,
        now ? input.collectedOn : null,
        now?.result ?? null,
        now?.resultReason || null,
        now ? by : null,
        at,
        at,
      ).lastInsertRowid,
    );
    return audited(ctx, id, null);
  },

  'suggestions.assign': (ctx, input) => {
    const s = current(ctx.db, input.id);
    // Assigned again while in hand: a new handler or deadline (the first assignment stays in the audit log).
    if (s.status !== 'collected' && s.status !== 'assigned') throw refuse(s.status, '交办');
    stepDate(ctx, input.assignedOn, 'assignedOn', '交办日期', [s.collectedOn, '收集日期']);
    const before = suggestionDetail(ctx.db, input.id, dateCn(ctx.now));
    const dueOn = addWorkingDays(input.assignedOn, input.workingDays, loadCalendar(ctx.db));
    updateRow(ctx, SUGGESTIONS, input.id, {
      status: 'assigned',
      handler: input.handler,
      assigned_on: input.assignedOn,
      assigned_by: ctx.session.staff!.id,
      due_on: dueOn,
    });
    return audited(ctx, input.id, before);
  },

  'suggestions.answer': (ctx, input) => {
    const s = current(ctx.db, input.id);
    if (s.status === 'collected')
      throw new AppError('CONFLICT', '请先交办并设定办理时限；当场答复的，登记时选“立即答复”');
    if (s.status !== 'assigned') throw refuse(s.status, '答复');
    stepDate(ctx, input.answeredOn, 'answeredOn', '答复日期', [s.assignedOn!, '交办日期']);
    checkResult(input.result, input.resultReason);
    const before = suggestionDetail(ctx.db, input.id, dateCn(ctx.now));
    updateRow(ctx, SUGGESTIONS, input.id, {
      status: 'closed',
      answer: input.answer,
      answered_on: input.answeredOn,
      result: input.result,
      result_reason: input.resultReason || null,
      answered_by: ctx.session.staff!.id,
    });
    return audited(ctx, input.id, before);
  },

  'suggestions.revisit': (ctx, input) => {
    const before = suggestionDetail(ctx.db, input.id, dateCn(ctx.now));
    if (before.status !== 'closed') throw refuse(before.status, '回访（办结后才能回访）');
    if (before.revisit) throw new AppError('CONFLICT', '这条意见建议已经回访过');
    stepDate(ctx, input.revisitedOn, 'revisitedOn', '回访日期', [before.answeredOn!, '答复日期']);
    updateRow(ctx, SUGGESTIONS, input.id, {
      revisit: input.revisit,
      revisited_on: input.revisitedOn,
      revisit_note: input.note || null,
      revisited_by: ctx.session.staff!.id,
    });
    return audited(ctx, input.id, before);
  },

  'suggestions.withdraw': (ctx, input) => {
    const s = current(ctx.db, input.id);
    if (s.status !== 'collected' && s.status !== 'assigned') throw refuse(s.status, '撤回');
    const before = suggestionDetail(ctx.db, input.id, dateCn(ctx.now));
    withdrawRow(ctx, SUGGESTIONS, input.id, input.reason);
    return audited(ctx, input.id, before);
  },
} satisfies Partial<Handlers>;
