// 年度统计: the year's figures from the ledger, the paragraph for the work report, its 主要做法, 存在问题 and 下一步打算
// (drafted from the figures, edited and saved here), the month chart; every number opens the payments behind it (the
// grid's own total equals it); print on A4 or export to Word and Excel.
import { DownloadOutlined, FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Select, Space, Spin } from 'antd';

import { SUMMARY_WRITERS } from '../../../shared/domain/yearSummary';
import type { SessionState } from '../../../shared/schemas/staff';
import { call } from '../../api';
import { DOCX, downloadBase64, XLSX } from '../../components/download';
import { MonthChart } from '../../components/MonthChart';
import { valueOptions } from '../../components/options';
import { go } from '../../components/router';
import { recentYears, today } from '../../components/today';
import { useRecord } from '../../components/useRecord';
import { AreaTable, type Drill, KindTable, MonthTable } from './ReportTables';
import { SectionCards } from './SectionCards';
import { YearSummaryCard } from './YearSummaryCard';

export function ReportPage({ route, session }: { route: string; session: SessionState }) {
  const { message } = App.useApp();
  const year = Number(new URLSearchParams(route.split('?')[1] ?? '').get('year')) || today().year();
  const { value: r, error } = useRecord('reports.annual', { year });
  const drill: Drill = (f, label) => {
    const q = new URLSearchParams({ drill: '1', ...(f.month ? { month: f.month } : { year: String(year) }) });
    if (f.kindCode) q.set('kind', f.kindCode);
    if (f.areaId) q.set('area', String(f.areaId));
    if (f.reversed) q.set('reversed', f.reversed);
    return <a href={`#/payments?${q}`}>{label}</a>;
  };
  const exportFile = async (channel: 'reports.xlsx' | 'reports.docx', type: string) => {
    const res = await call(channel, { year });
    if (res.ok) downloadBase64(res.value.fileName, res.value.base64, type);
    else message.error(res.error.message);
  };
  return (
    <div className="page">
      <h1 className="page-title">年度救助统计</h1>
      {/* Wraps: the hint beside the buttons made the page 1403 px wide at 1366×768. */}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          value={year}
          style={{ width: 120 }}
          onChange={(y) => go(`/reports?year=${y}`)}
          options={valueOptions(recentYears(), (y) => `${y}年`)}
          aria-label="年度"
        />
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => go(`/print/report?year=${year}`)}>
          打印报表
        </Button>
        <Button icon={<FileWordOutlined />} onClick={() => exportFile('reports.docx', DOCX)}>
          年度工作总结（Word）
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => exportFile('reports.xlsx', XLSX)}>
          导出 Excel
        </Button>
        <span className="muted">
          点击数字可查看对应的发放明细、申请、台账户、心愿或意见建议；冲正计入冲正发生的年度，单列“本年冲正”。
        </span>
      </Space>
      {error ? (
        <Alert type="error" showIcon message={error.message} />
      ) : !r ? (
        <Spin />
      ) : (
        <>
          <Card size="small" title="综述" style={{ marginBottom: 12 }}>
            <p className="report-summary" data-testid="report-summary">
              {r.summary}
            </p>
          </Card>
          <YearSummaryCard
            key={year}
            year={year}
            editable={session.staff!.roles.some((role) => (SUMMARY_WRITERS as readonly string[]).includes(role))}
          />
          <Card size="small" title="按救助类别" style={{ marginBottom: 12 }}>
            <KindTable r={r} drill={drill} />
          </Card>
          <Card size="small" title="按村/社区（金额，元）" style={{ marginBottom: 12 }}>
            {/* One column per relief kind: at 1366 px the matrix scrolls within its card, never the page. */}
            <div className="wide-table">
              <AreaTable r={r} drill={drill} />
            </div>
          </Card>
          <Card size="small" title="按月份" style={{ marginBottom: 12 }}>
            <MonthChart months={r.byMonth} width={900} height={260} />
            <MonthTable r={r} drill={drill} />
          </Card>
          <SectionCards r={r} links />
        </>
      )}
    </div>
  );
}
