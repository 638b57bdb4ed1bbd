// 群众服务 figures: 100,000 wishes and 100,000 suggestions over ten years on the county-scale registry, a few hundred
// still open; the grids' first pages against raw SQLite doing the same work (with the join order the app fixes: a plain
// JOIN let SQLite loop over the areas first and sort every row, 170 ms for both).
import type { DB } from '../../main/db/open';
import { people, rng } from '../../main/demo/fictional';
import { dateCn } from '../../shared/domain/time';
import { benchClock, type Figure, measure } from './harness';

const WISH_STATES = ['fulfilled', 'fulfilled', 'fulfilled', 'declined', 'withdrawn'];
const SUGGESTION_STATES = ['closed', 'closed', 'closed', 'closed', 'withdrawn'];

export function buildService(db: DB, count = 100_000): void {
  const t = Date.now();
  const r = rng(16);
  const areas = (db.prepare('SELECT id FROM areas').all() as { id: number }[]).map((a) => a.id);
  const start = new Date('2016-12-01T00:00:00Z').getTime();
  const span = new Date('2026-11-20T00:00:00Z').getTime() - start;
  const wish = db.prepare(`INSERT INTO wishes (resident, resident_initials, phone, area_id, content, category, channel,
      collected_on, recorded_by, status, decided_on, decided_by, standard, due_on, decline_reason, fulfilled_on,
      fulfilment, withdrawn_on, withdraw_reason, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, '扶贫帮困', 'counter', ?, 1, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const claim = db.prepare(`INSERT INTO wish_claims (wish_id, unit, claimed_on, created_by, created_at)
    VALUES (?, '县供电公司', ?, 1, ?)`);
  const suggestion = db.prepare(`INSERT INTO suggestions (content, channel, category, area_id, resident,
      resident_initials, collected_on, recorded_by, status, handler, assigned_on, due_on, answer, answered_on, result,
      withdrawn_on, created_at, updated_at)
    VALUES (?, 'visit', '民生', ?, ?, '', ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const day = (i: number, plus = 0) =>
    new Date(start + (span * i) / count + plus * 86400_000).toISOString().slice(0, 10);
  db.transaction(() => {
    let i = 0;
    for (const p of people(1616, count)) {
      const on = day(i);
      const at = `${on}T09:00:00.000+08:00`;
      const recent = i > count - 300;
      const ws = recent ? ['collected', 'accepted', 'claimed'][i % 3] : WISH_STATES[i % 5];
      const accepted = ['accepted', 'claimed', 'fulfilled'].includes(ws);
      const id = wish.run(
        p.name,
        '',
        p.phone,
        areas[Math.floor(r() * areas.length)],
        `心愿${i}`,
        on,
        ws,
        ws === 'collected' || ws === 'withdrawn' ? null : day(i, 2),
        accepted ? '按时办好' : null,
        accepted ? day(i, 20) : null,
        ws === 'declined' ? '超出范围' : null,
        ws === 'fulfilled' ? day(i, 10 + Math.floor(r() * 15)) : null,
        ws === 'fulfilled' ? '已办' : null,
        ws === 'withdrawn' ? day(i, 1) : null,
        ws === 'withdrawn' ? '重复登记' : null,
        at,
        at,
      ).lastInsertRowid;
      if (ws === 'claimed' || ws === 'fulfilled') claim.run(id, day(i, 3), at);
      const ss = recent ? ['collected', 'assigned'][i % 2] : SUGGESTION_STATES[i % 5];
      const handled = ss === 'assigned' || ss === 'closed';
      suggestion.run(
        `意见${i}`,
        areas[Math.floor(r() * areas.length)],
        i % 5 ? p.name : '',
        on,
        ss,
        handled ? '村委会' : null,
        handled ? day(i, 1) : null,
        handled ? day(i, 10) : null,
        ss === 'closed' ? '已处理' : null,
        ss === 'closed' ? day(i, 3 + Math.floor(r() * 12)) : null,
        ss === 'closed' ? 'resolved' : null,
        ss === 'withdrawn' ? day(i, 1) : null,
        at,
        at,
      );
      i++;
    }
  })();
  db.pragma('optimize');
  console.log(
    `wishes and suggestions built: ${count.toLocaleString()} each in ${((Date.now() - t) / 1000).toFixed(1)} s`,
  );
}

export async function serviceFigures(
  db: DB,
  ok: (channel: string, input: unknown) => Promise<unknown>,
): Promise<Figure[]> {
  buildService(db);
  const today = dateCn(benchClock());
  const wishPage = db.prepare(
    `SELECT w.id, w.household_id, w.resident, w.phone, w.area_id, a.name, w.content, w.category, w.channel,
        w.collected_on, w.status, w.due_on, w.fulfilled_on, w.value_fen,
        CASE WHEN w.status IN ('accepted', 'claimed') THEN julianday(?) - julianday(w.due_on) ELSE 0 END,
        (SELECT group_concat(coalesce(c.name, wc.unit), '、')
          FROM wish_claims wc
          LEFT JOIN cadres c ON c.id = wc.cadre_id
          WHERE wc.wish_id = w.id)
      FROM wishes w
      CROSS JOIN areas a ON a.id = w.area_id
      ORDER BY w.collected_on DESC, w.id DESC
      LIMIT 100 OFFSET 0`,
  );
  const wishCount = db.prepare('SELECT count(*) FROM wishes w');
  const suggestionPage = db.prepare(
    `SELECT s.id, s.content, s.channel, s.category, s.area_id, a.name, s.household_id, s.resident, c.name,
        s.collected_on, s.status, s.handler, s.due_on,
        CASE WHEN s.status = 'assigned' THEN julianday(?) - julianday(s.due_on) ELSE 0 END,
        s.on_the_spot, s.answered_on, s.result, s.revisit
      FROM suggestions s
      CROSS JOIN areas a ON a.id = s.area_id
      LEFT JOIN cadres c ON c.id = s.collected_by
      ORDER BY s.collected_on DESC, s.id DESC
      LIMIT 100 OFFSET 0`,
  );
  const suggestionCount = db.prepare('SELECT count(*) FROM suggestions s');
  return [
    await measure(
      'wishes.list first page, newest first (100,000 wishes)',
      () => ok('wishes.list', { limit: 100 }),
      () => [wishPage.all(today), wishCount.get()],
      { budgetRatio: 2, budgetP95Ms: 30 },
    ),
    await measure(
      'suggestions.list first page, newest first (100,000 suggestions)',
      () => ok('suggestions.list', { limit: 100 }),
      () => [suggestionPage.all(today), suggestionCount.get()],
      { budgetRatio: 2, budgetP95Ms: 30 },
    ),
  ];
}
