// 年度救助统计: one year's relief from the ledger, provable to the fen. A payment counts in the year of its date; a
// reversal counts in the year of its own date, on its own line (本年冲正), so a closed year never changes afterwards.
// The payment figures are read from annual_totals, kept by the payments' insert trigger (migration 0007) and
// reconciled with the payments themselves on the check screen.
import { DISPUTE_FIGURE_LABELS, DISPUTE_FIGURES } from '../../shared/domain/disputes';
import { formatWan } from '../../shared/domain/money';
import { annualSummary, APPLICATION_TALLIES, REGISTRY_CHANGES } from '../../shared/domain/reports';
import {
  SUGGESTION_FIGURE_LABELS,
  SUGGESTION_FIGURES,
  WISH_FIGURE_LABELS,
  WISH_FIGURES,
} from '../../shared/domain/service';
import { cnDay, dateCn } from '../../shared/domain/time';
import type { AnnualReport, MonthLine, PaymentLine, ReportSections, YearPayments } from '../../shared/schemas/reports';
import { DEFAULT_CENTER } from '../../shared/schemas/settings';
import { ISSUED_IN } from '../cards';
import { applicationTally } from '../cases';
import type { Handlers } from '../core/dispatch';
import { getSetting } from '../core/settings';
import { type NumberKind, type SheetCell, type SheetSpec, writeWorkbook } from '../core/workbook';
import { type DB, prep } from '../db/open';
import { VISITED_IN } from '../pairings';
import { householdFigure, pairedDuring } from '../registry';
import { disputeYear, suggestionYear, wishYear } from '../service';
import { reportDocx } from './reportDocx';
import { saveSummary, yearSummary } from './yearSummary';

const NONE = { persons: 0, households: 0, times: 0, fen: 0 };

/**
 * A year's payments from the kept totals: the lines of annual_totals (reversals apart) and the months of
 * payment_totals, kept by the payments' insert triggers. The county counts its copy into the same shape
 * (county/figures.ts), and the check of sameness compares the two.
 */
export function yearPayments(db: DB, year: number): YearPayments {
  const rows = prep(
    db,
    `SELECT reversal, top_kind AS kindCode, area_id AS areaId, persons, households, times, fen
      FROM annual_totals
      WHERE year = ?
      ORDER BY reversal, top_kind, area_id`,
  ).all(String(year)) as (PaymentLine & { reversal: 0 | 1 })[];
  const all = rows.find((l) => l.reversal === 1 && !l.kindCode && !l.areaId) ?? NONE;
  // Months from payment_totals (kept by the insert trigger, reconciled on the check screen): a lookup, not a scan.
  const months = new Map(
    (
      prep(
        db,
        `SELECT month, sum(CASE WHEN reversal = 0 THEN n ELSE 0 END) AS times,
            sum(CASE WHEN reversal = 0 THEN fen ELSE 0 END) AS fen,
        -sum(CASE WHEN reversal = 1 THEN fen ELSE 0 END) AS reversalFen
          FROM payment_totals
          WHERE month BETWEEN ? AND ?
          GROUP BY month`,
      ).all(`${year}-01`, `${year}-12`) as MonthLine[]
    ).map((m) => [m.month, m]),
  );
  return {
    lines: rows.filter((l) => l.reversal === 0).map(({ reversal: _, ...l }) => l),
    reversals: { times: all.times, fen: all.fen },
    byMonth: Array.from({ length: 12 }, (_, i) => {
      const month = `${year}-${String(i + 1).padStart(2, '0')}`;
      return months.get(month) ?? { month, times: 0, fen: 0, reversalFen: 0 };
    }),
  };
}

/** A line of a year's payments (zeros where no payment reached it): kind '' is every kind, area 0 every area. */
function lineOf({ lines }: YearPayments) {
  const byKey = new Map(lines.map((l) => [`${l.kindCode}|${l.areaId}`, l]));
  return (kindCode = '', areaId = 0) => {
    const { persons, households, times, fen } = byKey.get(`${kindCode}|${areaId}`) ?? NONE;
    return { persons, households, times, fen };
  };
}

