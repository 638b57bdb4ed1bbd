// 发放花名册 (A4): the same header on every page, a fixed number of rows per page so each page carries its own
// subtotal, the grand total in figures and 大写 on the last, 第 X 页 / 共 Y 页, and a signature column.
import { amountInWords, formatYuan } from '../../shared/domain/money';
import { monthCn } from '../../shared/domain/time';
import type { BatchLine, Roster as RosterData } from '../../shared/schemas/payments';
import type { CenterSettings } from '../../shared/schemas/settings';

/** Rows per page: the signature column needs a tall row; eighteen fit with the header and totals on A4. */
export const ROWS_PER_PAGE = 18;

const sum = (rows: BatchLine[]) => rows.reduce((s, l) => s + l.amountFen, 0);

export function Roster({ center, data }: { center: CenterSettings; data: RosterData }) {
  const { batch, rows } = data;
  const pages: BatchLine[][] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_PAGE) pages.push(rows.slice(i, i + ROWS_PER_PAGE));
  if (pages.length === 0) pages.push([]);
  const total = sum(rows);
  return (
    <>
      {pages.map((page, n) => (
        <section key={n} className="sheet a4 roster-page">
          <h1>{monthCn(batch.month)}补贴发放花名册</h1>
          <div className="sub">
            {center.name}　批次号：{batch.batchNo ?? `草稿 ${batch.id}（未过账）`}　村/社区：{data.area ?? '全部'}
            　发放日期：{batch.paidOn ?? '—'}　单位：元
          </div>
          <table className="list roster">
            <colgroup>
              {['seq', 'area', 'name', 'id', 'kind', 'amount', 'account', 'sign', 'note'].map((c) => (
                // Prefixed: a bare "sign" is the signature block's class, and display: flex took this column away.
                <col key={c} className={`col-${c}`} />
              ))}
            </colgroup>
            <thead>
              <tr>
                <th>序号</th>
                <th>村/社区</th>
                <th>姓名</th>
                <th>身份证号</th>
                <th>救助类别</th>
                <th>金额</th>
                <th>账号后四位</th>
                <th>签字（手印）</th>
                <th>备注</th>
              </tr>
            </thead>
            <tbody>
              {page.map((l, i) => (
                <tr key={`${l.entitlementId}-${l.forMonth}`}>
                  <td className="num">{n * ROWS_PER_PAGE + i + 1}</td>
                  <td>{l.area}</td>
                  <td className={`wrap${[...l.personName].length > 12 ? ' long' : ''}`}>{l.personName}</td>
                  <td className="mono">{l.idNumber}</td>
                  <td className="wrap">{l.kind}</td>
                  <td className="num">{formatYuan(l.amountFen)}</td>
                  <td className="mono">{l.accountTail}</td>
                  <td />
                  <td className="wrap">{l.forMonth !== batch.month ? `补发${l.forMonth}` : ''}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td colSpan={5}>本页小计：{page.length} 人</td>
                <td className="num">{formatYuan(sum(page))}</td>
                <td colSpan={3} />
              </tr>
              {n === pages.length - 1 && (
                <>
                  <tr>
                    <td colSpan={5}>合计：{rows.length} 人</td>
                    <td className="num">{formatYuan(total)}</td>
                    <td colSpan={3} />
                  </tr>
                  <tr>
                    <td colSpan={9}>合计金额（大写）：人民币{amountInWords(total)}</td>
                  </tr>
                </>
              )}
            </tfoot>
          </table>
          <div className="roster-foot">
            <span>制表人：{batch.madeBy}</span>
            <span>审批人：{batch.approvedBy ?? ''}</span>
            <span>
              第 {n + 1} 页 / 共 {pages.length} 页
            </span>
          </div>
        </section>
      ))}
    </>
  );
}
