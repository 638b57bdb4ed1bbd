// 便民服务卡: every issue has a gapless number per year and every printing is recorded. A reissue (补卡) voids the
// earlier number; a card whose printed primary cadre is no longer the household's is due for reprint.
import type { z } from 'zod';

import { withoutCadreWarning } from '../../shared/domain/cards';
import { AppError } from '../../shared/domain/result';
import { dateCn, isoCn } from '../../shared/domain/time';
import type { CardRow, cardSelection, CardView } from '../../shared/schemas/pairings';
import { DEFAULT_CENTER } from '../../shared/schemas/settings';
import type { Ctx, Handlers } from '../core/dispatch';
import { nextNumber } from '../core/numbers';
import { page, Where } from '../core/paging';
import { getSetting } from '../core/settings';
import { type DB, prep } from '../db/open';
import { cardsPdf } from './cardPdf';

const STALE = 'sc.id IS NOT NULL AND coalesce(sc.cadre_id, 0) <> coalesce(pp.cadre_id, 0)';
/** Households with their current primary cadre and their card: the valid one, or every card ever issued. */
const fromCards = (withVoided: boolean) => `FROM households h
  JOIN areas ar ON ar.id = h.area_id
  LEFT JOIN pairings pp ON pp.household_id = h.id AND pp.role = 'primary' AND pp.to_date IS NULL
  LEFT JOIN cadres c ON c.id = pp.cadre_id
  LEFT JOIN service_cards sc ON sc.household_id = h.id${withVoided ? '' : ' AND sc.voided_on IS NULL'}`;
const FROM = fromCards(false);
const PRINTINGS = '(SELECT count(*) FROM card_printings cp WHERE cp.card_id = sc.id)';

/** Cards `sc` issued in a year, voided ones included: the annual report's 制发服务卡. */
export const ISSUED_IN = {
  sql: 'sc.issued_on BETWEEN ? AND ?',
  args: (year: number) => [`${year}-01-01`, `${year}-12-31`],
};
const VIEW = `SELECT h.id AS householdId, sc.card_no AS cardNo, h.head_name AS head, ar.name AS area,
  c.name AS cadreName, c.phone AS cadrePhone, ${STALE} AS needsReprint, pp.cadre_id AS cadreId, sc.id AS cardId
${FROM}`;

type ViewRecord = Omit<CardView, 'needsReprint'> & {
  needsReprint: number;
  cadreId: number | null;
  cardId: number | null;
};
const toView = ({ cadreId: _c, cardId: _i, ...v }: ViewRecord): CardView => ({
  ...v,
  needsReprint: v.needsReprint === 1,
});

function select(db: DB, sel: z.output<typeof cardSelection>): ViewRecord[] {
  const where = new Where(`h.status = 'registered'`);
  if (sel.householdIds) where.add('h.id IN (SELECT value FROM json_each(?))', JSON.stringify(sel.householdIds));
  if (sel.areaId) where.add('h.area_id = ?', sel.areaId);
  if (sel.reprintOnly) where.add(STALE);
  const sql = `${VIEW}\n${where.sql}\nORDER BY ar.sort_order, ar.id, h.head_pinyin, h.id`;
  return prep(db, sql).all(...where.args) as ViewRecord[];
}

export function currentCard(db: DB, householdId: number): (CardView & { issuedOn: string; printings: number }) | null {
  const r = prep(
    db,
    `${VIEW.replace('SELECT ', `SELECT sc.issued_on AS issuedOn, ${PRINTINGS} AS printings, `)}
      WHERE h.id = ? AND sc.id IS NOT NULL`,
  ).get(householdId) as (ViewRecord & { issuedOn: string; printings: number }) | undefined;
  return r ? { ...toView(r), issuedOn: r.issuedOn, printings: r.printings } : null;
}

