// 首页: wishes past their deadline and suggestions past their working-day deadline, oldest first; disputes whose
// mediation deadline is within five days or past, and agreements still without a follow-up visit.
import { Card, Col, Row, Table } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useEffect, useState } from 'react';

import type { DisputeRow } from '../../../shared/schemas/disputes';
import type { SuggestionRow, WishRow } from '../../../shared/schemas/service';
import { call } from '../../api';
import { openRow } from '../../components/openRow';
import { go } from '../../components/router';

const overdueCol = {
  title: '超期',
  dataIndex: 'overdueDays',
  render: (n: number) => <span style={{ color: '#cf1322' }}>{n} 天</span>,
};

export function OverdueService() {
  const [wishes, setWishes] = useState<WishRow[] | null>(null);
  const [suggestions, setSuggestions] = useState<SuggestionRow[] | null>(null);
  const [due, setDue] = useState<DisputeRow[] | null>(null);
  const [unvisited, setUnvisited] = useState<DisputeRow[] | null>(null);
  useEffect(() => {
    const sort = { col: 'dueOn' as const, dir: 'asc' as const };
    void call('disputes.list', { dueWithin: 5, limit: 10, sort }).then((r) => r.ok && setDue(r.value.rows));
    void call('disputes.list', { unvisited: true, limit: 10, sort }).then((r) => r.ok && setUnvisited(r.value.rows));
    void call('wishes.list', { overdue: true, limit: 10, sort }).then((r) => r.ok && setWishes(r.value.rows));
    void call('suggestions.list', { overdue: true, limit: 10, sort }).then((r) => r.ok && setSuggestions(r.value.rows));
  }, []);
  const dispute = (
    title: string,
    extra: string,
    rows: DisputeRow[] | null,
    empty: string,
    last: ColumnType<DisputeRow>,
  ) => (
    <Col span={12}>
      <Card title={title} size="small" extra={<a href={extra}>全部</a>}>
        <Table<DisputeRow>
          rowKey="id"
          size="small"
          loading={!rows}
          dataSource={rows ?? []}
          pagination={false}
          locale={{ emptyText: empty }}
          onRow={openRow((d) => go(`/service/dispute/${d.id}`))}
          data-testid={extra.includes('unvisited') ? 'unvisited-disputes' : 'due-disputes'}
          columns={[
            {
              title: '当事人',
              dataIndex: 'parties',
              ellipsis: true,
              render: (c: string, d) => <a href={`#/service/dispute/${d.id}`}>{c}</a>,
            },
            { title: '类型', dataIndex: 'type', width: 120 },
            last,
          ]}
        />
      </Card>
    </Col>
  );
  return (
    <>
      <Row gutter={16} style={{ marginTop: 16 }}>
        {dispute('纠纷调解期限将到或已超期', '#/service/disputes?overdue=1', due, '没有五天内到期的纠纷', {
          title: '期限',
          dataIndex: 'daysLeft',
          width: 110,
          render: (n: number) =>
            n < 0 ? <span style={{ color: '#cf1322' }}>超期 {-n} 天</span> : n === 0 ? '今天到期' : `还有 ${n} 天`,
        })}
        {dispute('达成协议后未回访', '#/service/disputes?unvisited=1', unvisited, '没有待回访的调解协议', {
          title: '达成协议',
          dataIndex: 'concludedOn',
          width: 105,
        })}
      </Row>
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
              onRow={openRow((w) => go(`/service/wish/${w.id}`))}
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
              onRow={openRow((s) => go(`/service/suggestion/${s.id}`))}
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
    </>
  );
}
