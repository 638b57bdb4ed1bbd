// 心愿墙: one A4 poster per area of the accepted wishes waiting to be claimed — the resident's name masked by main
// (张*英), never a phone or an ID number, with a blank column for whoever claims one on paper.
import type { WallRow } from '../../shared/schemas/service';
import type { CenterSettings } from '../../shared/schemas/settings';

export function WishWall({ center, data }: { center: CenterSettings; data: { day: string; rows: WallRow[] } }) {
  const areas = [...new Set(data.rows.map((r) => r.area))];
  if (areas.length === 0)
    return (
      <div className="sheet a4">
        <h1>微心愿墙</h1>
        <p>目前没有待认领的心愿。心愿审定采纳后会出现在这里。</p>
      </div>
    );
  return (
    <>
      {areas.map((area) => (
        <div className="sheet a4 area-block" key={area}>
          <h1>微心愿墙</h1>
          <div className="sub">
            {center.name}　{area}　{data.day}
          </div>
          <table className="list wall">
            <colgroup>
              <col className="col-seq" />
              <col className="col-name" />
              <col />
              <col className="col-cat" />
              <col className="col-standard" />
              <col className="col-due" />
              <col className="col-claim" />
            </colgroup>
            <thead>
              <tr>
                <th>序号</th>
                <th>心愿人</th>
                <th>心愿内容</th>
                <th>类别</th>
                <th>服务标准</th>
                <th>完成期限</th>
                <th>认领人</th>
              </tr>
            </thead>
            <tbody>
              {data.rows
                .filter((r) => r.area === area)
                .map((r, i) => (
                  <tr key={r.id}>
                    <td>{i + 1}</td>
                    <td>{r.resident}</td>
                    <td>{r.content}</td>
                    <td>{r.category}</td>
                    <td>{r.standard}</td>
                    <td>{r.dueOn}</td>
                    <td />
                  </tr>
                ))}
            </tbody>
          </table>
          <div className="note">
            欢迎党员、志愿者和爱心单位认领群众微心愿，认领请到{center.name}登记
            {center.hotline && `，或致电 ${center.hotline}`}。
          </div>
        </div>
      ))}
    </>
  );
}
