// The county's figures over its copy, by the township report's own definitions (services/reports.ts and ledger
// migration 0007): a payment counts in the year of its date, a reversal on its own line in the year of its own date;
// persons and households are counted once per level. Read from payment_totals and payment_reach, which the county's
// insert trigger keeps (its migration 0001). Over several townships a person is counted once per township: the
// county adds the townships' reports, it does not merge their registers.
import type pg from 'pg';

import type { AnnualReport } from '../../shared/schemas/reports';
import type { SameRow, StatusRow, TownshipRow } from '../../shared/schemas/rollup';
import { type Census, censusSql, SYNCED } from './tables';

export interface PaymentLine {
  kindCode: string;
  areaId: number;
  persons: number;
  households: number;
  times: number;
  fen: number;
}

export interface CountyPayments {
  /** One line per top kind (areaId 0), the whole year (kindCode '', areaId 0) and per kind and area. */
  lines: PaymentLine[];
  reversals: { times: number; fen: number };
  byMonth: { month: string; times: number; fen: number; reversalFen: number }[];
}

type Row = Record<string, string | null>;
const n = (v: string | null | undefined) => Number(v ?? 0);

/** One year's payment figures for one township's copy (`ledgerId`) or for every township (null). */
export async function countyPayments(
  client: pg.ClientBase,
  ledgerId: string | null,
  year: number,
): Promise<CountyPayments> {
  // Distinct per township first, then added: a person is one per township, and a plain bigint distinct is fast.
  const reach = await client.query<Row>(
    `SELECT kind, area, sum(persons) AS persons, sum(households) AS households
      FROM (
        SELECT top_kind AS kind, area_id AS area,
            count(DISTINCT person_id) AS persons,
            count(DISTINCT household_id) AS households
          FROM county.payment_reach
          WHERE year = $1
            AND NOT reversal
            AND ($2::uuid IS NULL OR ledger_id = $2::uuid)
          GROUP BY GROUPING SETS ((ledger_id, top_kind, area_id), (ledger_id, top_kind), (ledger_id))
      ) per_township
      GROUP BY kind, area`,
    [String(year), ledgerId],
  );
  const sums = await client.query<Row>(
    `SELECT reversal, top_kind AS kind, area_id AS area, sum(times) AS times, sum(fen) AS fen
      FROM county.payment_totals
      WHERE month >= $1
        AND month <= $2
        AND ($3::uuid IS NULL OR ledger_id = $3::uuid)
      GROUP BY GROUPING SETS ((reversal, top_kind, area_id), (reversal, top_kind), (reversal))`,
    [`${year}-01`, `${year}-12`, ledgerId],
  );
  const months = await client.query<Row>(
    `SELECT month,
        sum(times) FILTER (WHERE NOT reversal) AS times,
        sum(fen) FILTER (WHERE NOT reversal) AS fen,
        sum(fen) FILTER (WHERE reversal) AS reversal_fen
      FROM county.payment_totals
      WHERE month >= $1
        AND month <= $2
        AND ($3::uuid IS NULL OR ledger_id = $3::uuid)
      GROUP BY month`,
    [`${year}-01`, `${year}-12`, ledgerId],
  );
  const key = (kind: string | null, area: string | null) => `${kind ?? ''}|${n(area)}`;
  const people = new Map(reach.rows.map((r) => [key(r.kind, r.area), r]));
  const paid = sums.rows.filter((r) => String(r.reversal) === 'false');
  const rev = sums.rows.find((r) => String(r.reversal) === 'true' && r.kind === null);
  const byMonth = new Map(months.rows.map((m) => [m.month, m]));
  return {
    lines: paid.map((r) => ({
      kindCode: r.kind ?? '',
      areaId: n(r.area),
      persons: n(people.get(key(r.kind, r.area))?.persons),
      households: n(people.get(key(r.kind, r.area))?.households),
      times: n(r.times),
      fen: n(r.fen),
    })),
    reversals: { times: n(rev?.times), fen: n(rev?.fen) },
    byMonth: Array.from({ length: 12 }, (_, i) => {
      const month = `${year}-${String(i + 1).padStart(2, '0')}`;
      const m = byMonth.get(month);
      return { month, times: n(m?.times), fen: n(m?.fen), reversalFen: n(m?.reversal_fen) };
    }),
  };
}

