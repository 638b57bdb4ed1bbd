// 人民调解协议书 and 调解笔录 on A4, in the usual layout: the parties, the facts, what was agreed (or said), and the
// lines where the parties, the mediators and the recorder sign. The 协议书 carries ID numbers and phones whole only
// for the roles that see them (main decides); the 笔录 carries none.
import { PARTY_ROLES } from '../../shared/domain/disputes';
import { chineseCount } from '../../shared/domain/text';
import type { AgreementPrint, DisputeDetail } from '../../shared/schemas/disputes';
import type { CenterSettings } from '../../shared/schemas/settings';
import { cnDate } from './CaseDocuments';

/** What the clerk typed, a paragraph per line, each indented as a document's paragraphs are. */
function Lines({ text }: { text: string | null }) {
  return (text ?? '').split('\n').map((line, i) => (
    <p className="indent-line" key={i}>
      {line}
    </p>
  ));
}

/** The committee that seals it: 城关镇人民调解委员会 for 城关镇便民服务中心. */
const committee = (center: CenterSettings) => `${center.name.replace(/便民服务中心$/, '')}人民调解委员会`;

function Signatures({ d, recorder }: { d: DisputeDetail; recorder?: string }) {
  return (
    <table className="signatures">
      <tbody>
        {d.partyList.map((p) => (
          <tr key={p.seq}>
            <th>{PARTY_ROLES[p.role]}（签名、按指印）</th>
            <td>{p.name}</td>
            <td className="blank" />
          </tr>
        ))}
        {d.mediatorList.map((m) => (
          <tr key={m.id}>
            <th>人民调解员（签名）</th>
            <td>{m.name}</td>
            <td className="blank" />
          </tr>
        ))}
        {recorder !== undefined && (
          <tr>
            <th>记录人（签名）</th>
            <td>{recorder}</td>
            <td className="blank" />
          </tr>
        )}
      </tbody>
    </table>
  );
}

export function AgreementDoc({ center, a }: { center: CenterSettings; a: AgreementPrint }) {
  const d = a.detail;
  return (
    <div className="sheet a4 dispute-doc">
      <h1>人民调解协议书</h1>
      <div className="doc-no">{d.agreementNo}</div>
      <table className="kv parties">
        <tbody>
          {d.partyList.map((p) => (
            <tr key={p.seq}>
              <th>{PARTY_ROLES[p.role]}</th>
              <td>
                {p.name}
                {p.idNumber && `　身份证号：${p.idNumber}`}
                {p.phone && `　联系电话：${p.phone}`}
                {p.address && (
                  <>
                    <br />
                    住址：{p.address}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>纠纷主要事实、争议事项</h2>
      <Lines text={d.facts} />
      {d.responsibilities && (
        <>
          <h2>责任认定</h2>
          <Lines text={d.responsibilities} />
        </>
      )}
      <h2>经{committee(center)}调解，各方当事人自愿达成如下协议</h2>
      <Lines text={d.terms} />
      <h2>履行方式、时限和地点</h2>
      <Lines text={d.performance} />
      <p className="indent">
        本协议自各方当事人签名（按指印）、人民调解员签名并加盖人民调解委员会印章之日起生效。本协议书一式
        {d.copies === null ? '' : chineseCount(d.copies)}份，当事人各执一份，人民调解委员会留存一份。
      </p>
      <Signatures d={d} />
      <div className="seal">
        <div>{committee(center)}（印章）</div>
        <div>{d.concludedOn && cnDate(d.concludedOn)}</div>
      </div>
    </div>
  );
}

export function SessionRecord({ d, sessionId }: { d: DisputeDetail; sessionId: number }) {
  const n = d.sessions.findIndex((s) => s.id === sessionId);
  const s = d.sessions[n];
  if (!s)
    return (
      <div className="sheet a4">
        <h1>调解笔录</h1>
        <p>找不到这次调解记录。</p>
      </div>
    );
  const side = (role: 'applicant' | 'respondent') =>
    d.partyList
      .filter((p) => p.role === role)
      .map((p) => p.name)
      .join('、');
  return (
    <div className="sheet a4 dispute-doc">
      <h1>调解笔录</h1>
      <div className="doc-no">
        纠纷编号 {d.id}　第 {n + 1} 次调解
      </div>
      <table className="kv">
        <tbody>
          <tr>
            <th>时间</th>
            <td>{cnDate(s.heldOn)}</td>
            <th>地点</th>
            <td>{s.place}</td>
          </tr>
          <tr>
            <th>调解员</th>
            <td>{d.mediators}</td>
            <th>记录人</th>
            <td>{s.recorder}</td>
          </tr>
          <tr>
            <th>申请人</th>
            <td>{side('applicant')}</td>
            <th>被申请人</th>
            <td>{side('respondent')}</td>
          </tr>
          <tr>
            <th>参加人员</th>
            <td colSpan={3}>{s.attendees}</td>
          </tr>
          <tr>
            <th>纠纷事由</th>
            <td colSpan={3}>
              {d.type}：{d.facts}
            </td>
          </tr>
        </tbody>
      </table>
      <h2>调解经过</h2>
      <Lines text={s.statements} />
      {s.proposal && (
        <>
          <h2>调解意见</h2>
          <Lines text={s.proposal} />
        </>
      )}
      <p className="indent">以上笔录经当事人阅读（或向其宣读），确认无误。</p>
      <Signatures d={d} recorder={s.recorder} />
    </div>
  );
}
