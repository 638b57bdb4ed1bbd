// A county screen on A4 (全县总数, 乡镇对比, 跨乡镇核查, 一致性核对, 乡镇登记, 县级备注): the route
// #/print/rollup/<screen>?year=…&<what the screen shows>, laid out by main (county/screens.ts, the same tables as its
// .xlsx) and audited there as a print. The county's name and the scope in the heading, each table with its header
// repeated on every page, names kept on one line, the signature lines under it.
import './rollupPrint.css';

import { cnDay } from '../../shared/domain/time';
import type { RollupPrint as Doc } from '../../shared/schemas/rollup';
import { call } from '../api';

/** What the route asks main for: the screen and the query as the screen's own (RollupOut's rollupPrintRoute). */
export async function loadRollup(screen: string, params: URLSearchParams): Promise<Doc | null> {
  const input = Object.fromEntries([...params.entries()].map(([k, v]) => [k, k === 'year' ? Number(v) : v]));
  const r = await call('rollup.print', { ...input, screen } as never);
  return r.ok ? r.value : null;
}

type Table = Doc['tables'][number];

/** A table's rows (or its 合计): numbers on the right, short text whole on its line. */
function Rows({ table, rows }: { table: Table; rows: Table['rows'] }) {
  return rows.map((r, i) => (
    <tr key={i}>
      {r.map((c, j) => (
        <td key={j} className={table.numeric.includes(j) ? 'num' : table.short.includes(j) ? 'name' : undefined}>
          {c ?? ''}
        </td>
      ))}
    </tr>
  ));
}

export function RollupPrint({ data }: { data: Doc }) {
  return (
    <div className={`sheet a4 rollup-print${data.landscape ? ' landscape' : ''}`} data-testid="rollup-print">
      <h1>{data.title}</h1>
      <div className="sub">
        {data.center}　{data.subtitle}　<span className="nowrap">打印日期 {data.day}</span>
      </div>
      {data.tables.map((t) => (
        <section key={t.title}>
          {data.tables.length > 1 && <h3>{t.title}</h3>}
          <table className="list">
            <thead>
              <tr>
                {t.headers.map((h) => (
                  <th key={h}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              <Rows table={t} rows={t.rows} />
              {t.rows.length === 0 && (
                <tr>
                  <td colSpan={t.headers.length}>没有记录。</td>
                </tr>
              )}
            </tbody>
            {t.foot.length > 0 && (
              <tfoot>
                <Rows table={t} rows={t.foot} />
              </tfoot>
            )}
          </table>
        </section>
      ))}
      {data.note && <div className="note">说明：{data.note}</div>}
      <div className="sign">
        <span>制表人：</span>
        <span>审核人：</span>
        <span>日期：{cnDay(data.day)}</span>
      </div>
    </div>
  );
}
