// The county's figures over its copy, by the township report's own definitions (reports/reports.ts and ledger
// migration 0007): a payment counts in the year of its date, a reversal on its own line in the year of its own date;
// persons and households are counted once per level. Read from payment_totals and payment_reach, which the county's
// insert trigger keeps (its migration 0001). Over several townships a person is counted once per township: the
// county adds the townships' reports, it does not merge their registers.
import type pg from 'pg';

import type { YearPayments } from '../../shared/schemas/reports';
import type { StatusRow, TownshipRow } from '../../shared/schemas/rollup';
import { SYNCED } from '../db/synced';
import { type Census, censusSql } from './tables';

type Row = Record<string, string | null>;
const n = (v: string | null | undefined) => Number(v ?? 0);

/**
 * One year's payments for one township's copy (`ledgerId`) or for every township (null), in the township report's
 * own shape (`yearPayments` in reports/reports.ts): a line per top kind (areaId 0), per kind and area, and the year.
 */
export async function countyPayments(
  client: pg.ClientBase,
  ledgerId: string | null,
  year: number,
): Promise<YearPayments> {
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

/** Kind names by code (townships keep the same codes) and, for one township, its areas' names. */
export async function namesOf(client: pg.ClientBase, ledgerId: string | null) {
  const { rows } = await client.query<{ k: string; name: string }>(
    `SELECT 'k' || code AS k, min(name) AS name
      FROM county.relief_kinds
      WHERE $1::uuid IS NULL
        OR ledger_id = $1::uuid
      GROUP BY code
    UNION ALL
    SELECT 'a' || id, name
      FROM county.areas
      WHERE ledger_id = $1::uuid`,
    [ledgerId],
  );
  return new Map(rows.map((r) => [r.k, r.name]));
}