export function annualReport(db: DB, year: number, today: string): AnnualReport {
  const paid = yearPayments(db, year);
  const before = yearPayments(db, year - 1);
  const [line, prevLine] = [lineOf(paid), lineOf(before)];
  // Kinds paid this year or last (the change column needs last year's), in the kinds' own order.
  const paidKinds = new Set(
    [...paid.lines, ...before.lines].filter((l) => l.kindCode && !l.areaId).map((l) => l.kindCode),
  );
  const kinds = prep(db, 'SELECT code, name FROM relief_kinds WHERE parent_code IS NULL ORDER BY sort_order').all() as {
    code: string;
    name: string;
  }[];
  const byKind = kinds
    .filter((k) => paidKinds.has(k.code))
    .map((k) => ({ ...line(k.code), kindCode: k.code, kind: k.name, prevFen: prevLine(k.code).fen }));
  const total = line();
  const { reversals, byMonth } = paid;
  const prevFen = prevLine().fen;

  const byAreaKind = paid.lines
    .filter((l) => l.kindCode && l.areaId)
    .map(({ areaId, kindCode, persons, times, fen }) => ({ areaId, kindCode, persons, times, fen }));
  const areaIds = new Set(byAreaKind.map((a) => a.areaId));
  const areas = (
    prep(db, 'SELECT id AS areaId, name AS area FROM areas ORDER BY sort_order, id').all() as AnnualReport['areas']
  ).filter((a) => areaIds.has(a.areaId));

  const sections = reportSections(db, year, today);
  const report = {
    year,
    byKind,
    reversals,
    total: { ...total, kindCode: 'all', kind: '合计' },
    netFen: total.fen - reversals.fen,
    prevTotal: { fen: prevFen, netFen: prevFen - before.reversals.fen },
    areas,
    byAreaKind,
    byMonth,
    ...sections,
  };
  return { ...report, summary: annualSummary(report) };
}

/**
 * The registry, applications, 结对帮扶 and 群众服务 sections of a year. The county runs this same function over
 * its copy of a township (county/sections.ts), so both read only the columns county/tables.ts syncs.
 */
export function reportSections(db: DB, year: number, today: string): ReportSections {
  // Registry and application figures: the same conditions the households and applications grids filter by.
  const count = (table: string, c: { sql: string; args: string[] }) =>
    (prep(db, `SELECT count(*) AS n FROM ${table} WHERE ${c.sql}`).get(...c.args) as { n: number }).n;
  const registry = Object.fromEntries(
    REGISTRY_CHANGES.map((c) => [c, count('households h', householdFigure(c, year))]),
  ) as AnnualReport['registry'];
  const applications = Object.fromEntries(
    APPLICATION_TALLIES.map((t) => [t, count('applications a', applicationTally(t, year))]),
  ) as AnnualReport['applications'];
  // Pairing figures: the conditions the cadres, households, visits and cards grids filter by.
  const [paired, visited, issued] = [pairedDuring.args(year), VISITED_IN.args(year), ISSUED_IN.args(year)];
  const pairing = prep(
    db,
    `SELECT
      (SELECT count(DISTINCT p.cadre_id) FROM pairings p WHERE ${pairedDuring.sql}) AS cadres,
      (SELECT count(DISTINCT p.household_id) FROM pairings p WHERE ${pairedDuring.sql}) AS households,
      (SELECT count(*) FROM visits v WHERE ${VISITED_IN.sql}) AS visits,
      (SELECT coalesce(sum(a.value_fen),
        0) FROM visit_aid a JOIN visits v ON v.id = a.visit_id WHERE ${VISITED_IN.sql}) AS aidFen,
      (SELECT count(*) FROM service_cards sc WHERE ${ISSUED_IN.sql}) AS cardsIssued`,
  ).get(...paired, ...paired, ...visited, ...visited, ...issued) as NonNullable<AnnualReport['pairing']>;

  const wishes = wishYear(db, year, today);
  const suggestions = suggestionYear(db, year, today);
  const disputes = disputeYear(db, year, today);
  return {
    registry,
    applications,
    pairing: Object.values(pairing).some((n) => n > 0) ? pairing : null,
    wishes: wishes.total.collected > 0 ? wishes : null,
    suggestions: suggestions.total.collected > 0 ? suggestions : null,
    disputes: disputes.total.accepted > 0 ? { ...disputes, byPerson: disputes.byPerson ?? [] } : null,
  };
}