/** Whether the kept totals of a township's copy equal a count over its payments themselves (the check page's test). */
export async function totalsAgree(client: pg.ClientBase, ledgerId: string): Promise<boolean> {
  const { rows } = await client.query<{ differ: string }>(
    `WITH counted AS (
        SELECT substr(paid_on, 1, 7) AS month, reverses_id IS NOT NULL AS reversal, top_kind, area_id,
            count(*) AS times, sum(amount_fen) AS fen
          FROM county.payments
          WHERE ledger_id = $1
          GROUP BY 1, 2, 3, 4
      ), kept AS (
        SELECT month, reversal, top_kind, area_id, times, fen
          FROM county.payment_totals
          WHERE ledger_id = $1
      ), reached AS (
        SELECT DISTINCT substr(paid_on, 1, 4) AS year, reverses_id IS NOT NULL AS reversal, top_kind, area_id,
            person_id, household_id
          FROM county.payments
          WHERE ledger_id = $1
      ), reach AS (
        SELECT year, reversal, top_kind, area_id, person_id, household_id
          FROM county.payment_reach
          WHERE ledger_id = $1
      )
      SELECT (SELECT count(*) FROM ((SELECT * FROM counted EXCEPT SELECT * FROM kept)
                UNION ALL (SELECT * FROM kept EXCEPT SELECT * FROM counted)) d)
        + (SELECT count(*) FROM ((SELECT * FROM reached EXCEPT SELECT * FROM reach)
                UNION ALL (SELECT * FROM reach EXCEPT SELECT * FROM reached)) d) AS differ`,
    [ledgerId],
  );
  return Number(rows[0].differ) === 0;
}

/** 乡镇对比: each township's year side by side, with its last push (a township not yet pushed shows zeros). */
export async function townshipComparison(client: pg.ClientBase, year: number): Promise<TownshipRow[]> {
  const { rows } = await client.query<Row>(
    `SELECT t.code, t.name, t.ledger_id, t.last_push, t.revoked, r.persons, r.households, s.times, s.fen, s.reversal_fen
      FROM county.townships t
      LEFT JOIN (
        SELECT ledger_id, count(DISTINCT person_id) AS persons, count(DISTINCT household_id) AS households
          FROM county.payment_reach
          WHERE year = $1
            AND NOT reversal
          GROUP BY ledger_id
      ) r ON r.ledger_id = t.ledger_id
      LEFT JOIN (
        SELECT ledger_id,
            sum(times) FILTER (WHERE NOT reversal) AS times,
            sum(fen) FILTER (WHERE NOT reversal) AS fen,
            sum(fen) FILTER (WHERE reversal) AS reversal_fen
          FROM county.payment_totals
          WHERE month >= $2
            AND month <= $3
          GROUP BY ledger_id
      ) s ON s.ledger_id = t.ledger_id
      ORDER BY t.code`,
    [String(year), `${year}-01`, `${year}-12`],
  );
  return rows.map((r) => ({
    code: r.code!,
    name: r.name!,
    ledgerId: r.ledger_id,
    lastPush: r.last_push ? new Date(r.last_push).toISOString() : null,
    revoked: String(r.revoked) === 'true',
    persons: n(r.persons),
    households: n(r.households),
    times: n(r.times),
    fen: n(r.fen),
    reversalFen: n(r.reversal_fen),
  }));
}

/** 上报情况: for each township, whether the county's copy holds what its ledger held (per-table count and checksum). */
export async function completeness(client: pg.ClientBase): Promise<StatusRow[]> {
  const { rows } = await client.query<Row & { counts: Census | null }>(
    `SELECT t.code, t.name, t.ledger_id, t.last_push, t.acked_seq, c.seq, c.counts
      FROM county.townships t
      LEFT JOIN county.ledger_census c ON c.ledger_id = t.ledger_id
      ORDER BY t.code`,
  );
  const out: StatusRow[] = [];
  for (const r of rows) {
    const tables = [];
    for (const s of SYNCED) {
      const mine = r.ledger_id
        ? (await client.query<{ n: string; c: string }>(censusSql(s, 'pg'), [r.ledger_id])).rows[0]
        : { n: '0', c: '0' };
      tables.push({ table: s.table, township: r.counts?.[s.table] ?? null, county: { n: n(mine.n), c: n(mine.c) } });
    }
    const censusSeq = r.seq === null ? null : n(r.seq);
    out.push({
      code: r.code!,
      name: r.name!,
      lastPush: r.last_push ? new Date(r.last_push).toISOString() : null,
      acked: n(r.acked_seq),
      censusSeq,
      tables,
      complete:
        censusSeq === n(r.acked_seq) &&
        tables.every((t) => t.township && t.township.n === t.county.n && t.township.c === t.county.c),
    });
  }
  return out;
}

/** A year's payment figures in one comparable shape: lines sorted, an area's line without households (the township
 * report has none by area), lines without a payment left out. Both sides of the check page pass through it. */
