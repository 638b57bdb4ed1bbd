// 年度工作总结's 主要做法, 存在问题 and 下一步打算: the figures they are drafted from, counted by the conditions the report
// and the grids use, and the center's own text of each (year_summaries, migration 0017), which wins over the draft.
import type { Parsed } from '../../shared/contract';
import { isoCn } from '../../shared/domain/time';
import { OPEN_STATES } from '../../shared/domain/workflow';
import {
  draftSummary,
  SUMMARY_LABELS,
  SUMMARY_SECTIONS,
  type SummaryFacts,
  type SummarySection,
} from '../../shared/domain/yearSummary';
import type { AnnualReport, YearSummary } from '../../shared/schemas/reports';
import { applicationTally } from '../cases';
import type { Ctx } from '../core/dispatch';
import { type DB, prep } from '../db/open';
import { behindCadence, VISITED_IN } from '../pairings';
import { inYear, SUGGESTIONS } from '../service';

const OPEN = OPEN_STATES.map((s) => `'${s}'`).join(', ');

/** The figures the drafts speak of, beside the report's own (`r`, read the same day). */
export function summaryFacts(db: DB, r: AnnualReport, today: string): SummaryFacts {
  const { year } = r;
  const span = [`${year}-01-01`, `${year}-12-31`];
  const accepted = applicationTally('accepted', year);
  const apps = prep(
    db,
    `SELECT
      (SELECT count(DISTINCT st.application_id) FROM application_steps st WHERE st.action = 'investigate'
        AND st.on_date BETWEEN ? AND ?) AS investigated,
      (SELECT count(DISTINCT st.application_id) FROM application_steps st WHERE st.action = 'publicize'
        AND st.on_date BETWEEN ? AND ?) AS publicized,
      (SELECT count(DISTINCT st.application_id) FROM application_steps st WHERE st.action = 'urgentApprove'
        AND st.on_date BETWEEN ? AND ?) AS urgent,
      (SELECT count(*) FROM applications a WHERE ${accepted.sql}
        AND a.decided_on > a.deadline) AS lateDecided,
      (SELECT count(*) FROM applications a WHERE ${accepted.sql}
        AND a.state IN (${OPEN}) AND a.deadline < ?) AS lateOpen`,
  ).get(...span, ...span, ...span, ...accepted.args, ...accepted.args, today) as Omit<
    SummaryFacts['applications'],
    'accepted'
  >;
  // Payments from the kept month totals (payment_totals, as the report's months): a lookup, not a scan.
  const payments = prep(
    db,
    `SELECT
      coalesce(sum(CASE WHEN reversal = 0 THEN n END), 0) AS times,
      coalesce(sum(CASE WHEN reversal = 0 AND method = 'bank' THEN n END), 0) AS bank,
      (SELECT count(*) FROM payroll_batches WHERE state = 'posted' AND paid_on BETWEEN ? AND ?) AS batches
      FROM payment_totals
      WHERE month BETWEEN ? AND ?`,
  ).get(...span, `${year}-01`, `${year}-12`) as SummaryFacts['payments'];
  // Visits behind their cadence as the year left them: on its last day once it is over, else today.
  const visitsOn = today < span[1] ? today : span[1];
  const visited = VISITED_IN.args(year);
  const pairing = r.pairing && {
    ...r.pairing,
    ...(prep(
      db,
      `SELECT
        (SELECT count(*) FROM visits v WHERE ${VISITED_IN.sql} AND v.mode = 'home') AS home,
        (SELECT count(*) FROM visit_problems vp JOIN visits v ON v.id = vp.visit_id
          WHERE ${VISITED_IN.sql}) AS problems,
        (SELECT count(*) FROM visit_problems vp JOIN visits v ON v.id = vp.visit_id
          WHERE ${VISITED_IN.sql} AND vp.status = 'resolved') AS resolved`,
    ).get(...visited, ...visited, ...visited) as { home: number; problems: number; resolved: number }),
    ...behindCadence(db, visitsOn),
  };
  const inTheYear = inYear(SUGGESTIONS, year);
  const g = r.suggestions?.total;
  const suggestions = g && {
    collected: g.collected,
    onTheSpot: g.onTheSpot,
    closed: g.closed,
    // Open: neither answered nor withdrawn; past its deadline as the suggestions grid's 超期 filter says.
    ...(prep(
      db,
      `SELECT
        coalesce(sum(s.status IN ('collected', 'assigned')), 0) AS open,
        coalesce(sum(s.status = 'assigned' AND s.due_on < ?), 0) AS openOverdue,
        coalesce(sum(s.revisit IS NOT NULL), 0) AS revisited,
        coalesce(sum(s.revisit = 'unsatisfied'), 0) AS unsatisfied,
        coalesce(sum(s.result = 'partial'), 0) AS partly,
        coalesce(sum(s.result = 'unresolved'), 0) AS unresolved
        FROM suggestions s
        WHERE ${inTheYear.sql}`,
    ).get(today, ...inTheYear.args) as Omit<
      NonNullable<SummaryFacts['suggestions']>,
      'collected' | 'onTheSpot' | 'closed'
    >),
  };
  const w = r.wishes?.total;
  const d = r.disputes?.total;
  return {
    year,
    today,
    visitsOn,
    applications: { accepted: r.applications.accepted, ...apps },
    payments,
    pairing,
    wishes: w ? { collected: w.collected, claimed: w.claimed, fulfilled: w.fulfilled, overdue: w.overdue } : null,
    suggestions: suggestions || null,
    disputes: d ? { accepted: d.accepted, settled: d.settled, written: d.written, overdue: d.overdue } : null,
  };
}