/** Issues what needs a new number (no card, cadre changed, or 补卡), then records the printing of every card. */
function issue(ctx: Ctx, input: Parameters<Handlers['cards.issue']>[1]): { cards: CardView[]; issued: number } {
  const { db } = ctx;
  const today = dateCn(ctx.now);
  const year = Number(today.slice(0, 4));
  const at = isoCn(ctx.now);
  const me = ctx.session.staff!.id;
  const voidCard = prep(db, 'UPDATE service_cards SET voided_on = ?, void_reason = ? WHERE id = ?');
  const insert = prep(
    db,
    'INSERT INTO service_cards (card_no, household_id, cadre_id, issued_on, issued_by) VALUES (?, ?, ?, ?, ?)',
  );
  const printed = prep(db, 'INSERT INTO card_printings (card_id, format, printed_at, printed_by) VALUES (?, ?, ?, ?)');
  let issued = 0;
  const selected = select(db, input);
  const unpaired = selected.filter((v) => v.cadreId === null);
  if (unpaired.length > 0 && !input.withoutCadre) throw new AppError('CONFLICT', withoutCadreWarning(unpaired));
  const cards = selected.map((v) => {
    let { cardId, cardNo } = v;
    if (cardId === null || v.needsReprint || input.reissue) {
      if (cardId !== null) voidCard.run(today, input.reissue ? '补卡' : '帮扶干部变更，重新制卡', cardId);
      cardNo = `${year}-${String(nextNumber(db, 'card', year)).padStart(6, '0')}`;
      cardId = Number(insert.run(cardNo, v.householdId, v.cadreId, today, me).lastInsertRowid);
      issued++;
    }
    printed.run(cardId, input.format, at, me);
    return toView({ ...v, cardId, cardNo, needsReprint: 0 });
  });
  return { cards, issued };
}

/** The issue and its audit row (in the caller's transaction): 制卡并打印, or 制卡并生成 PDF with `pdf`. */
function issueAndAudit(ctx: Ctx, input: Parameters<Handlers['cards.issue']>[1], pdf = false): CardView[] {
  const r = issue(ctx, input);
  ctx.audit('serviceCard', null, null, {
    format: input.format,
    printed: r.cards.length,
    issued: r.issued,
    reissue: input.reissue,
    ...(input.withoutCadre ? { withoutCadre: true } : {}),
    ...(pdf ? { pdf } : {}),
  });
  return r.cards;
}

export const cardHandlers = {
  'cards.prepare': (ctx, input) => select(ctx.db, input).map(toView),

  'cards.issue': (ctx, input) => issueAndAudit(ctx, input),

  /** 制卡并生成 PDF: the same issue and record as `cards.issue`, in one transaction, then the PDF of those cards. */
  'cards.pdf': async (ctx, input) => {
    const cards = ctx.db.transaction(() => issueAndAudit(ctx, input, true)).immediate();
    if (cards.length === 0) throw new AppError('CONFLICT', '所选范围内没有需要制卡的户');
    const pdf = await cardsPdf(cards, getSetting(ctx.db, 'center', DEFAULT_CENTER), input.format);
    const fileName = `便民服务卡-${dateCn(ctx.now)}-${cards.length}张.pdf`;
    return { fileName, base64: pdf.toString('base64'), rows: cards.length };
  },

  'cards.list': (ctx, q) => {
    const where = new Where('sc.id IS NOT NULL');
    if (q.issuedIn) where.add(ISSUED_IN.sql, ...ISSUED_IN.args(q.issuedIn));
    if (q.reprintOnly) where.add(STALE);
    if (q.areaId) where.add('h.area_id = ?', q.areaId);
    const from = fromCards(q.issuedIn !== undefined);
    const found = page<Omit<CardRow, 'needsReprint'> & { needsReprint: number }>(ctx.db, q, {
      select: `SELECT sc.id, sc.card_no AS cardNo, h.id AS householdId, h.head_name AS head, ar.name AS area,
  pc.name AS cadreName, sc.issued_on AS issuedOn, ${PRINTINGS} AS printings, ${STALE} AS needsReprint,
  sc.voided_on AS voidedOn
${from}
        LEFT JOIN cadres pc ON pc.id = sc.cadre_id`,
      from,
      where,
      order: 'sc.card_no DESC',
    });
    return { rows: found.rows.map((r) => ({ ...r, needsReprint: r.needsReprint === 1 })), total: found.total };
  },
} satisfies Partial<Handlers>;
