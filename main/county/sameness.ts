// 一致性核对, the proof of sameness: with its census a township sends its own annual report of each year (its payment
// figures and its other sections, as its ledger computes them), and the county sets them beside its own figures over
// the copy: the payments counted in PostgreSQL (figures.ts), the sections by the township's code over the copy
// (sections.ts). Equal to the fen when the copy is complete; a difference names its line.
import type pg from 'pg';

import { dateCn } from '../../shared/domain/time';
import type { AnnualReport, PaymentLine, ReportSections, YearPayments } from '../../shared/schemas/reports';
import type { SameRow } from '../../shared/schemas/rollup';
import { type DB, prep } from '../db/open';
import { annualReport } from '../reports';
import { countyPayments, namesOf } from './figures';
import { sectionsOverCopy } from './sections';

/** What a township sends with its census: the day it computed them, and each year's payment figures and sections. */
export interface Figures {
  today: string;
  years: Record<string, { payments: ComparableYear; sections: ReportSections }>;
}

/** A year's payment figures in one comparable shape: lines sorted, an area's line without households (the township
 * report has none by area), lines without a payment left out. Both sides of the check page pass through it. */
export type ComparableYear = Pick<YearPayments, 'reversals' | 'byMonth'> & {
  lines: (Omit<PaymentLine, 'households'> & { households?: number })[];
};

export function comparable(c: YearPayments): ComparableYear {
  const lines = c.lines
    .filter((l) => l.times > 0)
    .map(({ households, ...l }) => (l.areaId === 0 ? { ...l, households } : l))
    .sort((a, b) => a.kindCode.localeCompare(b.kindCode) || a.areaId - b.areaId);
  return { lines, reversals: c.reversals, byMonth: c.byMonth };
}

/** The township's own annual report (reports/reports.ts) in the county's shape. */
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
 * copy. The census is taken at the very line the county had acknowledged (censusWorker.ts: no backlog in its
 * snapshot), so the two are compared only while the county still stands at that line: once it has applied later
 * changes the row waits (待同步) for the next census instead of showing the township's ordinary work as a difference.
 * Equal to the fen when the copy is complete; a difference names its line.
 */
export async function sameness(client: pg.ClientBase): Promise<SameRow[]> {
  const { rows } = await client.query<{
    code: string;
    name: string;
    ledger_id: string;
    acked_seq: string;
    seq: string;
    at: Date;
    figures: Figures;
  }>(
    `SELECT t.code, t.name, t.ledger_id, t.acked_seq, c.seq, c.at, c.figures
      FROM county.townships t
      JOIN county.ledger_census c ON c.ledger_id = t.ledger_id
      ORDER BY t.code`,
  );
  const out: SameRow[] = [];
  for (const r of rows) {
    const names = await namesOf(client, r.ledger_id);
    const [seq, acked] = [Number(r.seq), Number(r.acked_seq)];
    for (const [year, mine] of Object.entries(r.figures.years ?? {}).sort()) {
      const row = { code: r.code, name: r.name, year: Number(year), at: r.at.toISOString() };
      if (seq !== acked) {
        out.push({ ...row, ...verdictOf('pending', 0, { seq, acked }), differences: [] });
        continue;
      }
      const theirs = comparable(await countyPayments(client, r.ledger_id, Number(year)));
      const sections = await sectionsOverCopy(client, r.ledger_id, Number(year), r.figures.today);
      const differences = [...differ(mine.payments, theirs, names), ...differSections(mine.sections, sections)];
      out.push({ ...row, ...verdictOf(differences.length ? 'differ' : 'same', differences.length), differences });
    }
  }
  return out;
}

/** A row's state in words, and the one thing to do about it. */
function verdictOf(
  state: SameRow['state'],
  differences: number,
  at?: { seq: number; acked: number },
): Pick<SameRow, 'same' | 'state' | 'verdict' | 'advice'> {
  const said = {
    same: ['一致', '无需处理。'],
    differ: [
      `${differences} 处不一致`,
      '请乡镇在 设置 → 县级上报 点“立即上报”后再看；仍不一致时，把下列项目交乡镇对照台账核实。',
    ],
    pending: [
      '待同步',
      `乡镇的核对数据停在第 ${at?.seq} 条变动，县里已收到第 ${at?.acked} 条：乡镇下次上报完（至多一小时）自动重新核对，无需处理。`,
    ],
  }[state];
  return { same: state === 'same', state, verdict: said[0], advice: said[1] };
}

const SECTION_LABELS: Record<keyof ReportSections, string> = {
  registry: '台账变动',
  applications: '申请办理',
  pairing: '结对帮扶',
  wishes: '微心愿',
  suggestions: '意见建议',
  disputes: '纠纷调解',
};

/** Every number of a section by its path (a line's label for a name, not its place): jsonb reorders the fields. */
function leaves(v: unknown, path: string, out: Map<string, string>): Map<string, string> {
  if (v === null || typeof v !== 'object') out.set(path, v === null ? '无' : String(v));
  else if (Array.isArray(v)) v.forEach((x: { label?: string }, i) => leaves(x, `${path} · ${x?.label ?? i + 1}`, out));
  else for (const [k, x] of Object.entries(v)) if (k !== 'label') leaves(x, `${path} · ${k}`, out);
  return out;
}

function differSections(mine: ReportSections, theirs: ReportSections): SameRow['differences'] {
  const out: SameRow['differences'] = [];
  for (const [k, label] of Object.entries(SECTION_LABELS) as [keyof ReportSections, string][]) {
    const [a, b] = [leaves(mine[k], label, new Map()), leaves(theirs[k], label, new Map())];
    for (const what of new Set([...a.keys(), ...b.keys()]))
      if (a.get(what) !== b.get(what)) out.push({ what, township: a.get(what) ?? '无', county: b.get(what) ?? '无' });
  }
  return out;
}

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

/** The township's own annual report of every year it paid in, and this year, for the county's check page. */
export function reportFigures(db: DB, now: Date): Figures {
  const today = dateCn(now);
  const paid = prep(db, 'SELECT DISTINCT year FROM annual_totals').all() as { year: string }[];
  const years = [...new Set([...paid.map((p) => p.year), today.slice(0, 4)])].sort();
  return {
    today,
    years: Object.fromEntries(
      years.map((y) => {
        const r = annualReport(db, Number(y), today);
        const { registry, applications, pairing, wishes, suggestions, disputes } = r;
        return [
          y,
          { payments: reportPayments(r), sections: { registry, applications, pairing, wishes, suggestions, disputes } },
        ];
      }),
    ),
  };
}
