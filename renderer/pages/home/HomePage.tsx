import { Alert, Card, Col, Descriptions, Row } from 'antd';
import { useEffect, useState } from 'react';

import type { CenterSettings } from '../../../shared/schemas/settings';
import type { SessionState } from '../../../shared/schemas/staff';
import { call } from '../../api';
import { today } from '../../components/today';
import { OverdueVisits } from '../pairings/PairingsPage';
import { DueCases } from './DueCases';
import { OverdueService } from './OverdueService';
import { Queues } from './Queues';

export function HomePage({ session }: { session: SessionState }) {
  const [center, setCenter] = useState<CenterSettings | null>(null);
  const [recoveryPending, setRecoveryPending] = useState(false);
  const isAdmin = session.staff!.roles.includes('admin');
  useEffect(() => {
    void call('settings.get', {}).then((r) => r.ok && setCenter(r.value));
    void call('setup.state', {}).then((r) => r.ok && setRecoveryPending(r.value.recoveryPending));
  }, []);
  return (
    <div className="page">
      <h1 className="page-title">首页</h1>
      {isAdmin && recoveryPending && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message="台账还没有核对过的恢复密钥"
          description={
            <>
              忘记所有密码时只能靠恢复密钥打开台账。请到 <a href="#/settings/backup">设置 → 备份与恢复</a>{' '}
              生成新的恢复密钥，打印后放进保险柜。
            </>
          }
        />
      )}
      <Row gutter={16}>
        <Col span={14}>
          <Card title={center?.name ?? '便民服务中心'}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label="今天">{today().format('YYYY年M月D日 dddd')}</Descriptions.Item>
              <Descriptions.Item label="地址">
                {center?.address || <span className="muted">未填写（设置 → 中心信息）</span>}
              </Descriptions.Item>
              <Descriptions.Item label="服务热线">
                {center?.hotline || <span className="muted">未填写</span>}
              </Descriptions.Item>
              <Descriptions.Item label="办公时间">{center?.officeHours}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col span={10}>
          <Card title="当前登录">
            <p>{session.staff!.displayName}，您好。离开窗口时请点右上角“锁定”。</p>
          </Card>
        </Col>
      </Row>
      <Queues session={session} />
      <DueCases />
      <Card title="走访超期" size="small" style={{ marginTop: 16 }} extra={<a href="#/pairings/overdue">全部</a>}>
        <OverdueVisits />
      </Card>
      <OverdueService />
    </div>
  );
}
