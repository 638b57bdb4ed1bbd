// 矛盾纠纷调解 at county scale: 100,000 disputes over ten years (two parties each, one or two of 20 mediators, most
// settled and followed up, a few hundred still open); the grid's first page, with its totals of persons and amount,
// against raw SQLite doing the same work. The annual report's figure (reports.ts) counts their section too.
import { initials } from '../../main/core/pinyin';
import type { DB } from '../../main/db/open';
import { people, rng } from '../../main/demo/fictional';
import { dateCn } from '../../shared/domain/time';
import { benchClock, type Figure, measure } from './harness';

const TYPES = ['婚姻家庭', '邻里纠纷', '土地承包/流转', '宅基地', '劳动报酬', '损害赔偿', '物业', '征地拆迁', '其他'];
const FATES = [
  'written',
  'written',
  'written',
  'oral',
  'failed',
  'written',
  'oral',
  'transferred',
  'written',
  'withdrawn',
];

export function buildDisputes(db: DB, count = 100_000): void {
  const t = Date.now();
  const r = rng(17);
  const areas = (db.prepare('SELECT id FROM areas').all() as { id: number }[]).map((a) => a.id);
  const start = new Date('2016-12-01T00:00:00Z').getTime();
  const span = new Date('2026-11-20T00:00:00Z').getTime() - start;
  const day = (i: number, plus = 0) =>
    new Date(start + (span * i) / count + plus * 86400_000).toISOString().slice(0, 10);
  const dispute = db.prepare(`INSERT INTO disputes (accepted_on, source, type, area_id, persons, amount_fen, facts,
      party_names, party_initials, party_id_tails, due_on, recorded_by, status, concluded_on, concluded_by, agreement,
      agreement_year, agreement_seq, terms, performance, copies, route, transferred_to, withdrawn_on, withdraw_reason,
      created_at, updated_at)
    VALUES (?, 'applied', ?, ?, ?, ?, '因琐事发生争执', ?, ?, ?, ?, 1, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const party = db.prepare(`INSERT INTO dispute_parties (dispute_id, seq, role, name, id_number, phone)
    VALUES (?, ?, ?, ?, ?, ?)`);
  const mediator = db.prepare('INSERT INTO dispute_mediators (dispute_id, cadre_id) VALUES (?, ?)');
  const followup = db.prepare(`INSERT INTO dispute_followups (dispute_id, visited_on, outcome, created_by, created_at)
    VALUES (?, ?, 'kept', 1, ?)`);
  db.transaction(() => {
    const cadre = db.prepare(`INSERT INTO cadres (name, name_initials, unit, kind, created_at, updated_at)
      VALUES (?, 'tj', '村调委会', 'village', '', '')`);
    const mediators = Array.from({ length: 20 }, (_, i) => Number(cadre.run(`调解员${i + 1}`).lastInsertRowid));
    const seqs = new Map<number, number>();
    const folk = people(1717, count * 2);
    for (let i = 0; i < count; i++) {
      const [a, b] = [folk.next().value!, folk.next().value!];
      const on = day(i);
      const at = `${on}T09:00:00.000+08:00`;
      const fate = i > count - 300 ? 'open' : FATES[i % FATES.length];
      const settled = fate === 'written' || fate === 'oral';
      const concluded = fate === 'open' || fate === 'withdrawn' ? null : day(i, 5 + Math.floor(r() * 30));
      const year = Number((concluded ?? on).slice(0, 4));
      const seq = fate === 'written' ? (seqs.get(year) ?? 0) + 1 : null;
      if (seq) seqs.set(year, seq);
      const id = dispute.run(
        on,
        TYPES[i % TYPES.length],
        areas[Math.floor(r() * areas.length)],
        2 + (i % 5),
        i % 3 ? 50_000 * (1 + Math.floor(r() * 100)) : 0,
        `${a.name}、${b.name}`,
        ` ${initials(a.name)} ${initials(b.name)}`,
        ` ${a.idNumber.slice(-4)}`,
        day(i, 30),
        fate === 'oral' || fate === 'written' ? 'settled' : fate,
        concluded,
        settled ? fate : null,
        seq && year,
        seq,
        settled ? '双方自愿和解' : null,
        seq && '当场履行',
        seq && 3,
        fate === 'failed' ? 'litigation' : null,
        fate === 'transferred' ? '县人民调解委员会' : null,
        fate === 'withdrawn' ? day(i, 1) : null,
        fate === 'withdrawn' ? '重复登记' : null,
        at,
        at,
      ).lastInsertRowid;
      party.run(id, 1, 'applicant', a.name, a.idNumber, a.phone);
      party.run(id, 2, 'respondent', b.name, null, b.phone);
      mediator.run(id, mediators[i % 20]);
      if (i % 4 === 0) mediator.run(id, mediators[(i + 7) % 20]);
      if (settled && i % 5) followup.run(id, day(i, 40), at);
    }
  })();
  db.pragma('optimize');
  console.log(`disputes built: ${count.toLocaleString()} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

export async function disputeFigures(
  db: DB,
  ok: (channel: string, input: unknown) => Promise<unknown>,
): Promise<Figure[]> {
  buildDisputes(db);
  const today = dateCn(benchClock());
  const page = db.prepare(
    `SELECT d.id, d.accepted_on, d.source, d.type, d.area_id, a.name, d.party_names, d.persons, d.amount_fen,
        (SELECT group_concat(c.name, '、')
          FROM dispute_mediators m
          JOIN cadres c ON c.id = m.cadre_id
          WHERE m.dispute_id = d.id),
        d.status, d.due_on,
        CASE WHEN d.status = 'open' THEN julianday(d.due_on) - julianday(?) END,
        CASE WHEN d.status = 'open' THEN julianday(?) - julianday(d.due_on) END,
        d.concluded_on, d.agreement, d.agreement_year, d.agreement_seq,
        (SELECT f.outcome FROM dispute_followups f WHERE f.dispute_id = d.id ORDER BY f.visited_on DESC LIMIT 1)
      FROM disputes d
      CROSS JOIN areas a ON a.id = d.area_id
      ORDER BY d.accepted_on DESC, d.id DESC
      LIMIT 100 OFFSET 0`,
  );
  const totals = db.prepare('SELECT count(*), sum(persons), sum(amount_fen) FROM disputes');
  return [
    await measure(
      'disputes.list first page with its totals, newest first (100,000 disputes)',
      () => ok('disputes.list', { limit: 100 }),
      () => [page.all(today, today), totals.get()],
      { budgetRatio: 2, budgetP95Ms: 30 },
    ),
  ];
}
