// Payments at county scale: monthly entitlements for a payroll batch, and a million payments over ten years.
// The crash-safety test builds its 5,000-row batch with the same builder.
import type { DB } from '../../main/db/open';
import { rng } from '../../main/demo/fictional';
import { type Figure, measure, setBenchDay } from './harness';

/** `count` approved 困难老人特殊补助金 cases (one per household, heads first), each with an entitlement from 2026-01. */
export function buildEntitlements(db: DB, count: number, staffId = 1): void {
  const heads = db
    .prepare('SELECT id, area_id AS areaId, head_person_id AS personId FROM households ORDER BY id LIMIT ?')
    .all(count) as { id: number; areaId: number; personId: number }[];
  if (heads.length < count) throw new Error(`only ${heads.length} households for ${count} entitlements`);
  const at = '2025-12-20T09:00:00.000+08:00';
  const app = db.prepare(`INSERT INTO applications (acceptance_no, household_id, person_id, area_id, kind_code, reason,
      requested_fen, approved_fen, state,
      accepted_on, deadline, decided_on, registered_by, created_at, updated_at) VALUES (?, ?, ?, ?, 'elderly_allowance', '高龄困难', ?, ?, 'paid', '2025-12-01', '2025-12-29', '2025-12-20', ?, ?, ?)`);
  const ent = db.prepare(
    `INSERT INTO entitlements (application_id, monthly_fen, start_month, created_by, created_at, updated_at)
      VALUES (?, ?, '2026-01', ?, ?, ?)`,
  );
  db.transaction(() => {
    heads.forEach((h, i) => {
      const fen = 10000 + 1000 * (i % 11);
      const id = app.run(
        `2025-E${String(i + 1).padStart(5, '0')}`,
        h.id,
        h.personId,
        h.areaId,
        fen,
        fen,
        staffId,
        at,
        at,
      ).lastInsertRowid;
      ent.run(id, fen, staffId, at, at);
    });
  })();
}

const KINDS = [
  'temporary_relief_urgent',
  'temporary_relief_expense',
  'medical_relief',
  'disability_living_subsidy',
  'disability_care_subsidy',
  'elderly_allowance',
  'education_aid',
];

/** A million payments over 2017–2026 against the bench's cases: cash and bank, with one reversal in two hundred. */
export function buildPayments(db: DB, count = 1_000_000): void {
  // date-free: the builder's own timing, only printed
  const t = Date.now();
  const r = rng(5);
  const cases = db
    .prepare(
      `SELECT a.id, a.household_id AS h, a.person_id AS p, a.area_id AS area, h.account
        FROM applications a
        JOIN households h ON h.id = a.household_id`,
    )
    .all() as { id: number; h: number; p: number; area: number; account: string }[];
  const ins = db.prepare(`INSERT INTO payments (application_id, household_id, person_id, area_id, kind_code, top_kind,
      amount_fen, paid_on, method, account,
      reverses_id, cause, note, posted_by, posted_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', 1, ?)`);
  const top = (k: string) => (k.startsWith('temporary_relief') ? 'temporary_relief' : k);
  const start = new Date('2017-01-01T00:00:00Z').getTime();
  const span = new Date('2026-11-20T00:00:00Z').getTime() - start;
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const c = cases[Math.floor(r() * cases.length)];
      const day = new Date(start + (span * i) / count).toISOString().slice(0, 10);
      const fen = 5000 * (1 + Math.floor(r() * 40));
      const bank = i % 3 !== 0;
      const kind = KINDS[i % KINDS.length];
      const row = [c.id, c.h, c.p, c.area, kind, top(kind), fen, day, bank ? 'bank' : 'cash', bank ? c.account : null];
      const id = ins.run(...row, null, null, `${day}T10:00:00.000+08:00`).lastInsertRowid;
      if (i % 200 === 199) ins.run(...row, id, 'manual', `${day}T16:00:00.000+08:00`);
    }
  })();
  db.pragma('optimize');
  console.log(
    // date-free: counts and the builder's own timing, only printed
    `payments built: ${count.toLocaleString()} (+${Math.floor(count / 200).toLocaleString()} reversals)`,
    // date-free: as above
    `in ${((Date.now() - t) / 1000).toFixed(1)} s`,
  );
}