const yuan = (fen: number) => fen / 100;

/** How a figure column of the report shows, from its header: 万元, 元, else a count. */
const kindOf = (header: string): NumberKind =>
  header.includes('（万元）') ? 'wan' : header.includes('（元）') ? 'yuan' : 'count';

/**
 * One sheet per table of the report, bordered, written by the one workbook writer (core/workbook.ts) and printed as
 * every sheet is; money as numbers in yuan (two decimals), 万元 beside the totals, counts as whole numbers.
 */
async function reportXlsx(db: DB, year: number, today: string) {
  const r = annualReport(db, year, today);
  const center = getSetting(db, 'center', DEFAULT_CENTER).name;
  const sheets: SheetSpec[] = [];
  const sheet = (name: string, title: string, header: string[], rows: SheetCell[][], labelled = true) =>
    sheets.push({
      name,
      center,
      title: `${center} ${year}年${title}`,
      headers: header,
      // The first column names the line (unless the table is one line of figures); the figures are all numbers.
      widths: header.map((h, i) => (i === 0 && labelled ? 22 : kindOf(h) === 'count' ? 10 : 16)),
      numbers: Object.fromEntries(header.flatMap((h, i) => (i === 0 && labelled ? [] : [[i, kindOf(h)]]))),
      rows,
      bordered: true,
    });
  sheet(
    '按救助类别',
    '救助资金发放情况（按救助类别）',
    ['救助类别', '人数', '户数', '人次', '金额（元）', '金额（万元）', '上年金额（元）'],
    [
      ...r.byKind.map((k) => [
        k.kind,
        k.persons,
        k.households,
        k.times,
        yuan(k.fen),
        Number(formatWan(k.fen)),
        yuan(k.prevFen),
      ]),
      ['本年冲正', '', '', r.reversals.times, -yuan(r.reversals.fen), -Number(formatWan(r.reversals.fen)), ''],
      [
        '合计（净发放）',
        r.total.persons,
        r.total.households,
        r.total.times,
        yuan(r.netFen),
        Number(formatWan(r.netFen)),
        yuan(r.prevTotal.netFen),
      ],
    ],
  );
  const kinds = r.byKind.filter((k) => k.times > 0);
  sheet(
    '按村社区',
    '救助资金发放情况（按村/社区）',
    ['村/社区', ...kinds.map((k) => `${k.kind}（元）`), '合计（元）'],
    r.areas.map((a) => {
      const fens = kinds.map(
        (k) => r.byAreaKind.find((x) => x.areaId === a.areaId && x.kindCode === k.kindCode)?.fen ?? 0,
      );
      return [a.area, ...fens.map(yuan), yuan(fens.reduce((s, f) => s + f, 0))];
    }),
  );
  sheet(
    '按月份',
    '救助资金发放情况（按月份）',
    ['月份', '人次', '发放金额（元）', '冲正金额（元）'],
    r.byMonth.map((m) => [m.month, m.times, yuan(m.fen), -yuan(m.reversalFen)]),
  );
  const a = r.applications;
  sheet(
    '申请办理',
    '救助申请办理情况',
    ['项目', '件数'],
    [
      ['受理', a.accepted],
      ['批准', a.approved],
      ['不予批准', a.rejected],
      ['撤回', a.withdrawn],
      ['审结', a.decided],
      ['按时办结', a.decidedInTime],
    ],
  );
  sheet(
    '台账变动',
    '困难群众台账变动情况',
    ['项目', '户数'],
    [
      ['新纳入', r.registry.entered],
      ['退出', r.registry.left],
      ['年末在册', r.registry.registeredAtEnd],
    ],
  );
  // One line, a column per figure: the amount has a column (and a number format) of its own.
  if (r.pairing)
    sheet(
      '结对帮扶',
      '结对帮扶情况',
      ['结对干部（名）', '结对户（户）', '走访（次）', '帮扶物资（元）', '制发服务卡（张）'],
      [[r.pairing.cadres, r.pairing.households, r.pairing.visits, yuan(r.pairing.aidFen), r.pairing.cardsIssued]],
      false,
    );
  // The 群众服务 registers: one sheet per breakdown; a dispute amount in 万元 (fen / 1,000,000, to the yuan).
  const sections = [
    ['微心愿', '群众微心愿', r.wishes, WISH_FIGURES, WISH_FIGURE_LABELS, '类别'],
    ['意见建议', '群众意见建议', r.suggestions, SUGGESTION_FIGURES, SUGGESTION_FIGURE_LABELS, '类别'],
    ['纠纷调解', '矛盾纠纷调解', r.disputes, DISPUTE_FIGURES, DISPUTE_FIGURE_LABELS, '纠纷类型'],
  ] as const;
  for (const [name, title, data, figures, labels, category] of sections) {
    if (!data) continue;
    const labelOf = labels as Record<string, string>;
    const value = (l: Record<string, number>, f: string) => (f === 'amount' ? Math.round(l[f] / 100) / 10000 : l[f]);
    const dims = [
      [category, data.byCategory],
      ['村/社区', data.byArea],
      ['月份', data.byMonth],
      ...('byPerson' in data ? [['调解员', data.byPerson] as const] : []),
    ] as const;
    for (const [dim, lines] of dims)
      sheet(
        `${name}（按${dim.replace('/', '')}）`,
        `${title}（按${dim}）`,
        [dim, ...figures.map((f) => labelOf[f])],
        [...lines, data.total].map((l) => [l.label, ...figures.map((f) => value(l as Record<string, number>, f))]),
      );
  }
  const buf = await writeWorkbook(sheets);
  return { fileName: `${year}年度救助统计.xlsx`, base64: buf.toString('base64'), rows: r.byKind.length };
}

