// The web host's one session is bound to its token, not to a browser page: a second page opened on the same address
// shares it. Before that page shows anything it is told whose session it is, and chooses.
import { Button, Card, Space } from 'antd';

import type { SessionState, StaffMember } from '../../../shared/schemas/staff';
import { call } from '../../api';

export function Elsewhere({
  staff,
  onGoOn,
  onChange,
}: {
  staff: StaffMember;
  onGoOn: () => void;
  onChange: (s: SessionState) => void;
}) {
  const signOut = async () => {
    const r = await call('session.signOut', {});
    if (r.ok) onChange(r.value);
  };
  return (
    <div className="center-screen">
      <Card title="已在另一个窗口登录">
        <p data-testid="elsewhere">
          本程序已在另一个浏览器窗口中由 {staff.displayName}（{staff.username}）登录。在这里继续，所做的操作都记在{' '}
          {staff.displayName} 名下；如果不是本人，请退出登录后用自己的账号登录（两个窗口共用一次登录，都会回到登录页）。
        </p>
        <Space>
          <Button type="primary" onClick={onGoOn}>
            以 {staff.displayName} 的身份继续
          </Button>
          <Button onClick={signOut}>退出登录</Button>
        </Space>
      </Card>
    </div>
  );
}
