// The report's tables, shared by the screen (numbers open the payments, cases or households behind them) and the
// A4 print (plain).
import type { ReactNode } from 'react';

import { formatWan, formatYuan } from '../../../shared/domain/money';
import { type ApplicationTally, areaTotals, changeText, type RegistryChange } from '../../../shared/domain/reports';
import type { AnnualReport, ReportSections } from '../../../shared/schemas/reports';

/** A year's sections beyond payments: the township's report, or the county's figures for one township. */
export type YearSections = ReportSections & { year: number };

/** Where a number leads: the payments grid with the filter that produced it. */
export type Drill = (
  filter: { kindCode?: string; areaId?: number; month?: string; reversed?: 'payments' | 'reversal' },
  label: ReactNode,
) => ReactNode;
export const plain: Drill = (_, label) => label;

const change = changeText;

export function KindTable({ r, drill }: { r: AnnualReport; drill: Drill }) {
  const n = (v: number) => v.toLocaleString('zh-CN');
  return (
    <table className="report-table" data-testid="kind-table">
      <thead>
        <tr>
          <th>救助类别</th>
          <th>人数</th>
          <th>户数</th>
          <th>人次</th>
          <th>金额（元）</th>
          <th>金额（万元）</th>
          <th>上年金额（元）</th>
          <th>增减</th>
        </tr>
      </thead>
      <tbody>
        {r.byKind.map((k) => {
          const f = { kindCode: k.kindCode, reversed: 'payments' as const };
          return (
            <tr key={k.kindCode}>
              <td>{k.kind}</td>
              <td className="num">{drill(f, n(k.persons))}</td>
              <td className="num">{drill(f, n(k.households))}</td>
              <td className="num">{drill(f, n(k.times))}</td>
              <td className="num">{drill(f, formatYuan(k.fen))}</td>
              <td className="num">{formatWan(k.fen)}</td>
              <td className="num">{formatYuan(k.prevFen)}</td>
              <td className="num">{change(k.fen, k.prevFen)}</td>
            </tr>
          );
        })}
        <tr className="sub">
          <td>本年冲正</td>
          <td />
          <td />
          <td className="num">{drill({ reversed: 'reversal' }, n(r.reversals.times))}</td>
          <td className="num">{drill({ reversed: 'reversal' }, formatYuan(-r.reversals.fen))}</td>
          <td className="num">{formatWan(-r.reversals.fen)}</td>
          <td />
          <td />
        </tr>
        <tr className="total">
          <td>合计（净发放）</td>
          <td className="num">{drill({ reversed: 'payments' }, n(r.total.persons))}</td>
          <td className="num">{drill({ reversed: 'payments' }, n(r.total.households))}</td>
          <td className="num">{drill({ reversed: 'payments' }, n(r.total.times))}</td>
          <td className="num">{drill({}, formatYuan(r.netFen))}</td>
          <td className="num">{formatWan(r.netFen)}</td>
          <td className="num">{formatYuan(r.prevTotal.netFen)}</td>
          <td className="num">{change(r.netFen, r.prevTotal.netFen)}</td>
        </tr>
      </tbody>
    </table>
  );
}