export async function paymentFigures(
  db: DB,
  ok: (channel: string, input: unknown) => Promise<unknown>,
): Promise<Figure[]> {
  buildPayments(db);
  const figures: Figure[] = [];
  const cols = `p.id, p.paid_on, p.application_id, a.acceptance_no, p.household_id, pe.name, ar.name, k.name,
      p.amount_fen, p.signed_fen, p.method,
      p.account, b.batch_no, p.for_month, p.reverses_id, (SELECT r.id FROM payments r WHERE r.reverses_id = p.id),
      p.note, s.display_name`;
  const joins = `JOIN applications a ON a.id = p.application_id
    JOIN persons pe ON pe.id = p.person_id
    JOIN areas ar ON ar.id = p.area_id
    JOIN relief_kinds k ON k.code = p.kind_code
    LEFT JOIN payroll_batches b ON b.id = p.batch_id
    JOIN staff s ON s.id = p.posted_by`;
  // The baseline is the same work in raw SQLite: the page (ids first, then the joins) and the totals, read where the
  // app reads them (payment_totals for these filters).
  const grid = (
    name: string,
    input: Record<string, unknown>,
    where: string,
    args: unknown[],
    totalsWhere: string,
    totalsArgs: unknown[],
  ) => {
    const rawPage =
      db.prepare(`WITH page AS (SELECT p.id FROM payments p ${where} ORDER BY p.paid_on DESC, p.id DESC LIMIT 100)
      SELECT ${cols}
        FROM page
        JOIN payments p ON p.id = page.id ${joins}
        ORDER BY p.paid_on DESC, p.id DESC`);
    const rawTotal = db.prepare(`SELECT sum(t.n), sum(t.fen) FROM payment_totals t ${totalsWhere}`);
    return measure(
      name,
      () => ok('payments.list', { limit: 100, ...input }),
      () => [rawPage.all(...args), rawTotal.get(...totalsArgs)],
      { budgetRatio: 2, budgetP95Ms: 30 },
    );
  };
  const kinds = `SELECT code FROM relief_kinds WHERE code = 'medical_relief' OR parent_code = 'medical_relief'`;
  figures.push(
    await grid(
      'payments grid, this month (the default view)',
      { month: '2026-11' },
      'WHERE p.paid_on BETWEEN ? AND ?',
      ['2026-11-01', '2026-11-31'],
      'WHERE t.month = ?',
      ['2026-11'],
    ),
  );
  figures.push(
    await grid(
      'payments grid, one kind in one year',
      { kindCode: 'medical_relief', year: 2025 },
      `WHERE p.top_kind = 'medical_relief' AND p.paid_on BETWEEN ? AND ?`,
      ['2025-01-01', '2025-12-31'],
      `WHERE t.kind_code IN (${kinds}) AND t.month BETWEEN ? AND ?`,
      ['2025-01', '2025-12'],
    ),
  );
  figures.push(
    await grid(
      'payments grid, one area, all years',
      { areaId: 3 },
      'WHERE p.area_id = ?',
      [3],
      'WHERE t.area_id = ?',
      [3],
    ),
  );
  figures.push(await grid('payments grid, all months, no filter', {}, '', [], '', []));
  // A filter payment_totals cannot answer (one household): the totals are counted over its payments.
  const h = (db.prepare('SELECT household_id AS h FROM payments WHERE id = 500000').get() as { h: number }).h;
  const rawH = db.prepare(`WITH page AS (
        SELECT p.id
        FROM payments p
        WHERE p.household_id = ?
        ORDER BY p.paid_on DESC, p.id DESC
        LIMIT 100
      )
      SELECT ${cols}
    FROM page
    JOIN payments p ON p.id = page.id ${joins}
    ORDER BY p.paid_on DESC, p.id DESC`);
  const rawHTotal = db.prepare(
    `SELECT count(*), sum(CASE WHEN p.reverses_id IS NULL THEN p.amount_fen ELSE -p.amount_fen END)
      FROM payments p
      WHERE p.household_id = ?`,
  );
  figures.push(
    await measure(
      'payments grid, one household (its tab)',
      () => ok('payments.list', { limit: 100, householdId: h }),
      () => [rawH.all(h), rawHTotal.get(h)],
      { budgetRatio: 2, budgetP95Ms: 30 },
    ),
  );
  return figures;
}

type Ok = (channel: string, input: unknown) => Promise<unknown>;

/**
 * Posting a 5,000-row batch through the dispatcher (approve: checks, number, every row, the cases, the audit row)
 * against a raw insert of the same 5,000 rows in one transaction. Each run posts a new month.
 */
export async function postingFigure(db: DB, maker: Ok, approver: Ok): Promise<Figure> {
  const ROWS = 5000;
  buildEntitlements(db, ROWS);
  const rows = db
    .prepare(
      `SELECT a.id AS app, a.household_id AS h, a.person_id AS p, h.area_id AS area, a.kind_code AS kind,
          e.monthly_fen AS fen,
      h.account, e.id AS ent
        FROM entitlements e
        JOIN applications a ON a.id = e.application_id
        JOIN households h ON h.id = a.household_id`,
    )
    .all() as {
    app: number;
    h: number;
    p: number;
    area: number;
    kind: string;
    fen: number;
    account: string;
    ent: number;
  }[];
  const ins = db.prepare(`INSERT INTO payments (application_id, household_id, person_id, area_id, kind_code, top_kind,
      amount_fen, paid_on, method, account, entitlement_id,
      for_month, note, posted_by, posted_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, '2026-11-23', 'bank', ?, ?, ?, '', 1, '2026-11-23T09:00:00.000+08:00')`);
  const rawPost = db.transaction((month: string) => {
    for (const r of rows) ins.run(r.app, r.h, r.p, r.area, r.kind, r.kind, r.fen, r.account, r.ent, month);
  });
  let n = 0;
  let batch = 0;
  const month = (base: number) => `${base + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
  const figure = await measure(
    // date-free: a count in words
    `post a ${ROWS.toLocaleString()}-row payroll batch (1M payments in the ledger)`,
    () => approver('payroll.approve', { id: batch }),
    () => rawPost(month(2060)),
    {
      runs: 30,
      warm: 3,
      budgetRatio: 2,
      // A new draft for the next month before each app run (untimed); the baseline writes months far from the app's.
      prepare: async () => {
        n++;
        // The clock moves into the batch's month; the jump locks both seats, which sign back in (untimed).
        setBenchDay(`${month(2030)}-15`);
        for (const as of [maker, approver]) await as('session.unlock', { password: 'bench-pass-1' });
        const b = (await maker('payroll.create', { month: month(2030), kindCode: 'elderly_allowance' })) as {
          id: number;
          rowCount: number;
        };
        if (b.rowCount !== ROWS) throw new Error(`batch of ${b.rowCount} rows`);
        batch = b.id;
      },
    },
  );
  setBenchDay();
  return figure;
}
