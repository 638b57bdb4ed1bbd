// 矛盾纠纷调解: registered (登记) with its parties and mediators, mediated in dated sessions (调解笔录), concluded
// (办结: 口头协议, 书面协议 with a gapless number per year, 调解不成 with the route suggested, or 转交) by one of its
// mediators or an admin, followed up (回访) while the agreement is performed, or withdrawn with a reason.
import type { Parsed } from '../../shared/contract';
import { DISPUTE_SOURCES, FOLLOWUPS, ROUTES } from '../../shared/domain/disputes';
import { parseIdNumber } from '../../shared/domain/idNumber';
import { fen } from '../../shared/domain/money';
import { AppError } from '../../shared/domain/result';
import { dateCn, isoCn } from '../../shared/domain/time';
import { addDays } from '../../shared/domain/workdays';
import type { AgreementPrint, DisputeDetail, DisputeParty } from '../../shared/schemas/disputes';
import { DEFAULT_CENTER } from '../../shared/schemas/settings';
import { checkChoice } from '../core/choices';
import type { Ctx, Handlers } from '../core/dispatch';
import { MASKED_ID, MASKED_PHONE, seesFullId } from '../core/idLookups';
import { nextNumber } from '../core/numbers';
import { initials } from '../core/pinyin';
import { getSetting } from '../core/settings';
import { type DB, prep } from '../db/open';
import { DISPUTE_ROW, type DisputeRecord, DISPUTES, toRow } from './disputeList';
import { stepDate, updateRow, withdrawRow } from './register';

/** The parties: IDs masked and phones whole (as on the wish page); `whole` shows both whole, `masked` both masked. */
function partiesOf(db: DB, id: number, show: 'page' | 'whole' | 'masked' = 'page'): DisputeParty[] {
  const idCol = show === 'whole' ? 'id_number' : MASKED_ID('id_number');
  const phoneCol = show === 'masked' ? MASKED_PHONE('phone') : 'phone';
  return prep(
    db,
    `SELECT seq, role, name, coalesce(${idCol}, '') AS idNumber, ${phoneCol} AS phone, address,
        household_id AS householdId
      FROM dispute_parties
      WHERE dispute_id = ?
      ORDER BY seq`,
  ).all(id) as DisputeParty[];
}

/**
 * Whether the signed-in person may conclude it: an admin, the staff account of one of its mediators, or the clerk
 * who registered it — mediators are often 服务人员 with no account, and the clerk at the counter writes up their result.
 */
function mayConclude(ctx: Ctx, id: number): boolean {
  const me = ctx.session.staff!;
  if (me.roles.includes('admin')) return true;
  return !!prep(
    ctx.db,
    `SELECT 1
      FROM disputes d
      WHERE d.id = ?
        AND (d.recorded_by = ?
          OR EXISTS (
            SELECT 1
              FROM staff s
              JOIN dispute_mediators m ON m.cadre_id = s.cadre_id
              WHERE s.id = ? AND m.dispute_id = d.id))`,
  ).get(id, me.id, me.id);
}

