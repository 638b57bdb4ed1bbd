// 乡镇对比 of the registers: each township's applications, registry, 结对帮扶 and 群众服务 of the year, computed by
// the township report's own code over the county's copy, side by side, with the county's sum.
import { Alert, Table } from 'antd';

import { SECTION_COLUMNS } from '../../../shared/domain/rollup';
import type { TownshipSections as Row } from '../../../shared/schemas/rollup';
import { useRecord } from '../../components/useRecord';

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
        ...SECTION_COLUMNS.map((c) => ({
          title: c.title,
          key: c.title,
          align: 'right' as const,
          render: (_: unknown, r: Row) => c.value(r.sections).toLocaleString('zh-CN'),
        })),
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
          {SECTION_COLUMNS.map((c, i) => (
            <Table.Summary.Cell key={c.title} index={i + 1} align="right">
              {rows.reduce((s, r) => s + c.value(r.sections), 0).toLocaleString('zh-CN')}
            </Table.Summary.Cell>
          ))}
        </Table.Summary.Row>
      )}
    />
  );
}
