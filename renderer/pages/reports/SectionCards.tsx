// The report's sections beyond payments as cards: applications, registry and 结对帮扶, then 微心愿, 意见建议 and
// 纠纷调解. The township's 年度统计 shows them with links into its grids; the county office, for one township, without.
import { Card } from 'antd';

import { successRate } from '../../../shared/domain/disputes';
import { OtherFigures, type YearSections } from './ReportTables';
import { disputeSection, ServiceFigures, suggestionSection, wishSection } from './ServiceTables';

export function SectionCards({ r, links }: { r: YearSections; links: boolean }) {
  return (
    <>
      <Card size="small" title="办理、台账与结对帮扶" style={{ marginBottom: 12 }}>
        <OtherFigures r={r} links={links} />
      </Card>
      {wishSection(r) && (
        <Card
          size="small"
          title={`微心愿${r.wishes!.avgDays !== null ? `（从征集到实现平均 ${r.wishes!.avgDays} 天）` : ''}`}
          style={{ marginBottom: 12 }}
        >
          <ServiceFigures s={wishSection(r)!} servers={r.wishes} links={links} />
        </Card>
      )}
      {suggestionSection(r) && (
        <Card
          size="small"
          title={`群众意见建议（解决率 ${((r.suggestions!.total.resolved * 100) / r.suggestions!.total.collected).toFixed(1)}%）`}
        >
          <ServiceFigures s={suggestionSection(r)!} links={links} />
        </Card>
      )}
      {disputeSection(r) && (
        <Card
          size="small"
          title={`矛盾纠纷调解（调解成功率 ${successRate(r.disputes!.total)}，金额单位：万元）`}
          style={{ marginTop: 12 }}
        >
          <ServiceFigures s={disputeSection(r)!} links={links} />
        </Card>
      )}
    </>
  );
}
