// 微心愿: taken (征集), decided by a reviewer (审定), published and claimed (公示认领), fulfilled (实现), or withdrawn
// with a reason. Each step checks the state the wish is in, so the page and a second window can never skip one.
import { fen } from '../../shared/domain/money';
import { AppError } from '../../shared/domain/result';
import { WISH_CHANNELS, WISH_STATES, type WishState } from '../../shared/domain/service';
import { dateCn, isoCn } from '../../shared/domain/time';
import type { WishDetail } from '../../shared/schemas/service';
import { checkChoice } from '../core/choices';
import type { Ctx, Handlers } from '../core/dispatch';
import { initials } from '../core/pinyin';
import { type DB, prep } from '../db/open';
import { photoOf } from './photos';
import { stepDate, updateRow, withdrawRow } from './register';
import { WISH_ROW, WISHES } from './wishList';

interface WishRecord {
  id: number;
  status: WishState;
  collectedOn: string;
  decidedOn: string | null;
  recordedBy: number;
}

function record(db: DB, id: number): WishRecord {
  const w = prep(
    db,
    `SELECT id, status, collected_on AS collectedOn, decided_on AS decidedOn, recorded_by AS recordedBy
      FROM wishes
      WHERE id = ?`,
  ).get(id) as WishRecord | undefined;
  if (!w) throw new AppError('NOT_FOUND', '找不到这个心愿');
  return w;
}

/** Refuses a step the wish's state does not allow, saying why in the clerk's words. */
function mustBe(w: WishRecord, allowed: WishState[], step: string): void {
  if (allowed.includes(w.status)) return;
  const why: Partial<Record<WishState, string>> = {
    collected: '还没有审定，审定采纳后才能',
    accepted: '还没有人认领，认领后才能',
    declined: '未被采纳，不能',
    fulfilled: '已经实现，不能再',
    withdrawn: '已撤回，不能',
  };
  throw new AppError('CONFLICT', `这个心愿${why[w.status] ?? `${WISH_STATES[w.status]}，不能`}${step}`);
}

export function wishDetail(db: DB, id: number, today: string): WishDetail {
  const row = prep(db, `${WISH_ROW}\nWHERE w.id = ?`).get(today, id) as
    Omit<WishDetail, 'claims' | 'photo' | 'timeline'> | undefined;
  if (!row) throw new AppError('NOT_FOUND', '找不到这个心愿');
  const more = prep(
    db,
    `SELECT w.standard, w.decline_reason AS declineReason, w.fulfilment, w.feedback,
        w.withdraw_reason AS withdrawReason, w.withdrawn_on AS withdrawnOn, w.decided_on AS decidedOn,
        w.phone, rs.display_name AS recordedBy, ds.display_name AS decidedBy, fs.display_name AS fulfilledBy,
        ws.display_name AS withdrawnBy
      FROM wishes w
      JOIN staff rs ON rs.id = w.recorded_by
      LEFT JOIN staff ds ON ds.id = w.decided_by
      LEFT JOIN staff fs ON fs.id = w.fulfilled_by
      LEFT JOIN staff ws ON ws.id = w.withdrawn_by
      WHERE w.id = ?`,
  ).get(id) as Record<string, string | null>;
  const claims = prep(
    db,
    `SELECT wc.id, wc.cadre_id AS cadreId, coalesce(c.name, wc.unit) AS name, wc.claimed_on AS claimedOn,
        s.display_name AS recordedBy
      FROM wish_claims wc
      LEFT JOIN cadres c ON c.id = wc.cadre_id
      JOIN staff s ON s.id = wc.created_by
      WHERE wc.wish_id = ?
      ORDER BY wc.claimed_on, wc.id`,
  ).all(id) as (WishDetail['claims'][number] & { recordedBy: string })[];
  const photo = prep(db, 'SELECT mime, bytes FROM wish_photos WHERE wish_id = ?').get(id) as
    { mime: string; bytes: Buffer } | undefined;
  const timeline = [
    { on: row.collectedOn, what: `征集（${WISH_CHANNELS[row.channel]}）：${row.content}`, by: more.recordedBy! },
    ...(more.decidedOn
      ? [
          {
            on: more.decidedOn,
            what:
              row.status === 'declined'
                ? `不予采纳：${more.declineReason}`
                : `审定采纳，服务标准：${more.standard}，完成期限 ${row.dueOn}`,
            by: more.decidedBy!,
          },
        ]
      : []),
    ...claims.map((c) => ({ on: c.claimedOn, what: `认领：${c.name}`, by: c.recordedBy })),
    ...(row.fulfilledOn ? [{ on: row.fulfilledOn, what: `实现：${more.fulfilment}`, by: more.fulfilledBy! }] : []),
    ...(more.withdrawnOn
      ? [{ on: more.withdrawnOn, what: `撤回：${more.withdrawReason}`, by: more.withdrawnBy! }]
      : []),
  ];
  return {
    ...row,
    phone: more.phone ?? '',
    standard: more.standard,
    declineReason: more.declineReason,
    fulfilment: more.fulfilment,
    feedback: more.feedback,
    withdrawReason: more.withdrawReason,
    claims: claims.map(({ id, cadreId, name, claimedOn }) => ({ id, cadreId, name, claimedOn })),
    photo: photo ? { mime: photo.mime, base64: photo.bytes.toString('base64') } : null,
    timeline,
  };
}

