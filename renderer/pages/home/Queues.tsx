// 首页's 我的待办: for each step waiting on the signed-in person's roles, how many cases wait; a click opens them in
// the grid, filtered on the same condition. Batches to approve and overdue visits come from their own channels.
import { Badge, Card, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';

import type { Role } from '../../../shared/domain/roles';
import { type Queue, QUEUE_KEYS, QUEUES } from '../../../shared/domain/workflow';
import type { SessionState } from '../../../shared/schemas/staff';
import { call } from '../../api';

const mine = (roles: readonly Role[], q: Queue) => {
  const who = QUEUES[q].roles;
  return who === 'any' || who.some((r) => roles.includes(r));
};

export function Queues({ session }: { session: SessionState }) {
  const roles = session.staff!.roles;
  const [counts, setCounts] = useState<Record<Queue, number> | null>(null);
  const [batches, setBatches] = useState(0);
  const approver = roles.includes('approver');
  useEffect(() => {
    void call('applications.queues', {}).then((r) => r.ok && setCounts(r.value));
    if (approver)
      void call('payroll.list', { state: 'draft', limit: 1 }).then((r) => r.ok && setBatches(r.value.total));
  }, [approver]);
  if (!counts) return null;
  const items = QUEUE_KEYS.filter((q) => mine(roles, q) && counts[q] > 0);
  const empty = items.length === 0 && batches === 0;
  return (
    <Card title="我的待办" size="small" style={{ marginTop: 16 }} data-testid="my-queues">
      {empty ? (
        <span className="muted">暂时没有等您办理的事项。新的申请请在 救助申请 → 受理新申请 登记。</span>
      ) : (
        <Space wrap size="middle">
          {items.map((q) => (
            <a key={q} href={`#/applications?queue=${q}`} data-testid={`queue-${q}`}>
              <Tag color={q === 'inPublicity' ? 'default' : 'blue'} style={{ fontSize: 14, padding: '4px 10px' }}>
                {QUEUES[q].label} <Badge count={counts[q]} overflowCount={999} color="#1d5fbf" />
              </Tag>
            </a>
          ))}
          {batches > 0 && (
            <a href="#/payments/batches" data-testid="queue-batches">
              <Tag color="orange" style={{ fontSize: 14, padding: '4px 10px' }}>
                待审批的发放批次 <Badge count={batches} color="#d46b08" />
              </Tag>
            </a>
          )}
        </Space>
      )}
    </Card>
  );
}
