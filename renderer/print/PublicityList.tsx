// 公示名单: one page per area; name, kind, amount and the publicity dates — never an ID number or a phone.
import { formatYuan } from '../../shared/domain/money';
import type { PublicityRow } from '../../shared/schemas/applications';
import type { CenterSettings } from '../../shared/schemas/settings';

export function PublicityList({
  center,
  data,
}: {
  center: CenterSettings;
  data: { day: string; rows: PublicityRow[] };
}) {
  const areas = [...new Set(data.rows.map((r) => r.area))];
  if (areas.length === 0)
    return (
      <div className="sheet a4">
        <h1>救助对象公示名单</h1>
        <p>目前没有处于公示期的申请。</p>
      </div>
    );
  return (
    <>
      {areas.map((area) => {
        const rows = data.rows.filter((r) => r.area === area);
        return (
          <div className="sheet a4 area-block" key={area}>
            <h1>救助对象公示名单</h1>
            <div className="sub">
              {center.name}　{area}　{data.day}
            </div>
            <table className="list">
              <thead>
                <tr>
                  <th>序号</th>
                  <th>村/社区</th>
                  <th>姓名</th>
                  <th>救助类别</th>
                  <th>申请金额（元）</th>
                  <th>公示期</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={r.acceptanceNo}>
                    <td>{i + 1}</td>
                    <td>{r.area}</td>
                    <td>{r.personName}</td>
                    <td>{r.kind}</td>
                    <td className="num">{formatYuan(r.requestedFen)}</td>
                    <td>
                      {r.publicityFrom} 至 {r.publicityTo}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="note">
              公示期内，如对以上对象有异议，请向{center.name}反映。{center.hotline && `服务热线：${center.hotline}`}
            </div>
          </div>
        );
      })}
    </>
  );
}