export const reportHandlers = {
  'reports.annual': (ctx, input) => annualReport(ctx.db, input.year, dateCn(ctx.now)),
  'reports.docx': async (ctx, input) => {
    const r = annualReport(ctx.db, input.year, dateCn(ctx.now));
    const summary = yearSummary(ctx.db, r, dateCn(ctx.now));
    const center = getSetting(ctx.db, 'center', DEFAULT_CENTER).name;
    const fileName = `${center}${input.year}年度工作总结.docx`;
    const buf = await reportDocx(r, summary, center, cnDay(dateCn(ctx.now)));
    ctx.audit('export', null, null, { what: '年度工作总结', fileName, rows: r.byKind.length });
    return { fileName, base64: buf.toString('base64'), rows: r.byKind.length };
  },
  'reports.summary': (ctx, input) =>
    yearSummary(ctx.db, annualReport(ctx.db, input.year, dateCn(ctx.now)), dateCn(ctx.now)),
  'reports.saveSummary': (ctx, input) => {
    saveSummary(ctx, input);
    return yearSummary(ctx.db, annualReport(ctx.db, input.year, dateCn(ctx.now)), dateCn(ctx.now));
  },
  'reports.xlsx': async (ctx, input) => {
    const file = await reportXlsx(ctx.db, input.year, dateCn(ctx.now));
    ctx.audit('export', null, null, { what: '年度救助统计', fileName: file.fileName, rows: file.rows });
    return file;
  },
} satisfies Partial<Handlers>;
