// The A4 年度工作总结: title, center, year; 一、基本情况 (the paragraph), 二、主要做法, 三、存在问题, 四、下一步打算 (the
// center's saved text, else the draft from the figures, as the .docx has them); then, from a new page, the
// 年度救助统计表 as 附表: the tables, the chart (animation off), the notes and the signature lines.
import { SUMMARY_HEADINGS, summaryParagraphs } from '../../shared/domain/yearSummary';
import type { AnnualReport, YearSummary } from '../../shared/schemas/reports';
import type { CenterSettings } from '../../shared/schemas/settings';
import { MonthChart } from '../components/MonthChart';
import { AreaTotalsTable, KindTable, MonthTable, OtherFigures, plain } from '../pages/reports/ReportTables';
import { disputeSection, FigureTable, suggestionSection, wishSection } from '../pages/reports/ServiceTables';
import { cnDate } from './CaseDocuments';

export function AnnualReportPrint({
  center,
  r,
  summary,
  today,
}: {
  center: CenterSettings;
  r: AnnualReport;
  summary: YearSummary;
  today: string;
}) {
  let annex = 0;
  const next = () => `附表${++annex}　`;
  return (
    <div className="sheet a4 report">
      <h1>{r.year}年度工作总结</h1>
      <div className="sub">
        填报单位：{center.name}　统计期间：{r.year}年1月1日至{r.year}年12月31日　金额单位：元
      </div>
      <h2>{SUMMARY_HEADINGS.basics}</h2>
      <p className="report-summary">{r.summary}</p>
      {summary.sections.map((s) => (
        <section key={s.section} data-testid={`summary-${s.section}`}>
          <h2>{SUMMARY_HEADINGS[s.section]}</h2>
          {summaryParagraphs(s.text).map((p, i) => (
            <p key={i} className="report-summary">
              {p}
            </p>
          ))}
        </section>
      ))}
      <h2 className="annex">附：{r.year}年度救助统计表</h2>
      <h3>{next()}按救助类别</h3>
      <KindTable r={r} drill={plain} />
      <h3>{next()}按村/社区</h3>
      <AreaTotalsTable r={r} />
      <div className="keep-together">
        <h3>{next()}按月份</h3>
        <MonthChart months={r.byMonth} width={680} height={190} />
        <MonthTable r={r} drill={plain} />
      </div>
      <h3>{next()}办理、台账与结对帮扶</h3>
      <OtherFigures r={r} />
      {wishSection(r) && (
        <div className="keep-together">
          <h3>{next()}微心愿（按类别）</h3>
          <FigureTable s={wishSection(r)!} dim="category" links={false} />
        </div>
      )}
      {suggestionSection(r) && (
        <div className="keep-together">
          <h3>{next()}群众意见建议（按类别）</h3>
          <FigureTable s={suggestionSection(r)!} dim="category" links={false} />
        </div>
      )}
      {disputeSection(r) && (
        <div className="keep-together">
          <h3>{next()}矛盾纠纷调解（按纠纷类型，金额单位：万元）</h3>
          <FigureTable s={disputeSection(r)!} dim="category" links={false} />
        </div>
      )}
      <div className="note">
        说明：发放按发放日期计入年度；冲正按冲正日期计入年度并单列“本年冲正”，已结束年度的数字不因以后的冲正而改变。人数、户数按身份去重。各村/社区按救助类别的明细见“导出
        Excel”。
        {(r.wishes || r.suggestions) &&
          '微心愿、意见建议按征集（收集）日期计入年度，撤回的不计；超期含到期未办结的和逾期办结的。'}
        {r.disputes && '矛盾纠纷按受理日期计入年度，撤回的不计；调解成功率＝调解成功÷（调解成功＋调解不成）。'}
      </div>
      <div className="sign">
        <span>制表人：</span>
        <span>审核人：</span>
        <span>日期：{cnDate(today)}</span>
      </div>
    </div>
  );
}