/** The wish after a step, audited with the wish before it (the photo's bytes stay out of the audit row). */
function audited(ctx: Ctx, id: number, before: WishDetail | null): WishDetail {
  const after = wishDetail(ctx.db, id, dateCn(ctx.now));
  const strip = (w: WishDetail | null) =>
    w && { ...w, photo: w.photo ? { mime: w.photo.mime } : null, timeline: undefined };
  ctx.audit('wish', id, strip(before), strip(after));
  return after;
}

export const wishHandlers = {
  'wishes.get': (ctx, input) => wishDetail(ctx.db, input.id, dateCn(ctx.now)),

  'wishes.create': (ctx, input) => {
    checkChoice(ctx.db, 'post', input.category, 'category');
    if (!prep(ctx.db, 'SELECT 1 FROM areas WHERE id = ? AND active = 1').get(input.areaId))
      throw new AppError('VALIDATION', '请选择村/社区', 'areaId');
    if (input.householdId && !prep(ctx.db, 'SELECT 1 FROM households WHERE id = ?').get(input.householdId))
      throw new AppError('VALIDATION', '找不到这户', 'householdId');
    if (input.collectedOn > dateCn(ctx.now)) throw new AppError('VALIDATION', '征集日期不能晚于今天', 'collectedOn');
    const at = isoCn(ctx.now);
    const id = Number(
      prep(
        ctx.db,
        `INSERT INTO wishes (household_id, resident, resident_initials, phone, area_id, content, category, channel,
            collected_on, recorded_by, created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        input.householdId ?? null,
        input.resident,
        initials(input.resident),
        input.phone,
        input.areaId,
        input.content,
        input.category,
        input.channel,
        input.collectedOn,
        ctx.session.staff!.id,
        at,
        at,
      ).lastInsertRowid,
    );
    return audited(ctx, id, null);
  },

  'wishes.decide': (ctx, input) => {
    const w = record(ctx.db, input.id);
    mustBe(w, ['collected'], '审定');
    // Maker-checker: a wish is judged by someone other than who wrote it down, whether it is taken up or declined.
    if (w.recordedBy === ctx.session.staff!.id)
      throw new AppError('FORBIDDEN', '这个心愿是您登记的，不能由您审定，请交给其他审核人');
    stepDate(ctx, input.decidedOn, 'decidedOn', '审定日期', [w.collectedOn, '征集日期']);
    const before = wishDetail(ctx.db, w.id, dateCn(ctx.now));
    const by = ctx.session.staff!.id;
    if (input.decision === 'accept') {
      if (input.dueOn < input.decidedOn)
        throw new AppError('VALIDATION', `完成期限不能早于审定日期（${input.decidedOn}）`, 'dueOn');
      updateRow(ctx, WISHES, w.id, {
        status: 'accepted',
        decided_on: input.decidedOn,
        decided_by: by,
        standard: input.standard,
        due_on: input.dueOn,
      });
    } else
      updateRow(ctx, WISHES, w.id, {
        status: 'declined',
        decided_on: input.decidedOn,
        decided_by: by,
        decline_reason: input.reason,
      });
    return audited(ctx, w.id, before);
  },

  'wishes.claim': (ctx, input) => {
    const w = record(ctx.db, input.id);
    mustBe(w, ['accepted', 'claimed'], '认领');
    stepDate(ctx, input.claimedOn, 'claimedOn', '认领日期', [w.decidedOn!, '审定日期']);
    const before = wishDetail(ctx.db, w.id, dateCn(ctx.now));
    for (const cadreId of input.cadreIds) {
      const c = prep(ctx.db, 'SELECT name, active FROM cadres WHERE id = ?').get(cadreId) as
        { name: string; active: number } | undefined;
      if (!c?.active) throw new AppError('VALIDATION', '请选择在岗的服务人员', 'cadreIds');
      if (before.claims.some((x) => x.cadreId === cadreId))
        throw new AppError('CONFLICT', `${c.name}已经认领了这个心愿`, 'cadreIds');
    }
    for (const unit of input.units)
      if (before.claims.some((x) => x.cadreId === null && x.name === unit))
        throw new AppError('CONFLICT', `${unit}已经认领了这个心愿`, 'units');
    const at = isoCn(ctx.now);
    const insert = prep(
      ctx.db,
      `INSERT INTO wish_claims (wish_id, cadre_id, unit, claimed_on, created_by, created_at)
        VALUES (?, ?, ?, ?, ?, ?)`,
    );
    for (const cadreId of input.cadreIds) insert.run(w.id, cadreId, null, input.claimedOn, ctx.session.staff!.id, at);
    for (const unit of input.units) insert.run(w.id, null, unit, input.claimedOn, ctx.session.staff!.id, at);
    updateRow(ctx, WISHES, w.id, { status: 'claimed' });
    return audited(ctx, w.id, before);
  },

  'wishes.fulfil': (ctx, input) => {
    const w = record(ctx.db, input.id);
    mustBe(w, ['claimed'], '登记实现');
    const firstClaim = (
      prep(ctx.db, 'SELECT min(claimed_on) AS d FROM wish_claims WHERE wish_id = ?').get(w.id) as { d: string }
    ).d;
    stepDate(ctx, input.fulfilledOn, 'fulfilledOn', '实现日期', [firstClaim, '认领日期']);
    const valueFen = input.value.trim() ? fen(input.value, 'value') : 0;
    const photo = input.photo && photoOf(input.photo.base64);
    const before = wishDetail(ctx.db, w.id, dateCn(ctx.now));
    updateRow(ctx, WISHES, w.id, {
      status: 'fulfilled',
      fulfilled_on: input.fulfilledOn,
      fulfilment: input.fulfilment,
      value_fen: valueFen,
      feedback: input.feedback || null,
      fulfilled_by: ctx.session.staff!.id,
    });
    if (photo)
      prep(ctx.db, 'INSERT INTO wish_photos (wish_id, mime, bytes) VALUES (?, ?, ?)').run(
        w.id,
        photo.mime,
        photo.bytes,
      );
    return audited(ctx, w.id, before);
  },

  'wishes.withdraw': (ctx, input) => {
    const w = record(ctx.db, input.id);
    mustBe(w, ['collected', 'accepted', 'claimed'], '撤回');
    const before = wishDetail(ctx.db, w.id, dateCn(ctx.now));
    withdrawRow(ctx, WISHES, w.id, input.reason);
    return audited(ctx, w.id, before);
  },
} satisfies Partial<Handlers>;
