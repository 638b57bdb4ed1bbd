// 一致性核对: each township's own annual report (sent with its last census) beside the county's figures over its
// copy as of the same line, year by year, to the fen; a difference names its line; each row says what to do.
import { Alert, Table, Tag } from 'antd';

import type { SameRow } from '../../../shared/schemas/rollup';
import { useRecord } from '../../components/useRecord';

export function Sameness() {
  const { value, error } = useRecord('rollup.sameness', {});
  if (error) return <Alert type="error" showIcon message={error.message} />;
  return (
    <>
      <p className="muted">
        乡镇每次上报完、没有待报变动时（至多每小时一次），会把自己台账此刻算出的各年度统计一并报来；县里的副本停在同一条变动时，这里按同样口径逐行比对，应当分毫不差。县里此后又收到新的变动时显示“待同步”，等乡镇下次报来再比对。
      </p>
      <Table<SameRow>
        data-testid="rollup-sameness"
        rowKey={(r) => `${r.code}|${r.year}`}
        size="small"
        loading={!value}
        pagination={false}
        dataSource={value ?? []}
        locale={{ emptyText: '还没有乡镇报来核对数据：乡镇首次上报完成后就会出现' }}
        expandable={{
          rowExpandable: (r) => r.state === 'differ',
          expandedRowRender: (r) => (
            <Table
              size="small"
              rowKey="what"
              pagination={false}
              dataSource={r.differences}
              columns={[
                { title: '项目', dataIndex: 'what' },
                { title: '乡镇台账', dataIndex: 'township' },
                { title: '县级副本', dataIndex: 'county' },
              ]}
            />
          ),
        }}
        columns={[
          { title: '乡镇', dataIndex: 'name' },
          { title: '年度', dataIndex: 'year', render: (y: number) => `${y}年` },
          {
            title: '结果',
            dataIndex: 'state',
            render: (state: SameRow['state'], r) => (
              <Tag color={{ same: 'green', differ: 'red', pending: 'gold' }[state]}>{r.verdict}</Tag>
            ),
          },
          { title: '怎么办', dataIndex: 'advice' },
          {
            title: '乡镇计算时间',
            dataIndex: 'at',
            render: (at: string) => new Date(at).toLocaleString('zh-CN', { hour12: false }),
          },
        ]}
      />
    </>
  );
}
