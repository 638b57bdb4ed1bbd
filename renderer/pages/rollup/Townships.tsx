// 乡镇对比: each township's year side by side (the township report's own totals), with its last push and whether
// the county's copy holds what its ledger held (上报情况: per table a count and checksum, compared).
import { Alert, Table, Tag, Tooltip } from 'antd';

import { formatYuan } from '../../../shared/domain/money';
import { copyState } from '../../../shared/domain/rollup';
import type { StatusRow, TownshipRow } from '../../../shared/schemas/rollup';
import { useRecord } from '../../components/useRecord';

const n = (v: number) => v.toLocaleString('zh-CN');
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '还没有上报');

const COPY_COLORS: Record<string, string | undefined> = { 完整: 'green', 待核对: 'gold', 不完整: 'red' };

function copyTag(s: StatusRow | undefined) {
  const { word, why } = copyState(s);
  const tag = <Tag color={COPY_COLORS[word]}>{word}</Tag>;
  return why ? <Tooltip title={why}>{tag}</Tooltip> : tag;
}

export function Townships({ year }: { year: number }) {
  const towns = useRecord('rollup.townships', { year });
  const status = useRecord('rollup.status', {});
  if (towns.error) return <Alert type="error" showIcon message={towns.error.message} />;
  const rows = towns.value ?? [];
  if (towns.value && !rows.length)
    return (
      <Alert
        type="info"
        showIcon
        message="还没有登记任何乡镇"
        description="在“乡镇登记”里登记乡镇（名称和 12 位统计用区划代码），把生成的登记文件交给乡镇管理员在 设置 → 县级上报 载入。"
      />
    );
  const statusOf = (code: string) => status.value?.find((s) => s.code === code);
  const sum = (f: (t: TownshipRow) => number) => rows.reduce((s, t) => s + f(t), 0);
  return (
    <Table<TownshipRow>
      data-testid="rollup-townships"
      rowKey="code"
      size="small"
      loading={!towns.value}
      pagination={false}
      dataSource={rows}
      columns={[
        {
          title: '乡镇',
          dataIndex: 'name',
          render: (name: string, t) =>
            t.ledgerId ? <a href={`#/rollup/figures?year=${year}&code=${t.code}`}>{name}</a> : name,
        },
        { title: '区划代码', dataIndex: 'code' },
        { title: '人数', dataIndex: 'persons', align: 'right', render: n },
        { title: '户数', dataIndex: 'households', align: 'right', render: n },
        { title: '人次', dataIndex: 'times', align: 'right', render: n },
        { title: '金额（元）', dataIndex: 'fen', align: 'right', render: formatYuan },
        { title: '本年冲正（元）', dataIndex: 'reversalFen', align: 'right', render: formatYuan },
        {
          title: '上次上报',
          dataIndex: 'lastPush',
          render: (v: string | null, t) => (t.revoked ? <Tag color="red">已停用</Tag> : when(v)),
        },
        { title: '副本', key: 'copy', render: (_, t) => copyTag(statusOf(t.code)) },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={2}>
            合计（{rows.length} 个乡镇）
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">
            {n(sum((t) => t.persons))}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={3} align="right">
            {n(sum((t) => t.households))}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={4} align="right">
            {n(sum((t) => t.times))}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={5} align="right">
            {formatYuan(sum((t) => t.fen))}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={6} align="right">
            {formatYuan(sum((t) => t.reversalFen))}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={7} colSpan={2} />
        </Table.Summary.Row>
      )}
    />
  );
}
