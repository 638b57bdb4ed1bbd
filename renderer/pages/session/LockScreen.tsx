// Shown after the idle time or the lock button: nothing of the ledger is on the page until the password is typed.
import { LockOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Space } from 'antd';
import { useState } from 'react';

import type { SessionState, StaffMember } from '../../../shared/schemas/staff';
import { call } from '../../api';
import { FormProblemAlert } from '../../components/FormProblemAlert';
import { type FormProblem, showResultError } from '../../components/forms';
import { fill } from '../../components/rules';

export function LockScreen({ staff, onChange }: { staff: StaffMember; onChange: (s: SessionState) => void }) {
  const [form] = Form.useForm<{ password: string }>();
  const [formError, setFormError] = useState<FormProblem | null>(null);

  const unlock = async (v: { password: string }) => {
    const r = await call('session.unlock', v);
    if (r.ok) return onChange(r.value);
    showResultError(form, r.error, setFormError);
    const s = await call('session.state', {});
    if (s.ok && !s.value.staff) onChange(s.value);
  };
  const signOut = async () => {
    const r = await call('session.signOut', {});
    if (r.ok) onChange(r.value);
  };

  return (
    <div className="center-screen">
      <Card
        title={
          <>
            <LockOutlined /> 已锁定
          </>
        }
      >
        <p>
          {staff.displayName}（{staff.username}）已离开。请输入密码继续，或退出登录换人使用。
        </p>
        <FormProblemAlert problem={formError} />
        <Form form={form} layout="vertical" onFinish={unlock} requiredMark={false}>
          <Form.Item name="password" label="密码" rules={fill('密码')}>
            <Input.Password autoFocus autoComplete="current-password" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              解锁
            </Button>
            <Button onClick={signOut}>退出登录</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
