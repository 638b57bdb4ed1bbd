// The 年度救助统计 paragraph, written from the report's own figures in the style of a township work report.
// Kinds with no payments are left out, never printed as zero.
import type { AnnualReport } from '../schemas/reports';
import { successRate } from './disputes';
import { formatWan, formatYuan } from './money';

const pct = (part: number, whole: number) => `${((part * 100) / whole).toFixed(1)}%`;

export function annualSummary(r: Omit<AnnualReport, 'summary'>): string {
  const paid = r.byKind.filter((k) => k.times > 0);
  const out: string[] = [];
  if (paid.length === 0) out.push(`${r.year}年，暂无救助资金发放。`);
  else {
    out.push(
      `${r.year}年，共为${paid.map((k) => `${k.persons}人发放${k.kind === '其他' ? '其他救助' : k.kind}`).join('，')}，合计惠及${r.total.persons}人、${r.total.households}户，` +
        `全年发放救助资金${formatYuan(r.total.fen)}元（${formatWan(r.total.fen)}万元）。`,
    );
    if (r.reversals.times > 0)
      out.push(
        `本年冲正${r.reversals.times}笔、${formatYuan(r.reversals.fen)}元，净发放${formatYuan(r.netFen)}元（${formatWan(r.netFen)}万元）。`,
      );
    if (r.prevTotal.netFen > 0) {
      const d = r.netFen - r.prevTotal.netFen;
      out.push(
        d === 0
          ? '与上年持平。'
          : `比上年${d > 0 ? '增加' : '减少'}${formatYuan(Math.abs(d))}元（${pct(Math.abs(d), r.prevTotal.netFen)}）。`,
      );
    }
  }
  const a = r.applications;
  if (a.accepted + a.decided + a.withdrawn > 0)
    out.push(
      `全年受理救助申请${a.accepted}件，批准${a.approved}件，不予批准${a.rejected}件${a.withdrawn ? `，撤回${a.withdrawn}件` : ''}` +
        (a.decided
          ? `；审结的${a.decided}件中按时办结${a.decidedInTime}件，按时办结率${pct(a.decidedInTime, a.decided)}。`
          : '。'),
    );
  const p = r.pairing;
  if (p)
    out.push(
      `${p.cadres}名干部与${p.households}户困难群众结对帮扶，全年走访${p.visits}次` +
        `${p.aidFen ? `，送去帮扶物资折合${formatYuan(p.aidFen)}元` : ''}${p.cardsIssued ? `，制发便民服务卡${p.cardsIssued}张` : ''}。`,
    );
  const w = r.wishes;
  if (w)
    out.push(
      `全年征集群众微心愿${w.total.collected}个，审定采纳${w.total.accepted}个，已认领${w.total.claimed}个、实现${w.total.fulfilled}个` +
        `${w.avgDays !== null ? `，从征集到实现平均${w.avgDays}天` : ''}。`,
    );
  const g = r.suggestions;
  if (g)
    out.push(
      `收集群众意见建议${g.total.collected}条${g.total.onTheSpot ? `（其中当场答复${g.total.onTheSpot}条）` : ''}，` +
        `办结${g.total.closed}条，解决${g.total.resolved}条，解决率${pct(g.total.resolved, g.total.collected)}` +
        `${g.total.overdue ? `；超期${g.total.overdue}条` : ''}。`,
    );
  const d = r.disputes?.total;
  if (d)
    out.push(
      `排查调处各类矛盾纠纷${d.accepted}件，调解成功${d.settled}件（成功率${successRate(d)}），` +
        `达成口头协议${d.oral}件，书面协议${d.written}件，涉及人员${d.persons}人` +
        `${d.amount ? `，涉及金额${wan(d.amount)}万元` : ''}。`,
    );
  return out.join('');
}

/** 万元 as a report writes it: 110, 110.5, 0.35 (no trailing zeros). */
export const wan = (fen: number): string => formatWan(fen).replace(/\.?0+$/, '');

/** The year's registry figures; each opens the households grid on the same condition (householdList.ts). */
export const REGISTRY_CHANGES = ['entered', 'left', 'registeredAtEnd'] as const;
export type RegistryChange = (typeof REGISTRY_CHANGES)[number];
export const REGISTRY_CHANGE_LABELS: Record<RegistryChange, string> = {
  entered: '新纳入',
  left: '退出',
  registeredAtEnd: '年末在册',
};
/** The households grid also opens on the report's 结对户: households with a cadre at some time in the year. */
export const HOUSEHOLD_FIGURES = [...REGISTRY_CHANGES, 'paired'] as const;
export type HouseholdFigure = (typeof HOUSEHOLD_FIGURES)[number];
export const HOUSEHOLD_FIGURE_LABELS: Record<HouseholdFigure, string> = {
  ...REGISTRY_CHANGE_LABELS,
  paired: '结对帮扶',
};

/** The year's application figures; each opens the applications grid on the same condition (applicationList.ts). */
export const APPLICATION_TALLIES = [
  'accepted',
  'approved',
  'rejected',
  'withdrawn',
  'decided',
  'decidedInTime',
] as const;
export type ApplicationTally = (typeof APPLICATION_TALLIES)[number];
export const APPLICATION_TALLY_LABELS: Record<ApplicationTally, string> = {
  accepted: '受理',
  approved: '批准',
  rejected: '不予批准',
  withdrawn: '撤回',
  decided: '审结',
  decidedInTime: '按时办结',
};

/**
 * The month chart's ECharts option, one definition for the screen, the A4 print and the .docx picture (drawn in main
 * by ECharts' server-side SVG renderer). Plain data: no ECharts import here.
 */
export function monthChartOption(months: AnnualReport['byMonth'], fontFamily = 'Noto Sans CJK SC, sans-serif') {
  return {
    animation: false,
    textStyle: { fontFamily },
    legend: { data: ['发放金额（元）', '人次'], top: 0 },
    grid: { left: 70, right: 50, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: months.map((m) => `${Number(m.month.slice(5))}月`) },
    yAxis: [
      { type: 'value', name: '元' },
      { type: 'value', name: '人次', splitLine: { show: false } },
    ],
    series: [
      {
        name: '发放金额（元）',
        type: 'bar',
        data: months.map((m) => m.fen / 100),
        itemStyle: { color: '#c8161d' },
        barMaxWidth: 28,
      },
      {
        name: '人次',
        type: 'line',
        yAxisIndex: 1,
        data: months.map((m) => m.times),
        itemStyle: { color: '#1f4e99' },
      },
    ],
  };
}

/** A year's change against the last, as the report's 增减 column writes it. */
export const changeText = (cur: number, prev: number): string =>
  prev === 0 ? (cur ? '新增' : '—') : `${cur >= prev ? '+' : ''}${(((cur - prev) * 100) / prev).toFixed(1)}%`;

/** Each area's payments of the year, all kinds together: the print and the Word summary (the matrix is too wide). */
export function areaTotals(r: AnnualReport): { areaId: number; area: string; times: number; fen: number }[] {
  return r.areas.map((a) => {
    const lines = r.byAreaKind.filter((x) => x.areaId === a.areaId);
    return {
      ...a,
      times: lines.reduce((s, c) => s + c.times, 0),
      fen: lines.reduce((s, c) => s + c.fen, 0),
    };
  });
}
