// 救助金发放收据 (A5): amount in figures and in 大写, masked ID, signature line; a reversal prints as 冲正凭证.
import { amountInWords, formatYuan } from '../../shared/domain/money';
import { METHODS, voucherNo } from '../../shared/domain/payments';
import type { PaymentDetail } from '../../shared/schemas/payments';
import type { CenterSettings } from '../../shared/schemas/settings';
import { cnDate } from './CaseDocuments';

export function PaymentReceipt({ center, p }: { center: CenterSettings; p: PaymentDetail }) {
  const reversal = p.reversesId !== null;
  return (
    <div className="sheet a5">
      <h1>{reversal ? '救助金发放冲正凭证' : '救助金发放收据'}</h1>
      <div className="sub">
        {center.name}　凭证号：{voucherNo(p.id)}
      </div>
      <table className="kv">
        <tbody>
          <tr>
            <th>领款人</th>
            <td>
              {p.personName}　身份证号 {p.idNumber}
            </td>
          </tr>
          <tr>
            <th>户号</th>
            <td>
              {p.householdId}（{p.area}）
            </td>
          </tr>
          <tr>
            <th>救助类别</th>
            <td>
              {p.kind}（受理编号 {p.acceptanceNo}
              {p.forMonth ? `，${p.forMonth} 月` : ''}）
            </td>
          </tr>
          <tr>
            <th>金额（小写）</th>
            <td>
              <b>
                {reversal ? '-' : ''}¥{formatYuan(p.amountFen)}
              </b>
            </td>
          </tr>
          <tr>
            <th>金额（大写）</th>
            <td>
              <b>
                {reversal ? '负' : ''}人民币{amountInWords(p.amountFen)}
              </b>
            </td>
          </tr>
          <tr>
            <th>发放方式</th>
            <td>
              {METHODS[p.method]}
              {p.accountTail ? `（账号 ${p.accountTail}）` : '（窗口领取）'}
            </td>
          </tr>
          <tr>
            <th>{reversal ? '冲正日期' : '发放日期'}</th>
            <td>{cnDate(p.paidOn)}</td>
          </tr>
          {reversal && (
            <tr>
              <th>冲正原因</th>
              <td>
                {p.note}（原凭证号 {voucherNo(p.reversesId!)}）
              </td>
            </tr>
          )}
          {!reversal && p.note && (
            <tr>
              <th>备注</th>
              <td>{p.note}</td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="sign">
        <span>经办人：{p.postedBy}</span>
        <span>
          {reversal ? '审批人签字：' : '领款人签字（手印）：'}
          <span className="blank" />
        </span>
      </div>
      <div className="sign">
        <span />
        <span>{cnDate(p.paidOn)}（盖章）</span>
      </div>
    </div>
  );
}