export function disputeDetail(ctx: Ctx, id: number): DisputeDetail {
  const { db } = ctx;
  const today = dateCn(ctx.now);
  const rec = prep(db, `${DISPUTE_ROW}\nWHERE d.id = ?`).get(today, today, id) as DisputeRecord | undefined;
  if (!rec) throw new AppError('NOT_FOUND', '找不到这件纠纷');
  const more = prep(
    db,
    `SELECT d.facts, d.responsibilities, d.terms, d.performance, d.copies, d.route, d.transferred_to AS transferredTo,
        d.conclusion_note AS conclusionNote, d.withdrawn_on AS withdrawnOn, d.withdraw_reason AS withdrawReason,
        rs.display_name AS recordedBy, cs.display_name AS concludedBy, ws.display_name AS withdrawnBy
      FROM disputes d
      JOIN staff rs ON rs.id = d.recorded_by
      LEFT JOIN staff cs ON cs.id = d.concluded_by
      LEFT JOIN staff ws ON ws.id = d.withdrawn_by
      WHERE d.id = ?`,
  ).get(id) as Pick<
    DisputeDetail,
    | 'facts'
    | 'responsibilities'
    | 'terms'
    | 'performance'
    | 'copies'
    | 'route'
    | 'transferredTo'
    | 'conclusionNote'
    | 'withdrawReason'
  > & { withdrawnOn: string | null; recordedBy: string; concludedBy: string | null; withdrawnBy: string | null };
  const mediatorList = prep(
    db,
    `SELECT c.id, c.name
      FROM dispute_mediators m
      JOIN cadres c ON c.id = m.cadre_id
      WHERE m.dispute_id = ?
      ORDER BY c.name`,
  ).all(id) as { id: number; name: string }[];
  const sessions = prep(
    db,
    `SELECT s.id, s.held_on AS heldOn, s.place, s.attendees, s.statements, s.proposal, s.recorder,
        st.display_name AS by
      FROM dispute_sessions s
      JOIN staff st ON st.id = s.created_by
      WHERE s.dispute_id = ?
      ORDER BY s.held_on, s.id`,
  ).all(id) as (DisputeDetail['sessions'][number] & { by: string })[];
  const followups = prep(
    db,
    `SELECT f.id, f.visited_on AS visitedOn, f.outcome, f.note, st.display_name AS by
      FROM dispute_followups f
      JOIN staff st ON st.id = f.created_by
      WHERE f.dispute_id = ?
      ORDER BY f.visited_on, f.id`,
  ).all(id) as DisputeDetail['followups'];
  const row = toRow(rec);
  const conclusion =
    row.status === 'settled'
      ? `调解成功，${row.agreement === 'written' ? `达成书面协议 ${row.agreementNo}` : `达成口头协议：${more.terms}`}`
      : row.status === 'failed'
        ? `调解不成（${more.conclusionNote}），建议${ROUTES[more.route!]}`
        : `转交 ${more.transferredTo}${more.conclusionNote ? `：${more.conclusionNote}` : ''}`;
  const step = (on: string | null, what: string, by: string | null) => (on ? [{ on, what, by: by ?? '' }] : []);
  const timeline = [
    ...step(row.acceptedOn, `受理（${DISPUTE_SOURCES[row.source]}）：${row.parties}，${row.type}`, more.recordedBy),
    ...sessions.flatMap((s) => step(s.heldOn, `调解（${s.place}）：${s.attendees}`, s.by)),
    ...step(row.concludedOn, conclusion, more.concludedBy),
    ...followups.flatMap((f) => step(f.visitedOn, `回访：${FOLLOWUPS[f.outcome]}${f.note ? `，${f.note}` : ''}`, f.by)),
    ...step(more.withdrawnOn, `撤回：${more.withdrawReason}`, more.withdrawnBy),
  ];
  const { withdrawnOn: _w, concludedBy: _c, withdrawnBy: _b, ...rest } = more;
  return {
    ...row,
    ...rest,
    partyList: partiesOf(db, id),
    mediatorList,
    sessions: sessions.map(({ by: _, ...s }) => s),
    followups,
    canConclude: row.status === 'open' && mayConclude(ctx, id),
    timeline,
  };
}

function audited(ctx: Ctx, id: number, before: DisputeDetail | null): DisputeDetail {
  const after = disputeDetail(ctx, id);
  const plain = (d: DisputeDetail) => ({ ...d, timeline: undefined, canConclude: undefined });
  ctx.audit('dispute', id, before && plain(before), plain(after));
  return after;
}

const STATE_WHY = {
  settled: '已调解成功',
  failed: '已调解不成',
  transferred: '已转交',
  withdrawn: '已撤回',
} as const;

/** The dispute as it stands; refused unless it is still being mediated. */
function open(ctx: Ctx, id: number, step: string): DisputeDetail {
  const d = disputeDetail(ctx, id);
  if (d.status !== 'open') throw new AppError('CONFLICT', `这件纠纷${STATE_WHY[d.status]}，不能${step}`);
  return d;
}

