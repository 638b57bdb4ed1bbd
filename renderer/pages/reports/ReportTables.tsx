// The report's tables, shared by the screen (numbers open the payments behind them) and the A4 print (plain).
import type { ReactNode } from 'react';
import { formatWan, formatYuan } from '../../../shared/domain/money';
import type { AnnualReport } from '../../../shared/schemas/reports';

/** Where a number leads: the payments grid with the filter that produced it. */
export type Drill = (filter: { kindCode?: string; areaId?: number; month?: string; reversed?: 'payments' | 'reversal' }, label: ReactNode) => ReactNode;
export const plain: Drill = (_, label) => label;

const change = (cur: number, prev: number) => (prev === 0 ? (cur ? '新增' : '—') : `${cur >= prev ? '+' : ''}${(((cur - prev) * 100) / prev).toFixed(1)}%`);

export function KindTable({ r, drill }: { r: AnnualReport; drill: Drill }) {
  const n = (v: number) => v.toLocaleString('zh-CN');
  return (
    <table className="report-table" data-testid="kind-table">
      <thead>
        <tr><th>救助类别</th><th>人数</th><th>户数</th><th>人次</th><th>金额（元）</th><th>金额（万元）</th><th>上年金额（元）</th><th>增减</th></tr>
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
          <td>本年冲正</td><td /><td /><td className="num">{drill({ reversed: 'reversal' }, n(r.reversals.times))}</td>
          <td className="num">{drill({ reversed: 'reversal' }, formatYuan(-r.reversals.fen))}</td><td className="num">{formatWan(-r.reversals.fen)}</td><td /><td />
        </tr>
        <tr className="total">
          <td>合计（净发放）</td><td className="num">{drill({ reversed: 'payments' }, n(r.total.persons))}</td><td className="num">{drill({ reversed: 'payments' }, n(r.total.households))}</td>
          <td className="num">{drill({ reversed: 'payments' }, n(r.total.times))}</td><td className="num">{drill({}, formatYuan(r.netFen))}</td>
          <td className="num">{formatWan(r.netFen)}</td><td className="num">{formatYuan(r.prevTotal.netFen)}</td><td className="num">{change(r.netFen, r.prevTotal.netFen)}</td>
        </tr>
      </tbody>
    </table>
  );
}

export function AreaTable({ r, drill }: { r: AnnualReport; drill: Drill }) {
  const kinds = r.byKind.filter((k) => k.times > 0);
  const cell = (areaId: number, kindCode: string) => r.byAreaKind.find((x) => x.areaId === areaId && x.kindCode === kindCode);
  return (
    <table className="report-table" data-testid="area-table">
      <thead>
        <tr><th>村/社区</th>{kinds.map((k) => <th key={k.kindCode}>{k.kind}</th>)}<th>合计</th></tr>
      </thead>
      <tbody>
        {r.areas.map((a) => {
          const cells = kinds.map((k) => cell(a.areaId, k.kindCode));
          const fen = cells.reduce((s, c) => s + (c?.fen ?? 0), 0);
          return (
            <tr key={a.areaId}>
              <td>{a.area}</td>
              {cells.map((c, i) => (
                <td key={kinds[i].kindCode} className="num">{c ? drill({ areaId: a.areaId, kindCode: kinds[i].kindCode, reversed: 'payments' }, `${formatYuan(c.fen)}（${c.persons}人）`) : '—'}</td>
              ))}
              <td className="num">{drill({ areaId: a.areaId, reversed: 'payments' }, formatYuan(fen))}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function MonthTable({ r, drill }: { r: AnnualReport; drill: Drill }) {
  return (
    <table className="report-table months" data-testid="month-table">
      <thead><tr><th>月份</th>{r.byMonth.map((m) => <th key={m.month}>{Number(m.month.slice(5))}月</th>)}</tr></thead>
      <tbody>
        <tr><td>人次</td>{r.byMonth.map((m) => <td key={m.month} className="num">{drill({ month: m.month, reversed: 'payments' }, m.times)}</td>)}</tr>
        <tr><td>金额（元）</td>{r.byMonth.map((m) => <td key={m.month} className="num">{drill({ month: m.month, reversed: 'payments' }, formatYuan(m.fen))}</td>)}</tr>
        <tr><td>冲正（元）</td>{r.byMonth.map((m) => <td key={m.month} className="num">{m.reversalFen ? drill({ month: m.month, reversed: 'reversal' }, formatYuan(-m.reversalFen)) : '—'}</td>)}</tr>
      </tbody>
    </table>
  );
}

export function OtherFigures({ r }: { r: AnnualReport }) {
  const a = r.applications;
  return (
    <table className="report-table" data-testid="other-table">
      <tbody>
        <tr><th>救助申请</th><td>受理 {a.accepted} 件，批准 {a.approved} 件，不予批准 {a.rejected} 件，撤回 {a.withdrawn} 件；审结 {a.decided} 件，按时办结 {a.decidedInTime} 件{a.decided ? `（${((a.decidedInTime * 100) / a.decided).toFixed(1)}%）` : ''}</td></tr>
        <tr><th>台账变动</th><td>新纳入 {r.registry.entered} 户，退出 {r.registry.left} 户，年末在册 {r.registry.registeredAtEnd} 户</td></tr>
        {r.pairing && <tr><th>结对帮扶</th><td>结对干部 {r.pairing.cadres} 名，结对户 {r.pairing.households} 户，走访 {r.pairing.visits} 次，帮扶物资折合 {formatYuan(r.pairing.aidFen)} 元，制发服务卡 {r.pairing.cardsIssued} 张</td></tr>}
      </tbody>
    </table>
  );
}
