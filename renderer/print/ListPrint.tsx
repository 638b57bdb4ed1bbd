// A list's filtered rows on A4 (发放记录, 走访记录, 救助申请, 微心愿, 意见建议, 纠纷): the center's name and the filter
// in the heading, the cells as main laid them out (masked there), the page number in the footer.
import type { ListPrint as ListData } from '../../shared/schemas/common';
import { call } from '../api';

/** The lists that print, each by its `<list>.print` channel; the route is #/print/list/<list>?f=<filters as JSON>. */
const CHANNELS = {
  payments: 'payments.print',
  visits: 'visits.print',
  applications: 'applications.print',
  wishes: 'wishes.print',
  suggestions: 'suggestions.print',
  disputes: 'disputes.print',
} as const;
export type PrintedList = keyof typeof CHANNELS;

/** The route that prints a list with these filters (what its grid shows, paging aside). */
export const listPrintRoute = (list: PrintedList, filters: object) =>
  `/print/list/${list}?f=${encodeURIComponent(JSON.stringify(filters))}`;

export async function loadList(list: string, f: string | null): Promise<ListData | null> {
  if (!(list in CHANNELS)) return null;
  let filters: unknown = {};
  try {
    filters = f ? JSON.parse(f) : {};
  } catch {
    return null;
  }
  // Each channel takes its own list's filters; main validates them as it does the grid's.
  const r = await call(CHANNELS[list as PrintedList], filters as never);
  return r.ok ? r.value : null;
}

/** Amounts in yuan (1,234.50) line up on the right like numbers. */
const MONEY = /^-?[\d,]+\.\d{2}$/;

export function ListPrint({ data }: { data: ListData }) {
  return (
    <div className="sheet a4 landscape list-print">
      <h1>{data.title}</h1>
      <div className="sub">
        {data.center}　筛选：{data.filter}　共 {data.total} 条　打印日期 {data.day}
      </div>
      <table className="list">
        <thead>
          <tr>
            <th>序号</th>
            {data.headers.map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((r, i) => (
            <tr key={i}>
              <td>{i + 1}</td>
              {r.map((c, j) => (
                <td key={j} className={typeof c === 'number' || MONEY.test(c ?? '') ? 'num' : undefined}>
                  {c ?? ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {data.rows.length === 0 && <p>没有符合筛选条件的记录。</p>}
      {data.rows.length < data.total && (
        <div className="note">
          只打印了前 {data.rows.length} 条（共 {data.total} 条）。请缩小筛选范围分批打印，或导出 Excel。
        </div>
      )}
    </div>
  );
}
