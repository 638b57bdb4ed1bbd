// 年度救助统计: one year's relief from the ledger, provable to the fen. A payment counts in the year of its date; a
// reversal counts in the year of its own date, on its own line (本年冲正), so a closed year never changes afterwards.
import ExcelJS from 'exceljs';
import { formatWan } from '../../shared/domain/money';
import { annualSummary } from '../../shared/domain/reports';
import type { AnnualReport, KindLine } from '../../shared/schemas/reports';
import { DEFAULT_CENTER } from '../../shared/schemas/settings';
import { prep, type DB } from '../db/open';
import type { Handlers } from '../dispatch';
import { getSetting } from './settings';

type Line = Omit<KindLine, 'kind'>;

// A year's payments (or reversals) as the payments_year_* indexes hold them: the WHERE must spell their expressions.
const YEAR = `substr(p.paid_on, 1, 4) = ? AND (p.reverses_id IS NULL) = ?`;
const PAID = `FROM payments p WHERE ${YEAR}`;

/** By top-level kind (frozen on each payment): distinct persons and households when asked, times and amount. */
function kindLines(db: DB, year: number, distinct: boolean): Line[] {
  const counts = distinct ? 'count(DISTINCT p.person_id) AS persons, count(DISTINCT p.household_id) AS households' : '0 AS persons, 0 AS households';
  return prep(db, `SELECT p.top_kind AS kindCode, ${counts}, count(*) AS times, sum(p.amount_fen) AS fen ${PAID} GROUP BY p.top_kind`).all(String(year), 1) as Line[];
}

/** The year's distinct persons and households over every kind, and its reversals (本年冲正). */
function yearWide(db: DB, year: number, distinct: boolean): { persons: number; households: number; reversals: { times: number; fen: number } } {
  const y = String(year);
  const people = distinct
    ? (prep(db, `SELECT (SELECT count(DISTINCT p.person_id) ${PAID}) AS persons, (SELECT count(DISTINCT p.household_id) ${PAID}) AS households`).get(y, 1, y, 1) as {
        persons: number;
        households: number;
      })
    : { persons: 0, households: 0 };
  const reversals = prep(db, `SELECT count(*) AS times, coalesce(sum(p.amount_fen), 0) AS fen ${PAID}`).get(y, 0) as { times: number; fen: number };
  return { ...people, reversals };
}

const sum = (lines: Line[], key: 'times' | 'fen') => lines.reduce((s, l) => s + l[key], 0);

export function annualReport(db: DB, year: number): AnnualReport {
  const [from, to] = [`${year}-01-01`, `${year}-12-31`];
  const kinds = prep(db, 'SELECT code, name FROM relief_kinds WHERE parent_code IS NULL ORDER BY sort_order').all() as { code: string; name: string }[];
  const curLines = kindLines(db, year, true);
  const cur = new Map(curLines.map((l) => [l.kindCode, l]));
  // Last year: amounts only (the change column and sentence compare amounts).
  const prevLines = kindLines(db, year - 1, false);
  const prev = new Map(prevLines.map((l) => [l.kindCode, l]));
  const wide = yearWide(db, year, true);
  const reversals = wide.reversals;
  const total = { kindCode: 'all', persons: wide.persons, households: wide.households, times: sum(curLines, 'times'), fen: sum(curLines, 'fen') };
  const p = { fen: sum(prevLines, 'fen'), reversals: yearWide(db, year - 1, false).reversals };
  const zero = { persons: 0, households: 0, times: 0, fen: 0 };
  const byKind = kinds
    .filter((k) => cur.has(k.code) || prev.has(k.code))
    .map((k) => ({ ...zero, ...cur.get(k.code), kindCode: k.code, kind: k.name, prevFen: prev.get(k.code)?.fen ?? 0 }));

  const byAreaKind = prep(db, `SELECT p.area_id AS areaId, p.top_kind AS kindCode, count(DISTINCT p.person_id) AS persons, count(*) AS times, sum(p.amount_fen) AS fen
      ${PAID} GROUP BY p.top_kind, p.area_id`).all(String(year), 1) as AnnualReport['byAreaKind'];
  const areaIds = new Set(byAreaKind.map((a) => a.areaId));
  const areas = (prep(db, 'SELECT id AS areaId, name AS area FROM areas ORDER BY sort_order, id').all() as AnnualReport['areas']).filter((a) => areaIds.has(a.areaId));
  // Months from payment_totals (kept by the insert trigger, reconciled on the check screen): a lookup, not a scan.
  const months = new Map(
    (prep(db, `SELECT month, sum(CASE WHEN reversal = 0 THEN n ELSE 0 END) AS times, sum(CASE WHEN reversal = 0 THEN fen ELSE 0 END) AS fen,
        -sum(CASE WHEN reversal = 1 THEN fen ELSE 0 END) AS reversalFen FROM payment_totals WHERE month BETWEEN ? AND ? GROUP BY month`).all(
      `${year}-01`, `${year}-12`,
    ) as AnnualReport['byMonth']).map((m) => [m.month, m]),
  );
  const byMonth = Array.from({ length: 12 }, (_, i) => {
    const month = `${year}-${String(i + 1).padStart(2, '0')}`;
    return months.get(month) ?? { month, times: 0, fen: 0, reversalFen: 0 };
  });

  const registry = prep(db, `SELECT
      (SELECT count(*) FROM households WHERE created_at BETWEEN @from AND @to || 'T99') AS entered,
      (SELECT count(*) FROM households WHERE exited_on BETWEEN @from AND @to) AS left,
      (SELECT count(*) FROM households WHERE created_at <= @to || 'T99' AND (exited_on IS NULL OR exited_on > @to)) AS registeredAtEnd`).get({ from, to }) as AnnualReport['registry'];
  const applications = prep(db, `SELECT
      (SELECT count(*) FROM applications WHERE accepted_on BETWEEN @from AND @to) AS accepted,
      (SELECT count(*) FROM applications WHERE decided_on BETWEEN @from AND @to AND approved_fen IS NOT NULL) AS approved,
      (SELECT count(*) FROM applications WHERE decided_on BETWEEN @from AND @to AND state = 'rejected') AS rejected,
      (SELECT count(*) FROM application_steps WHERE action = 'withdraw' AND on_date BETWEEN @from AND @to) AS withdrawn,
      (SELECT count(*) FROM applications WHERE decided_on BETWEEN @from AND @to) AS decided,
      (SELECT count(*) FROM applications WHERE decided_on BETWEEN @from AND @to AND decided_on <= deadline) AS decidedInTime`).get({ from, to }) as AnnualReport['applications'];
  const pairing = prep(db, `SELECT
      (SELECT count(DISTINCT cadre_id) FROM pairings WHERE from_date <= @to AND (to_date IS NULL OR to_date >= @from)) AS cadres,
      (SELECT count(DISTINCT household_id) FROM pairings WHERE from_date <= @to AND (to_date IS NULL OR to_date >= @from)) AS households,
      (SELECT count(*) FROM visits WHERE visited_on BETWEEN @from AND @to) AS visits,
      (SELECT coalesce(sum(a.value_fen), 0) FROM visit_aid a JOIN visits v ON v.id = a.visit_id WHERE v.visited_on BETWEEN @from AND @to) AS aidFen,
      (SELECT count(*) FROM service_cards WHERE issued_on BETWEEN @from AND @to) AS cardsIssued`).get({ from, to }) as NonNullable<AnnualReport['pairing']>;

  const report = {
    year,
    byKind,
    reversals,
    total: { ...total, kind: '合计' },
    netFen: total.fen - reversals.fen,
    prevTotal: { fen: p.fen, netFen: p.fen - p.reversals.fen },
    areas,
    byAreaKind,
    byMonth,
    registry,
    applications,
    pairing: Object.values(pairing).some((n) => n > 0) ? pairing : null,
  };
  return { ...report, summary: annualSummary(report) };
}

