// The report's tables, shared by the screen (numbers open the payments, cases or households behind them) and the
// A4 print (plain).
import type { ReactNode } from 'react';

import { formatWan, formatYuan } from '../../../shared/domain/money';
import { type ApplicationTally, areaTotals, type RegistryChange } from '../../../shared/domain/reports';
import type { AnnualReport, ReportSections } from '../../../shared/schemas/reports';
import { FiguresTable, KindFigures } from '../../components/FiguresTable';

/** A year's sections beyond payments: the township's report, or the county's figures for one township. */
export type YearSections = ReportSections & { year: number };

/** Where a number leads: the payments grid with the filter that produced it. */
export type Drill = (
  filter: { kindCode?: string; areaId?: number; month?: string; reversed?: 'payments' | 'reversal' },
  label: ReactNode,
) => ReactNode;
export const plain: Drill = (_, label) => label;

export function KindTable({ r, drill }: { r: AnnualReport; drill: Drill }) {
  return (
    <KindFigures
      testId="kind-table"
      kinds={r.byKind}
      reversals={r.reversals}
      total={{ ...r.total, label: '合计（净发放）', fen: r.netFen, prevFen: r.prevTotal.netFen }}
      drill={drill}
    />
  );
}

export function AreaTable({ r, drill }: { r: AnnualReport; drill: Drill }) {
  const kinds = r.byKind.filter((k) => k.times > 0);
  const cell = (areaId: number, kindCode: string) =>
    r.byAreaKind.find((x) => x.areaId === areaId && x.kindCode === kindCode);
  return (
    <FiguresTable
      testId="area-table"
      head={['村/社区', ...kinds.map((k) => k.kind), '合计']}
      rows={r.areas.map((a) => {
        const cells = kinds.map((k) => cell(a.areaId, k.kindCode));
        const fen = cells.reduce((s, c) => s + (c?.fen ?? 0), 0);
        return {
          key: a.areaId,
          label: a.area,
          // A village's name on one line: squeezed by the kinds' columns it stood one character a line.
          labelStyle: { whiteSpace: 'nowrap' },
          cells: [
            ...cells.map((c, i) =>
              c
                ? drill(
                    { areaId: a.areaId, kindCode: kinds[i].kindCode, reversed: 'payments' },
                    `${formatYuan(c.fen)}（${c.persons}人）`,
                  )
                : '—',
            ),
            drill({ areaId: a.areaId, reversed: 'payments' }, formatYuan(fen)),
          ],
        };
      })}
    />
  );
}

/** Each area's year, all kinds together: the A4 print's table (the matrix above is too wide for the page). */
export function AreaTotalsTable({ r }: { r: AnnualReport }) {
  return (
    <FiguresTable
      testId="area-totals"
      head={['村/社区', '人次', '金额（元）', '金额（万元）']}
      rows={areaTotals(r).map((a) => ({
        key: a.areaId,
        label: a.area,
        cells: [a.times.toLocaleString('zh-CN'), formatYuan(a.fen), formatWan(a.fen)],
      }))}
    />
  );
}

export function MonthTable({ r, drill }: { r: AnnualReport; drill: Drill }) {
  const payments = (m: { month: string }) => ({ month: m.month, reversed: 'payments' as const });
  return (
    <FiguresTable
      testId="month-table"
      className="months"
      head={['月份', ...r.byMonth.map((m) => `${Number(m.month.slice(5))}月`)]}
      rows={[
        { key: 'times', label: '人次', cells: r.byMonth.map((m) => drill(payments(m), m.times)) },
        { key: 'fen', label: '金额（元）', cells: r.byMonth.map((m) => drill(payments(m), formatYuan(m.fen))) },
        {
          key: 'reversals',
          label: '冲正（元）',
          cells: r.byMonth.map((m) =>
            m.reversalFen ? drill({ month: m.month, reversed: 'reversal' }, formatYuan(-m.reversalFen)) : '—',
          ),
        },
      ]}
    />
  );
}

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