type Saved = { section: SummarySection; text: string; savedBy: string; savedAt: string };

function savedOf(db: DB, year: number): Map<SummarySection, Saved> {
  const rows = prep(
    db,
    `SELECT y.section, y.text, s.display_name AS savedBy, y.updated_at AS savedAt
      FROM year_summaries y
      JOIN staff s ON s.id = y.updated_by
      WHERE y.year = ?`,
  ).all(year) as Saved[];
  return new Map(rows.map((r) => [r.section, r]));
}

/** The year's three sections: each the center's saved text, else its draft from the figures of `today`. */
export function yearSummary(db: DB, r: AnnualReport, today: string): YearSummary {
  const drafts = draftSummary(summaryFacts(db, r, today));
  const saved = savedOf(db, r.year);
  return {
    year: r.year,
    sections: SUMMARY_SECTIONS.map((section) => {
      const s = saved.get(section);
      return {
        section,
        label: SUMMARY_LABELS[section],
        text: s?.text ?? drafts[section],
        draft: drafts[section],
        saved: s ? { by: s.savedBy, at: s.savedAt } : null,
      };
    }),
  };
}

/**
 * 保存: writes the sections whose text changed (who and when per section) and audits the old and new text of each.
 * A section saved is the center's from then on; the draft goes on being offered beside it.
 */
export function saveSummary(ctx: Ctx, input: Parsed<'reports.saveSummary'>): void {
  const before = savedOf(ctx.db, input.year);
  const changed = SUMMARY_SECTIONS.filter((s) => before.get(s)?.text !== input[s]);
  for (const section of changed)
    prep(
      ctx.db,
      `INSERT INTO year_summaries (year, section, text, updated_by, updated_at)
        VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (year, section) DO UPDATE
        SET text = excluded.text, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    ).run(input.year, section, input[section], ctx.session.staff!.id, isoCn(ctx.now));
  ctx.audit(
    'yearSummary',
    input.year,
    Object.fromEntries(changed.map((s) => [s, before.get(s)?.text ?? null])),
    Object.fromEntries(changed.map((s) => [s, input[s]])),
  );
}
