// 首页: the cases whose clock is running out — overdue, and due within three working days.
import { Card, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';

import { STATE_LABELS } from '../../../shared/domain/workflow';
import type { ApplicationRow } from '../../../shared/schemas/applications';
import { call } from '../../api';
import { openRow } from '../../components/openRow';
import { go } from '../../components/router';
import { daysLeftText } from '../applications/columns';

function Cases({ rows, testId }: { rows: ApplicationRow[]; testId: string }) {
  return (
    <Table<ApplicationRow>
      data-testid={testId}
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: '没有' }}
      onRow={openRow((r: ApplicationRow) => go(`/applications/${r.id}`))}
      columns={[
        { title: '受理编号', dataIndex: 'acceptanceNo' },
        { title: '救助对象', dataIndex: 'personName' },
        { title: '类别', dataIndex: 'kind' },
        {
          title: '状态',
          dataIndex: 'state',
          render: (s: ApplicationRow['state'], r) => (
            <>
              {STATE_LABELS[s]}
              {r.urgent && (
                <Tag color="orange" style={{ marginLeft: 4 }}>
                  先行救助待补材料
                </Tag>
              )}
            </>
          ),
        },
        {
          title: '期限',
          key: 'left',
          render: (_, r) => (
            <span style={{ color: r.daysLeft !== null && r.daysLeft < 0 ? '#cf1322' : '#d46b08' }}>
              {daysLeftText(r)}
            </span>
          ),
        },
      ]}
    />
  );
}

export function DueCases() {
  const [due, setDue] = useState<{ dueSoon: ApplicationRow[]; overdue: ApplicationRow[] } | null>(null);
  useEffect(() => void call('applications.due', {}).then((r) => r.ok && setDue(r.value)), []);
  if (!due) return null;
  return (
    <Card title="限时办结提醒" style={{ marginTop: 16 }}>
      <h3 style={{ color: '#cf1322' }}>已超期（{due.overdue.length}）</h3>
      <Cases rows={due.overdue} testId="overdue" />
      <h3 style={{ marginTop: 16 }}>3 个工作日内到期（{due.dueSoon.length}）</h3>
      <Cases rows={due.dueSoon} testId="due-soon" />
    </Card>
  );
}
