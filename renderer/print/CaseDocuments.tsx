// 受理回执, 一次性告知单 and 不予批准通知书 for one case.
import { formatYuan } from '../../shared/domain/money';
import { cnDay } from '../../shared/domain/time';
import type { ApplicationDetail } from '../../shared/schemas/applications';
import type { CenterSettings } from '../../shared/schemas/settings';

export const cnDate = cnDay;

function Contact({ center }: { center: CenterSettings }) {
  return (
    <div className="note">
      {center.name}
      {center.address && `　地址：${center.address}`}
      <br />
      服务热线：{center.hotline || '—'}　办公时间：{center.officeHours}
    </div>
  );
}

export function Receipt({ center, a }: { center: CenterSettings; a: ApplicationDetail }) {
  return (
    <div className="sheet a5">
      <h1>受理回执</h1>
      <div className="sub">
        {center.name}　受理编号：{a.acceptanceNo}
      </div>
      <table className="kv">
        <tbody>
          <tr>
            <th>申请人</th>
            <td>
              {a.personName}（户号 {a.householdId}，{a.area}）
            </td>
          </tr>
          <tr>
            <th>申请事项</th>
            <td>{a.kind}</td>
          </tr>
          <tr>
            <th>申请金额</th>
            <td>{formatYuan(a.requestedFen)} 元</td>
          </tr>
          <tr>
            <th>受理日期</th>
            <td>{cnDate(a.acceptedOn)}</td>
          </tr>
          <tr>
            <th>已收材料</th>
            <td>
              {a.materialsReceived.length ? (
                <ol>
                  {a.materialsReceived.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ol>
              ) : (
                '无'
              )}
            </td>
          </tr>
          {a.materialsMissing.length > 0 && (
            <tr>
              <th>待补材料</th>
              <td>{a.materialsMissing.join('、')}（详见一次性告知单）</td>
            </tr>
          )}
          <tr>
            <th>办结时限</th>
            <td>{cnDate(a.deadline)}前（法定工作日计算）</td>
          </tr>
        </tbody>
      </table>
      <div className="note">您的申请已受理。办理进度可凭受理编号向本中心查询。</div>
      <Contact center={center} />
      <div className="sign">
        <span>受理人：{a.registeredBy}</span>
        <span>{cnDate(a.acceptedOn)}（盖章）</span>
      </div>
    </div>
  );
}

export function MaterialsNotice({ center, a }: { center: CenterSettings; a: ApplicationDetail }) {
  return (
    <div className="sheet a5">
      <h1>一次性告知单</h1>
      <div className="sub">
        {center.name}　受理编号：{a.acceptanceNo}
      </div>
      <p style={{ fontSize: '11pt', lineHeight: 1.8 }}>
        {a.personName}：您于{cnDate(a.acceptedOn)}申请的<b>{a.kind}</b>，尚缺以下材料，请一次性补齐后交到本中心窗口：
      </p>
      <table className="kv">
        <tbody>
          {a.materialsMissing.map((m, i) => (
            <tr key={m}>
              <th>第 {i + 1} 项</th>
              <td>{m}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="note">材料补齐后，按原受理编号继续办理，办结时限为{cnDate(a.deadline)}。</div>
      <Contact center={center} />
      <div className="sign">
        <span>经办人：{a.registeredBy}</span>
        <span>{cnDate(a.acceptedOn)}（盖章）</span>
      </div>
    </div>
  );
}

export function RejectionNotice({ center, a }: { center: CenterSettings; a: ApplicationDetail }) {
  const step = [...a.steps].reverse().find((s) => s.action === 'reject');
  return (
    <div className="sheet a4">
      <h1>不予批准通知书</h1>
      <div className="sub">受理编号：{a.acceptanceNo}</div>
      <div className="letter">
        <p>{a.personName}：</p>
        <p className="indent">
          您于{cnDate(a.acceptedOn)}提出的{a.kind}申请，经调查审核，决定不予批准。理由如下：
        </p>
        <p className="indent">{String(step?.detail.reason ?? '')}</p>
        <p className="indent">
          如对本决定有异议，可自收到本通知书之日起六十日内向上一级民政部门申请复核，或依法申请行政复议。
        </p>
      </div>
      <Contact center={center} />
      <div className="sign">
        <span />
        <span>
          {center.name}（盖章）
          <br />
          {cnDate(step?.onDate ?? a.acceptedOn)}
        </span>
      </div>
    </div>
  );
}