export type ComparableYear = Pick<CountyPayments, 'reversals' | 'byMonth'> & {
  lines: (Omit<PaymentLine, 'households'> & { households?: number })[];
};

export function comparable(c: CountyPayments): ComparableYear {
  const lines = c.lines
    .filter((l) => l.times > 0)
    .map(({ households, ...l }) => (l.areaId === 0 ? { ...l, households } : l))
    .sort((a, b) => a.kindCode.localeCompare(b.kindCode) || a.areaId - b.areaId);
  return { lines, reversals: c.reversals, byMonth: c.byMonth };
}

/** The township's own annual report (services/reports.ts) in the county's shape. */
export function reportPayments(r: AnnualReport): ComparableYear {
  return comparable({
    lines: [
      ...r.byKind.map((k) => ({ ...k, areaId: 0 })),
      { ...r.total, kindCode: '', areaId: 0 },
      ...r.byAreaKind.map((a) => ({ ...a, households: 0 })),
    ].map(({ kindCode, areaId, persons, households, times, fen }) => ({
      kindCode,
      areaId,
      persons,
      households,
      times,
      fen,
    })),
    reversals: r.reversals,
    byMonth: r.byMonth,
  });
}

/**
 * 一致性核对: each township's own report of each year it sent with its census, beside the county's figures over its
 * copy. They are equal to the fen when the copy is complete; a difference names its line.
 */
export async function sameness(client: pg.ClientBase): Promise<SameRow[]> {
  const { rows } = await client.query<{ code: string; name: string; ledger_id: string; at: Date; figures: Figures }>(
    `SELECT t.code, t.name, t.ledger_id, c.at, c.figures
      FROM county.townships t
      JOIN county.ledger_census c ON c.ledger_id = t.ledger_id
      ORDER BY t.code`,
  );
  const out: SameRow[] = [];
  for (const r of rows)
    for (const [year, mine] of Object.entries(r.figures).sort()) {
      const theirs = comparable(await countyPayments(client, r.ledger_id, Number(year)));
      const differences = differ(mine, theirs, await namesOf(client, r.ledger_id));
      out.push({
        code: r.code,
        name: r.name,
        year: Number(year),
        at: r.at.toISOString(),
        same: !differences.length,
        differences,
      });
    }
  return out;
}

/** A copy's kind and area names, keyed k<code> and a<id>, for the lines of the check page. */
async function namesOf(client: pg.ClientBase, ledgerId: string): Promise<Map<string, string>> {
  const { rows } = await client.query<{ k: string; name: string }>(
    `SELECT 'k' || code AS k, name
      FROM county.relief_kinds
      WHERE ledger_id = $1
    UNION ALL
    SELECT 'a' || id, name
      FROM county.areas
      WHERE ledger_id = $1`,
    [ledgerId],
  );
  return new Map(rows.map((r) => [r.k, r.name]));
}

/** What a township sends with its census: its report's payment figures per year. */
export type Figures = Record<string, ComparableYear>;

const LABELS: Record<string, string> = {
  persons: '人数',
  households: '户数',
  times: '人次',
  fen: '金额',
  reversalFen: '冲正',
};

/** A line as the check page shows it, its fields in a fixed order (jsonb does not keep the order they were sent in). */
function shown(v: unknown): string {
  if (v === undefined) return '无';
  const line = v as Record<string, number>;
  return Object.keys(LABELS)
    .filter((k) => k in line)
    .map((k) => `${LABELS[k]} ${/[fF]en$/.test(k) ? (line[k] / 100).toFixed(2) : line[k]}`)
    .join('，');
}

function differ(mine: ComparableYear, theirs: ComparableYear, names: Map<string, string>): SameRow['differences'] {
  const keyed = (y: ComparableYear) =>
    new Map<string, unknown>([
      ...y.lines.map(
        (l) =>
          [
            [names.get(`k${l.kindCode}`) ?? (l.kindCode || '全部类别'), l.areaId ? names.get(`a${l.areaId}`) : '']
              .filter(Boolean)
              .join(' · '),
            l,
          ] as const,
      ),
      ['本年冲正', y.reversals],
      ...y.byMonth.map((m) => [`${m.month} 月`, m] as const),
    ]);
  const [a, b] = [keyed(mine), keyed(theirs)];
  return [...new Set([...a.keys(), ...b.keys()])]
    .filter((k) => shown(a.get(k)) !== shown(b.get(k)))
    .map((what) => ({ what, township: shown(a.get(what)), county: shown(b.get(what)) }));
}
