// 首页: wishes past their deadline and suggestions past their working-day deadline, oldest first.
import { Card, Col, Row, Table } from 'antd';
import { useEffect, useState } from 'react';

import type { SuggestionRow, WishRow } from '../../../shared/schemas/service';
import { call } from '../../api';
import { go } from '../../components/router';

const overdueCol = {
  title: '超期',
  dataIndex: 'overdueDays',
  render: (n: number) => <span style={{ color: '#cf1322' }}>{n} 天</span>,
};

export function OverdueService() {
  const [wishes, setWishes] = useState<WishRow[] | null>(null);
  const [suggestions, setSuggestions] = useState<SuggestionRow[] | null>(null);
  useEffect(() => {
    const sort = { col: 'dueOn' as const, dir: 'asc' as const };
    void call('wishes.list', { overdue: true, limit: 10, sort }).then((r) => r.ok && setWishes(r.value.rows));
    void call('suggestions.list', { overdue: true, limit: 10, sort }).then((r) => r.ok && setSuggestions(r.value.rows));
  }, []);
  return (
    <Row gutter={16} style={{ marginTop: 16 }}>
      <Col span={12}>
        <Card title="心愿超期未实现" size="small" extra={<a href="#/service/wishes?overdue=1">全部</a>}>
          <Table<WishRow>
            rowKey="id"
            size="small"
            loading={!wishes}
            dataSource={wishes ?? []}
            pagination={false}
            locale={{ emptyText: '没有超期的心愿' }}
            onRow={(w) => ({ onDoubleClick: () => go(`/service/wish/${w.id}`) })}
            data-testid="overdue-wishes"
            columns={[
              {
                title: '心愿',
                dataIndex: 'content',
                ellipsis: true,
                render: (c: string, w) => <a href={`#/service/wish/${w.id}`}>{c}</a>,
              },
              { title: '村/社区', dataIndex: 'area', width: 90 },
              { title: '期限', dataIndex: 'dueOn', width: 105 },
              { ...overdueCol, width: 70 },
            ]}
          />
        </Card>
      </Col>
      <Col span={12}>
        <Card title="意见建议超期未办结" size="small" extra={<a href="#/service/suggestions?overdue=1">全部</a>}>
          <Table<SuggestionRow>
            rowKey="id"
            size="small"
            loading={!suggestions}
            dataSource={suggestions ?? []}
            pagination={false}
            locale={{ emptyText: '没有超期的意见建议' }}
            onRow={(s) => ({ onDoubleClick: () => go(`/service/suggestion/${s.id}`) })}
            data-testid="overdue-suggestions"
            columns={[
              {
                title: '意见建议',
                dataIndex: 'content',
                ellipsis: true,
                render: (c: string, s) => <a href={`#/service/suggestion/${s.id}`}>{c}</a>,
              },
              { title: '承办', dataIndex: 'handler', width: 90 },
              { title: '期限', dataIndex: 'dueOn', width: 105 },
              { ...overdueCol, width: 70 },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