const yuan = (fen: number) => fen / 100;

/** One sheet per table of the report; money as numbers in yuan (two decimals), 万元 beside the totals. */
async function reportXlsx(db: DB, year: number) {
  const r = annualReport(db, year);
  const center = getSetting(db, 'center', DEFAULT_CENTER).name;
  const wb = new ExcelJS.Workbook();
  const sheet = (name: string, title: string, header: string[], rows: (string | number)[][]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([`${center} ${year}年${title}`]).font = { bold: true, size: 13 };
    ws.addRow(header).font = { bold: true };
    rows.forEach((row) => ws.addRow(row));
    header.forEach((_, i) => (ws.getColumn(i + 1).width = i === 0 ? 22 : 14));
    header.forEach((h, i) => h.includes('（元）') && (ws.getColumn(i + 1).numFmt = '#,##0.00'));
  };
  sheet('按救助类别', '救助资金发放情况（按救助类别）', ['救助类别', '人数', '户数', '人次', '金额（元）', '金额（万元）', '上年金额（元）'], [
    ...r.byKind.map((k) => [k.kind, k.persons, k.households, k.times, yuan(k.fen), Number(formatWan(k.fen)), yuan(k.prevFen)]),
    ['本年冲正', '', '', r.reversals.times, -yuan(r.reversals.fen), -Number(formatWan(r.reversals.fen)), ''],
    ['合计（净发放）', r.total.persons, r.total.households, r.total.times, yuan(r.netFen), Number(formatWan(r.netFen)), yuan(r.prevTotal.netFen)],
  ]);
  const kinds = r.byKind.filter((k) => k.times > 0);
  sheet('按村社区', '救助资金发放情况（按村/社区）', ['村/社区', ...kinds.map((k) => `${k.kind}（元）`), '合计（元）'], r.areas.map((a) => {
    const cells = kinds.map((k) => yuan(r.byAreaKind.find((x) => x.areaId === a.areaId && x.kindCode === k.kindCode)?.fen ?? 0));
    return [a.area, ...cells, cells.reduce((s, c) => s + c, 0)];
  }));
  sheet('按月份', '救助资金发放情况（按月份）', ['月份', '人次', '发放金额（元）', '冲正金额（元）'], r.byMonth.map((m) => [m.month, m.times, yuan(m.fen), -yuan(m.reversalFen)]));
  const a = r.applications;
  sheet('申请办理', '救助申请办理情况', ['项目', '件数'], [['受理', a.accepted], ['批准', a.approved], ['不予批准', a.rejected], ['撤回', a.withdrawn], ['审结', a.decided], ['按时办结', a.decidedInTime]]);
  sheet('台账变动', '困难群众台账变动情况', ['项目', '户数'], [['新纳入', r.registry.entered], ['退出', r.registry.left], ['年末在册', r.registry.registeredAtEnd]]);
  if (r.pairing)
    sheet('结对帮扶', '结对帮扶情况', ['项目', '数量'], [['结对干部（名）', r.pairing.cadres], ['结对户（户）', r.pairing.households], ['走访（次）', r.pairing.visits],
      ['帮扶物资（元）', yuan(r.pairing.aidFen)], ['制发服务卡（张）', r.pairing.cardsIssued]]);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: `${year}年度救助统计.xlsx`, base64: buf.toString('base64'), rows: r.byKind.length };
}

export const reportHandlers = {
  'reports.annual': (ctx, input) => annualReport(ctx.db, input.year),
  'reports.xlsx': (ctx, input) => reportXlsx(ctx.db, input.year),
} satisfies Partial<Handlers>;