/** The parties as the form gave them: two sides, no one twice, ID numbers checked (never against the ledger). */
function checkParties(parties: Parsed<'disputes.create'>['parties'], today: string) {
  if (parties.length < 2) throw new AppError('VALIDATION', '当事人至少两方：请填写申请人和被申请人', 'parties');
  if (!parties.some((p) => p.role === 'applicant') || !parties.some((p) => p.role === 'respondent'))
    throw new AppError('VALIDATION', '当事人须有申请人和被申请人各至少一人', 'parties');
  const ids = parties.map((p, i) => {
    if (!p.idNumber.trim()) return '';
    const parsed = parseIdNumber(p.idNumber, today);
    if (!parsed.ok) throw new AppError('VALIDATION', parsed.message, `parties.${i}.idNumber`);
    return parsed.value.idNumber;
  });
  parties.forEach((p, i) => {
    const j = parties.findIndex(
      (q, k) =>
        k < i && ((ids[k] && ids[k] === ids[i]) || (q.name === p.name && (!ids[k] || !ids[i]) && q.phone === p.phone)),
    );
    if (j < 0) return;
    const sameId = ids[j] && ids[j] === ids[i];
    throw new AppError(
      'VALIDATION',
      sameId
        ? `第 ${i + 1} 位当事人与第 ${j + 1} 位身份证号相同：同一人不能既是申请人又是被申请人`
        : `第 ${i + 1} 位当事人与第 ${j + 1} 位同名${p.phone ? '同电话' : '且没有电话'}，是同一人吗？同一人不能既是申请人又是被申请人；同名的不同人请填写身份证号或电话以区分`,
      sameId ? `parties.${i}.idNumber` : `parties.${i}.name`,
    );
  });
  return ids;
}

