// The annual report on the county-scale ledger (1,000,000 payments over ten years, 500 cadres, 50,000 visits):
// the whole report for one year through the dispatcher against raw SQLite computing the same totals. The app reads
// the year's lines of annual_totals (kept by the payments' insert trigger); the baseline counts them over the
// payments, as a query written without that table would. The trigger's cost shows in the posting figure instead.
// The year's 微心愿, 意见建议 and 矛盾纠纷 (100,000 of each over ten years, built before) are counted by both.
import type { DB } from '../../main/db/open';
import { rng } from '../../main/demo/fictional';
import { type Figure, measure } from './harness';

/** 500 cadres paired with 25,000 households, 50,000 visits over ten years, aid on one visit in four. */
export function buildPairings(db: DB): void {
  const t = Date.now();
  const r = rng(7);
  db.transaction(() => {
    const cadre = db.prepare(
      `INSERT INTO cadres (name, name_initials, unit, phone, created_at, updated_at) VALUES (?, 'gb', '镇机关', ?, '', '')`,
    );
    for (let i = 1; i <= 500; i++) cadre.run(`干部${i}`, `139${String(i).padStart(8, '0')}`);
    db.prepare(
      `INSERT INTO pairings (cadre_id, household_id, role, from_date, created_by, created_at)
      SELECT 1 + id % 500, id, 'primary', '2017-01-01', 1, ''
        FROM households
        WHERE id % 2 = 0`,
    ).run();
    const visit = db.prepare(
      `INSERT INTO visits (household_id, cadre_id, visited_on, mode, findings, created_by, created_at) VALUES (?, ?, ?, 'home', '走访', 1, '')`,
    );
    const aid = db.prepare(
      `INSERT INTO visit_aid (visit_id, item, quantity, unit, value_fen) VALUES (?, '大米', 1, '袋', ?)`,
    );
    const start = new Date('2017-01-01T00:00:00Z').getTime();
    const span = new Date('2026-11-20T00:00:00Z').getTime() - start;
    for (let i = 0; i < 50_000; i++) {
      const h = 2 * (1 + Math.floor(r() * 25_000));
      const id = visit.run(
        h,
        1 + (h % 500),
        new Date(start + (span * i) / 50_000).toISOString().slice(0, 10),
      ).lastInsertRowid;
      if (i % 4 === 0) aid.run(id, 5000 + 100 * Math.floor(r() * 100));
    }
  })();
  console.log(
    `pairings built: 500 cadres, 25,000 households paired, 50,000 visits in ${((Date.now() - t) / 1000).toFixed(1)} s`,
  );
}

