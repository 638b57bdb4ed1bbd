// Applications figures: 100,000 cases over ten years on the county-scale registry; a few hundred still open.
import type { DB } from '../../main/db/open';
import { rng } from '../../main/demo/fictional';
import { dateCn } from '../../shared/domain/time';
import { OPEN_STATES } from '../../shared/domain/workflow';
import { benchClock, type Figure, measure } from './harness';

const KINDS = [
  'temporary_relief_urgent',
  'temporary_relief_expense',
  'medical_relief',
  'disability_living_subsidy',
  'elderly_allowance',
  'education_aid',
  'other',
];

export function buildApplications(db: DB, count = 100_000): void {
  const t = Date.now();
  const r = rng(4);
  const households = db.prepare('SELECT id, area_id AS areaId, head_person_id AS personId FROM households').all() as {
    id: number;
    areaId: number;
    personId: number;
  }[];
  const ins = db.prepare(`INSERT INTO applications (acceptance_no, household_id, person_id, area_id, kind_code, reason,
      requested_fen, approved_fen, state,
      accepted_on, deadline, decided_on, registered_by, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`);
  const start = new Date('2016-12-01T00:00:00Z').getTime();
  const span = new Date('2026-11-20T00:00:00Z').getTime() - start;
  db.transaction(() => {
    const perYear = new Map<string, number>();
    for (let i = 0; i < count; i++) {
      const h = households[Math.floor(r() * households.length)];
      const day = new Date(start + (span * i) / count).toISOString().slice(0, 10);
      const deadline = new Date(new Date(day).getTime() + 20 * 86400_000).toISOString().slice(0, 10);
      const recent = i > count - 400;
      const state = recent
        ? OPEN_STATES[i % OPEN_STATES.length]
        : ['closed', 'paid', 'rejected', 'withdrawn', 'closed'][i % 5];
      const year = day.slice(0, 4);
      const n = (perYear.get(year) ?? 0) + 1;
      perYear.set(year, n);
      const fen = 10000 * (1 + Math.floor(r() * 50));
      ins.run(
        `${year}-${String(n).padStart(5, '0')}`,
        h.id,
        h.personId,
        h.areaId,
        KINDS[i % KINDS.length],
        `事由${i}`,
        fen,
        state === 'closed' || state === 'paid' ? fen : null,
        state,
        day,
        deadline,
        recent ? null : deadline,
        `${day}T09:00:00.000+08:00`,
        `${day}T09:00:00.000+08:00`,
      );
    }
  })();
  db.pragma('optimize');
  console.log(`applications built: ${count.toLocaleString()} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

export async function applicationFigures(
  db: DB,
  ok: (channel: string, input: unknown) => Promise<unknown>,
): Promise<Figure[]> {
  buildApplications(db);
  const ROW = `SELECT a.id, a.acceptance_no, a.household_id, p.name, ar.name, k.name, a.requested_fen, a.approved_fen,
      a.state, a.urgent, a.county_review,
      a.accepted_on, a.deadline, a.paperwork_due, a.paperwork_done_on
    FROM applications a
    JOIN persons p ON p.id = a.person_id
    JOIN areas ar ON ar.id = a.area_id
    JOIN relief_kinds k ON k.code = a.kind_code`;
  const page = db.prepare(`${ROW} WHERE a.area_id = ? ORDER BY a.accepted_on DESC, a.id DESC LIMIT 100 OFFSET 0`);
  const pageCount = db.prepare('SELECT count(*) FROM applications a WHERE a.area_id = ?');
  const today = dateCn(benchClock());
  const open = OPEN_STATES.map((s) => `'${s}'`).join(', ');
  const overdue = db.prepare(
    `${ROW} WHERE a.state IN (${open}) AND a.deadline < ? ORDER BY a.deadline, a.id LIMIT 200`,
  );
  const overduePaper = db.prepare(
    `${ROW}
      WHERE a.urgent = 1 AND a.paperwork_done_on IS NULL AND a.paperwork_due < ?
      ORDER BY a.deadline, a.id
      LIMIT 200`,
  );
  const soon = db.prepare(
    `${ROW} WHERE a.state IN (${open}) AND a.deadline >= ? AND a.deadline <= ? ORDER BY a.deadline, a.id LIMIT 200`,
  );
  const soonPaper = db.prepare(
    `${ROW}
      WHERE a.urgent = 1 AND a.paperwork_done_on IS NULL AND a.paperwork_due >= ? AND a.paperwork_due <= ?
      ORDER BY a.deadline, a.id
      LIMIT 200`,
  );
  const inThree = dateCn(new Date(benchClock().getTime() + 5 * 86400_000));
  return [
    await measure(
      'applications.list first page, area filter, newest first',
      () => ok('applications.list', { areaId: 2, limit: 100 }),
      () => [page.all(2), pageCount.get(2)],
      { budgetRatio: 2, budgetP95Ms: 30 },
    ),
    await measure(
      'applications.due (首页: overdue and due within 3 working days)',
      () => ok('applications.due', {}),
      () => [overdue.all(today), overduePaper.all(today), soon.all(today, inThree), soonPaper.all(today, inThree)],
      { budgetRatio: 2, budgetP95Ms: 30 },
    ),
  ];
}
