// The county's figures over its copy, by the township report's own definitions (services/reports.ts and ledger
// migration 0007): a payment counts in the year of its date, a reversal on its own line in the year of its own date;
// persons and households are counted once per level. Over several townships a person is counted once per township:
// the county adds the townships' reports, it does not merge their registers.
import type pg from 'pg';

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

/** One year's payment figures for one township's copy (`ledgerId`) or for every township (null). */
export async function countyPayments(
  client: pg.ClientBase,
  ledgerId: string | null,
  year: number,
): Promise<CountyPayments> {
  const args = [`${year}-01-01`, `${year + 1}-01-01`, ledgerId];
  const { rows } = await client.query<{
    kind: string | null;
    area: string | null;
    persons: string;
    households: string;
    times: string;
    fen: string;
  }>(
    `SELECT top_kind AS kind, area_id AS area,
        count(DISTINCT (ledger_id, person_id)) AS persons,
        count(DISTINCT (ledger_id, household_id)) AS households,
        count(*) AS times, sum(amount_fen) AS fen
      FROM county.payments
      WHERE paid_on >= $1
        AND paid_on < $2
        AND reverses_id IS NULL
        AND ($3::uuid IS NULL OR ledger_id = $3::uuid)
      GROUP BY GROUPING SETS ((top_kind, area_id), (top_kind), ())`,
    args,
  );
  const { rows: rev } = await client.query<{ times: string; fen: string | null }>(
    `SELECT count(*) AS times, sum(amount_fen) AS fen
      FROM county.payments
      WHERE paid_on >= $1
        AND paid_on < $2
        AND reverses_id IS NOT NULL
        AND ($3::uuid IS NULL OR ledger_id = $3::uuid)`,
    args,
  );
  const { rows: months } = await client.query<{ month: string; times: string; fen: string; reversal_fen: string }>(
    `SELECT substr(paid_on, 1, 7) AS month,
        count(*) FILTER (WHERE reverses_id IS NULL) AS times,
        coalesce(sum(amount_fen) FILTER (WHERE reverses_id IS NULL), 0) AS fen,
        coalesce(sum(amount_fen) FILTER (WHERE reverses_id IS NOT NULL), 0) AS reversal_fen
      FROM county.payments
      WHERE paid_on >= $1
        AND paid_on < $2
        AND ($3::uuid IS NULL OR ledger_id = $3::uuid)
      GROUP BY 1`,
    args,
  );
  const byMonth = new Map(months.map((m) => [m.month, m]));
  return {
    lines: rows.map((r) => ({
      kindCode: r.kind ?? '',
      areaId: Number(r.area ?? 0),
      persons: Number(r.persons),
      households: Number(r.households),
      times: Number(r.times),
      fen: Number(r.fen),
    })),
    reversals: { times: Number(rev[0].times), fen: Number(rev[0].fen ?? 0) },
    byMonth: Array.from({ length: 12 }, (_, i) => {
      const month = `${year}-${String(i + 1).padStart(2, '0')}`;
      const m = byMonth.get(month);
      return {
        month,
        times: Number(m?.times ?? 0),
        fen: Number(m?.fen ?? 0),
        reversalFen: Number(m?.reversal_fen ?? 0),
      };
    }),
  };
}