export const disputeHandlers = {
  'disputes.get': (ctx, input) => disputeDetail(ctx, input.id),

  'disputes.create': (ctx, input) => {
    const { db } = ctx;
    const today = dateCn(ctx.now);
    stepDate(ctx, input.acceptedOn, 'acceptedOn', '受理日期');
    checkChoice(db, 'disputeType', input.type, 'type');
    if (!prep(db, 'SELECT 1 FROM areas WHERE id = ? AND active = 1').get(input.areaId))
      throw new AppError('VALIDATION', '请选择村/社区', 'areaId');
    const ids = checkParties(input.parties, today);
    if (input.persons < input.parties.length)
      throw new AppError('VALIDATION', `涉及人数不能少于列出的当事人（${input.parties.length} 人）`, 'persons');
    const amount = input.amount.trim();
    const amountFen = amount === '' || /^0+(\.0+)?$/.test(amount) ? 0 : fen(amount, 'amount');
    input.parties.forEach((p, i) => {
      if (p.householdId && !prep(db, 'SELECT 1 FROM households WHERE id = ?').get(p.householdId))
        throw new AppError('VALIDATION', '找不到这户', `parties.${i}.householdId`);
    });
    if (input.mediatorIds.length === 0) throw new AppError('VALIDATION', '请选择调解员', 'mediatorIds');
    for (const m of input.mediatorIds)
      if (!prep(db, 'SELECT 1 FROM cadres WHERE id = ? AND active = 1').get(m))
        throw new AppError('VALIDATION', '请选择在岗的服务人员作调解员', 'mediatorIds');
    const { mediationDays } = getSetting(db, 'center', DEFAULT_CENTER);
    const at = isoCn(ctx.now);
    const id = Number(
      prep(
        db,
        `INSERT INTO disputes (accepted_on, source, type, area_id, persons, amount_fen, facts, party_names,
            party_initials, party_id_tails, due_on, recorded_by, created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        input.acceptedOn,
        input.source,
        input.type,
        input.areaId,
        input.persons,
        amountFen,
        input.facts,
        input.parties.map((p) => p.name).join('、'),
        input.parties.map((p) => ` ${initials(p.name)}`).join(''),
        ids.map((x) => (x ? ` ${x.slice(-4)}` : '')).join(''),
        addDays(input.acceptedOn, mediationDays),
        ctx.session.staff!.id,
        at,
        at,
      ).lastInsertRowid,
    );
    const party = prep(
      db,
      `INSERT INTO dispute_parties (dispute_id, seq, role, name, id_number, phone, address, household_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    input.parties.forEach((p, i) =>
      party.run(id, i + 1, p.role, p.name, ids[i] || null, p.phone, p.address, p.householdId ?? null),
    );
    const mediator = prep(db, 'INSERT OR IGNORE INTO dispute_mediators (dispute_id, cadre_id) VALUES (?, ?)');
    for (const m of input.mediatorIds) mediator.run(id, m);
    return audited(ctx, id, null);
  },

  'disputes.session': (ctx, input) => {
    const before = open(ctx, input.id, '再记录调解');
    stepDate(ctx, input.heldOn, 'heldOn', '调解日期', [before.acceptedOn, '受理日期']);
    prep(
      ctx.db,
      `INSERT INTO dispute_sessions (dispute_id, held_on, place, attendees, statements, proposal, recorder, created_by,
          created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      input.id,
      input.heldOn,
      input.place,
      input.attendees,
      input.statements,
      input.proposal,
      input.recorder,
      ctx.session.staff!.id,
      isoCn(ctx.now),
    );
    return audited(ctx, input.id, before);
  },

  'disputes.conclude': (ctx, input) => {
    const before = open(ctx, input.id, '办结');
    if (!mayConclude(ctx, input.id))
      throw new AppError(
        'FORBIDDEN',
        `只有本案调解员（${before.mediators}）、登记人（${before.recordedBy}）或管理员可以办结。` +
          '调解员的登录账号由管理员在 设置 → 工作人员 中关联',
      );
    stepDate(ctx, input.concludedOn, 'concludedOn', '办结日期', [before.acceptedOn, '受理日期']);
    const set: Record<string, string | number | null> = { status: 'settled' };
    if (input.result === 'oral') set.agreement = 'oral';
    if (input.result === 'oral') set.terms = input.terms;
    if (input.result === 'written') {
      if (!input.terms) throw new AppError('VALIDATION', '书面协议须写明双方达成的协议内容', 'terms');
      if (!input.performance) throw new AppError('VALIDATION', '请写明履行方式、时限和地点', 'performance');
      const year = Number(input.concludedOn.slice(0, 4));
      Object.assign(set, {
        agreement: 'written',
        agreement_year: year,
        agreement_seq: nextNumber(ctx.db, 'agreement', year),
        responsibilities: input.responsibilities || null,
        terms: input.terms,
        performance: input.performance,
        copies: input.copies,
      });
    }
    if (input.result === 'failed')
      Object.assign(set, { status: 'failed', route: input.route, conclusion_note: input.note });
    if (input.result === 'transferred')
      Object.assign(set, { status: 'transferred', transferred_to: input.to, conclusion_note: input.note || null });
    updateRow(ctx, DISPUTES, input.id, {
      ...set,
      concluded_on: input.concludedOn,
      concluded_by: ctx.session.staff!.id,
    });
    return audited(ctx, input.id, before);
  },

  'disputes.followUp': (ctx, input) => {
    const before = disputeDetail(ctx, input.id);
    if (before.status !== 'settled')
      throw new AppError('CONFLICT', '这件纠纷没有达成调解协议，回访是看协议履行情况的，不能回访');
    stepDate(ctx, input.visitedOn, 'visitedOn', '回访日期', [before.concludedOn!, '达成协议的日期']);
    prep(
      ctx.db,
      `INSERT INTO dispute_followups (dispute_id, visited_on, outcome, note, created_by, created_at)
        VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(input.id, input.visitedOn, input.outcome, input.note, ctx.session.staff!.id, isoCn(ctx.now));
    return audited(ctx, input.id, before);
  },

  'disputes.withdraw': (ctx, input) => {
    const before = open(ctx, input.id, '撤回');
    withdrawRow(ctx, DISPUTES, input.id, input.reason);
    return audited(ctx, input.id, before);
  },

  /** The 协议书 to print: ID numbers and phones whole for the roles that see full IDs; the printing is audited. */
  'disputes.agreement': (ctx, input): AgreementPrint => {
    const detail = disputeDetail(ctx, input.id);
    if (detail.agreement !== 'written') throw new AppError('CONFLICT', '这件纠纷没有书面协议，没有协议书可打印');
    const whole = seesFullId(ctx);
    const partyList = partiesOf(ctx.db, input.id, whole ? 'whole' : 'masked');
    ctx.audit('print', input.id, null, { what: '人民调解协议书', agreementNo: detail.agreementNo, wholeIds: whole });
    return { detail: { ...detail, partyList }, whole };
  },
} satisfies Partial<Handlers>;