export function AreaTable({ r, drill }: { r: AnnualReport; drill: Drill }) {
  const kinds = r.byKind.filter((k) => k.times > 0);
  const cell = (areaId: number, kindCode: string) =>
    r.byAreaKind.find((x) => x.areaId === areaId && x.kindCode === kindCode);
  return (
    <table className="report-table" data-testid="area-table">
      <thead>
        <tr>
          <th>村/社区</th>
          {kinds.map((k) => (
            <th key={k.kindCode}>{k.kind}</th>
          ))}
          <th>合计</th>
        </tr>
      </thead>
      <tbody>
        {r.areas.map((a) => {
          const cells = kinds.map((k) => cell(a.areaId, k.kindCode));
          const fen = cells.reduce((s, c) => s + (c?.fen ?? 0), 0);
          return (
            <tr key={a.areaId}>
              <td>{a.area}</td>
              {cells.map((c, i) => (
                <td key={kinds[i].kindCode} className="num">
                  {c
                    ? drill(
                        { areaId: a.areaId, kindCode: kinds[i].kindCode, reversed: 'payments' },
                        `${formatYuan(c.fen)}（${c.persons}人）`,
                      )
                    : '—'}
                </td>
              ))}
              <td className="num">{drill({ areaId: a.areaId, reversed: 'payments' }, formatYuan(fen))}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Each area's year, all kinds together: the A4 print's table (the matrix above is too wide for the page). */
export function AreaTotalsTable({ r }: { r: AnnualReport }) {
  return (
    <table className="report-table" data-testid="area-totals">
      <thead>
        <tr>
          <th>村/社区</th>
          <th>人次</th>
          <th>金额（元）</th>
          <th>金额（万元）</th>
        </tr>
      </thead>
      <tbody>
        {areaTotals(r).map((a) => (
          <tr key={a.areaId}>
            <td>{a.area}</td>
            <td className="num">{a.times.toLocaleString('zh-CN')}</td>
            <td className="num">{formatYuan(a.fen)}</td>
            <td className="num">{formatWan(a.fen)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function MonthTable({ r, drill }: { r: AnnualReport; drill: Drill }) {
  return (
    <table className="report-table months" data-testid="month-table">
      <thead>
        <tr>
          <th>月份</th>
          {r.byMonth.map((m) => (
            <th key={m.month}>{Number(m.month.slice(5))}月</th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>人次</td>
          {r.byMonth.map((m) => (
            <td key={m.month} className="num">
              {drill({ month: m.month, reversed: 'payments' }, m.times)}
            </td>
          ))}
        </tr>
        <tr>
          <td>金额（元）</td>
          {r.byMonth.map((m) => (
            <td key={m.month} className="num">
              {drill({ month: m.month, reversed: 'payments' }, formatYuan(m.fen))}
            </td>
          ))}
        </tr>
        <tr>
          <td>冲正（元）</td>
          {r.byMonth.map((m) => (
            <td key={m.month} className="num">
              {m.reversalFen ? drill({ month: m.month, reversed: 'reversal' }, formatYuan(-m.reversalFen)) : '—'}
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}

/** Applications, registry and pairing; on the screen each number opens the grid of what it counts. */
export function OtherFigures({ r, links = false }: { r: YearSections; links?: boolean }) {
  const a = r.applications;
  const p = r.pairing;
  const open = (href: string, n: number | string) => (links ? <a href={href}>{n}</a> : n);
  const app = (t: ApplicationTally) => open(`#/applications?year=${r.year}&tally=${t}`, a[t]);
  const reg = (c: RegistryChange) => open(`#/ledger?year=${r.year}&change=${c}`, r.registry[c]);
  return (
    <table className="report-table" data-testid="other-table">
      <tbody>
        <tr>
          <th>救助申请</th>
          <td>
            受理 {app('accepted')} 件，批准 {app('approved')} 件，不予批准 {app('rejected')} 件，撤回 {app('withdrawn')}{' '}
            件；审结 {app('decided')} 件，按时办结 {app('decidedInTime')} 件
            {a.decided ? `（${((a.decidedInTime * 100) / a.decided).toFixed(1)}%）` : ''}
          </td>
        </tr>
        <tr>
          <th>台账变动</th>
          <td>
            新纳入 {reg('entered')} 户，退出 {reg('left')} 户，年末在册 {reg('registeredAtEnd')} 户
          </td>
        </tr>
        {p && (
          <tr>
            <th>结对帮扶</th>
            <td>
              {/* A fragment per figure: JSX would put a space at a line break inside the text. */}
              <>结对干部 {open(`#/pairings?year=${r.year}&figure=paired`, p.cadres)} 名，</>
              <>结对户 {open(`#/ledger?year=${r.year}&change=paired`, p.households)} 户，</>
              <>走访 {open(`#/pairings/visits?year=${r.year}&figure=visits`, p.visits)} 次，</>
              <>帮扶物资折合 {open(`#/pairings/visits?year=${r.year}&figure=visits`, formatYuan(p.aidFen))} 元，</>
              <>制发服务卡 {open(`#/cards?year=${r.year}&figure=issued`, p.cardsIssued)} 张</>
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
