// One cadre: details, the households paired now and before, the visits due or overdue, and every visit recorded.
import { Button, Card, Descriptions, Result, Table, Tag } from 'antd';
import { useCallback, useState } from 'react';

import { PAIRING_ROLES } from '../../../shared/domain/pairings';
import type { PairingRow, VisitRow } from '../../../shared/schemas/pairings';
import { call } from '../../api';
import { LedgerGrid, type PageRequest } from '../../components/LedgerGrid';
import { go } from '../../components/router';
import { useRecord } from '../../components/useRecord';
import { visitColumns } from './columns';
import { CadreForm } from './PairingsPage';

export function CadrePage({ id }: { id: number }) {
  const [editing, setEditing] = useState(false);
  const { value: c, error, reload: load } = useRecord('cadres.get', { id });
  const fetchVisits = useCallback(
    (req: PageRequest) => call('visits.list', { offset: req.offset, limit: req.limit, cadreId: id }),
    [id],
  );
  if (error) return <Result status="404" title={error.message} />;
  if (!c) return null;
  return (
    <div className="page">
      <h1 className="page-title">
        {c.name} <Tag color={c.active ? 'green' : 'default'}>{c.active ? '在岗' : '停用'}</Tag>
        {c.overdue > 0 && <Tag color="red">走访超期 {c.overdue} 户</Tag>}
      </h1>
      <Card size="small" style={{ marginBottom: 12 }} extra={<Button onClick={() => setEditing(true)}>修改</Button>}>
        <Descriptions size="small" column={4}>
          <Descriptions.Item label="工作单位">{c.unit}</Descriptions.Item>
          <Descriptions.Item label="党员">{c.partyMember ? '是' : '否'}</Descriptions.Item>
          <Descriptions.Item label="电话">{c.phone}</Descriptions.Item>
          <Descriptions.Item label="结对户数">{c.households}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="结对的户" style={{ marginBottom: 12 }}>
        <Table<PairingRow>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={c.pairings}
          onRow={(p) => ({ onDoubleClick: () => go(`/ledger/household/${p.householdId}?tab=pairings`) })}
          columns={[
            {
              title: '户主',
              dataIndex: 'head',
              render: (h: string, p) => <a href={`#/ledger/household/${p.householdId}?tab=pairings`}>{h}</a>,
            },
            { title: '村/社区', dataIndex: 'area' },
            { title: '身份', dataIndex: 'role', render: (r: PairingRow['role']) => PAIRING_ROLES[r] },
            { title: '结对日期', dataIndex: 'fromDate' },
            {
              title: '结束',
              dataIndex: 'toDate',
              render: (t: string | null, p) => (t ? `${t}（${p.endReason}）` : '进行中'),
            },
            {
              title: '应走访',
              key: 'due',
              render: (_, p) => {
                const d = c.due.find((x) => x.householdId === p.householdId);
                return d && !p.toDate ? (
                  <span style={{ color: d.overdueDays > 0 ? '#cf1322' : undefined }}>
                    {d.dueOn}
                    {d.overdueDays > 0 ? `（超期 ${d.overdueDays} 天）` : ''}
                  </span>
                ) : (
                  ''
                );
              },
            },
          ]}
        />
      </Card>
      <Card size="small" title="走访记录">
        <LedgerGrid<VisitRow>
          empty="这名干部还没有走访记录"
          columns={visitColumns}
          fetchPage={fetchVisits}
          onOpen={(v) => go(`/ledger/household/${v.householdId}?tab=pairings`)}
          testId="cadre-visits"
        />
      </Card>
      {editing && (
        <CadreForm cadre={c} onCancel={() => setEditing(false)} onSaved={() => (setEditing(false), void load())} />
      )}
    </div>
  );
}