export async function reportFigure(db: DB, ok: (channel: string, input: unknown) => Promise<unknown>): Promise<Figure> {
  buildPairings(db);
  db.pragma('optimize');
  const y = (year: number) => ({ year: String(year), from: `${year}-01-01`, to: `${year}-12-31` });
  const paid = `FROM payments p WHERE substr(p.paid_on, 1, 4) = @year AND (p.reverses_id IS NULL) = 1`;
  const raw = [
    `SELECT count(*), sum(p.amount_fen)
      FROM payments p
      WHERE substr(p.paid_on, 1, 4) = @year AND (p.reverses_id IS NULL) = 0`,
    `SELECT p.top_kind, count(*), sum(p.amount_fen) ${paid} GROUP BY p.top_kind`,
  ].map((sql) => db.prepare(sql));
  const once = [
    `SELECT p.top_kind, count(DISTINCT p.person_id), count(DISTINCT p.household_id), count(*), sum(p.amount_fen) ${paid}
      GROUP BY p.top_kind`,
    `SELECT count(DISTINCT p.person_id) ${paid}`,
    `SELECT count(DISTINCT p.household_id) ${paid}`,
    `SELECT p.area_id, p.top_kind, count(DISTINCT p.person_id), count(*), sum(p.amount_fen) ${paid}
      GROUP BY p.top_kind, p.area_id`,
    `SELECT month, sum(n), sum(fen)
      FROM payment_totals
      WHERE month BETWEEN substr(@from, 1, 7) AND substr(@to, 1, 7)
      GROUP BY month, reversal`,
    `SELECT (SELECT count(*) FROM households WHERE created_at BETWEEN @from AND @to || 'T99'),
        (SELECT count(*) FROM households WHERE exited_on BETWEEN @from AND @to),
            (SELECT count(*) FROM households WHERE created_at <= @to || 'T99'
              AND (exited_on IS NULL OR exited_on > @to))`,
    `SELECT (SELECT count(*) FROM applications WHERE accepted_on BETWEEN @from AND @to),
        (SELECT count(*) FROM applications WHERE decided_on BETWEEN @from AND @to AND approved_fen IS NOT NULL),
            (SELECT count(*) FROM applications WHERE decided_on BETWEEN @from AND @to AND state = 'rejected'),
        (SELECT count(*) FROM application_steps WHERE action = 'withdraw' AND on_date BETWEEN @from AND @to),
            (SELECT count(*) FROM applications WHERE decided_on BETWEEN @from AND @to),
        (SELECT count(*) FROM applications WHERE decided_on BETWEEN @from AND @to AND decided_on <= deadline)`,
    `SELECT
       (SELECT count(DISTINCT cadre_id) FROM pairings WHERE from_date <= @to AND (to_date IS NULL OR to_date >= @from)),
       (
         SELECT count(DISTINCT household_id)
         FROM pairings
         WHERE from_date <= @to AND (to_date IS NULL OR to_date >= @from)
       ),
       (SELECT count(*) FROM visits WHERE visited_on BETWEEN @from AND @to),
       (
         SELECT coalesce(sum(a.value_fen), 0)
         FROM visit_aid a
         JOIN visits v ON v.id = a.visit_id
         WHERE v.visited_on BETWEEN @from AND @to
       ),
            (SELECT count(*) FROM service_cards WHERE issued_on BETWEEN @from AND @to)`,
    // 微心愿 and 意见建议 of the year: each figure by category, area and month (what the app's sections hold).
    ...['', 'category', 'area_id', 'substr(collected_on, 1, 7)'].map(
      (by) => `SELECT ${by || "''"}, count(*),
          sum(status IN ('accepted', 'claimed', 'fulfilled')), sum(status IN ('claimed', 'fulfilled')),
          sum(status = 'fulfilled'), sum(status = 'declined'),
          sum((status IN ('accepted', 'claimed') AND due_on < @to) OR (status = 'fulfilled' AND fulfilled_on > due_on))
        FROM wishes
        WHERE collected_on BETWEEN @from AND @to AND status <> 'withdrawn'
        ${by ? `GROUP BY ${by}` : ''}`,
    ),
    `SELECT avg(julianday(fulfilled_on) - julianday(collected_on))
      FROM wishes
      WHERE status = 'fulfilled' AND collected_on BETWEEN @from AND @to`,
    `SELECT wc.cadre_id, count(DISTINCT w.id), count(DISTINCT CASE WHEN w.status = 'fulfilled' THEN w.id END)
      FROM wish_claims wc
      JOIN wishes w ON w.id = wc.wish_id
      WHERE wc.cadre_id IS NOT NULL AND w.collected_on BETWEEN @from AND @to
      GROUP BY wc.cadre_id`,
    ...['', 'category', 'area_id', 'substr(collected_on, 1, 7)'].map(
      (by) => `SELECT ${by || "''"}, count(*), sum(on_the_spot), sum(status = 'closed'),
          sum(status = 'closed' AND result = 'resolved'),
          sum((status = 'assigned' AND due_on < @to) OR (status = 'closed' AND answered_on > due_on))
        FROM suggestions
        WHERE collected_on BETWEEN @from AND @to AND status <> 'withdrawn'
        ${by ? `GROUP BY ${by}` : ''}`,
    ),
    // 矛盾纠纷调解 of the year: each figure by type, area, month and mediator.
    ...['', 'type', 'area_id', 'substr(accepted_on, 1, 7)', 'm.cadre_id'].map(
      (by) => `SELECT ${by || "''"}, count(*), sum(status IN ('settled', 'failed', 'transferred')),
          sum(status = 'settled'), sum(agreement = 'oral'), sum(agreement = 'written'), sum(status = 'failed'),
          sum(status = 'transferred'), sum((status = 'open' AND due_on < @to) OR concluded_on > due_on),
          sum(persons), sum(amount_fen)
        FROM disputes d
        ${by.startsWith('m.') ? 'JOIN dispute_mediators m ON m.dispute_id = d.id' : ''}
        WHERE accepted_on BETWEEN @from AND @to AND status <> 'withdrawn'
        ${by ? `GROUP BY ${by}` : ''}`,
    ),
  ].map((sql) => db.prepare(sql));
  return measure(
    'annual report, whole year 2025 (1M payments, 10 years)',
    () => ok('reports.annual', { year: 2025 }),
    () => [...raw.flatMap((s) => [s.all(y(2025)), s.all(y(2024))]), ...once.map((s) => s.all(y(2025)))],
    { runs: 50, budgetRatio: 1.5, budgetP95Ms: 200 },
  );
}
