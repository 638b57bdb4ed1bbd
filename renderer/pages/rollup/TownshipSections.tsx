// 乡镇对比 of the registers: each township's applications, registry, 结对帮扶 and 群众服务 of the year, computed by
// the township report's own code over the county's copy, side by side, with the county's sum.
import { Alert, Table } from 'antd';

import type { TownshipSections as Row } from '../../../shared/schemas/rollup';
import { useRecord } from '../../components/useRecord';

const COLUMNS: { title: string; value: (r: Row['sections']) => number }[] = [
  { title: '受理申请', value: (s) => s.applications.accepted },
  { title: '批准', value: (s) => s.applications.approved },
  { title: '按时办结', value: (s) => s.applications.decidedInTime },
  { title: '年末在册户', value: (s) => s.registry.registeredAtEnd },
  { title: '走访（次）', value: (s) => s.pairing?.visits ?? 0 },
  { title: '微心愿收集', value: (s) => s.wishes?.total.collected ?? 0 },
  { title: '微心愿实现', value: (s) => s.wishes?.total.fulfilled ?? 0 },
  { title: '意见建议', value: (s) => s.suggestions?.total.collected ?? 0 },
  { title: '已解决', value: (s) => s.suggestions?.total.resolved ?? 0 },
  { title: '纠纷受理', value: (s) => s.disputes?.total.accepted ?? 0 },
  { title: '调解成功', value: (s) => s.disputes?.total.settled ?? 0 },
];

export function TownshipSections({ year }: { year: number }) {
  const { value, error } = useRecord('rollup.sections', { year });
  if (error) return <Alert type="error" showIcon message={error.message} />;
  const rows = value ?? [];
  return (
    <Table<Row>
      data-testid="rollup-sections-table"
      rowKey="code"
      size="small"
      loading={!value}
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: '还没有乡镇上报' }}
      columns={[
        { title: '乡镇', dataIndex: 'name' },
        ...COLUMNS.map((c) => ({
          title: c.title,
          key: c.title,
          align: 'right' as const,
          render: (_: unknown, r: Row) => c.value(r.sections).toLocaleString('zh-CN'),
        })),
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
          {COLUMNS.map((c, i) => (
            <Table.Summary.Cell key={c.title} index={i + 1} align="right">
              {rows.reduce((s, r) => s + c.value(r.sections), 0).toLocaleString('zh-CN')}
            </Table.Summary.Cell>
          ))}
        </Table.Summary.Row>
      )}
    />
  );
}
