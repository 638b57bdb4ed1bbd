import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';

import type { Input as In } from '../../../shared/contract';
import { FIELDS as F } from '../../../shared/domain/fields';
import { ROLE_LABELS } from '../../../shared/domain/roles';
import type { DemoAccounts, SessionState } from '../../../shared/schemas/staff';
import { FormProblemAlert } from '../../components/FormProblemAlert';
import { fill, required } from '../../components/rules';
import { useFormCall } from '../../components/useFormCall';
import { Recover } from './Recover';

export function SignIn({
  centerName,
  demo,
  onSignedIn,
}: {
  centerName: string;
  demo: DemoAccounts | null;
  onSignedIn: (s: SessionState) => void;
}) {
  const [form] = Form.useForm<In<'session.signIn'>>();
  const { submit, busy, problem } = useFormCall(form, 'session.signIn', onSignedIn);
  const [recovering, setRecovering] = useState(false);

  const signInForm = (
    <>
      {demo && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12, maxWidth: 380 }}
          data-testid="demo-accounts"
          message="演示台账：数据全部虚构"
          description={
            <>
              {demo.accounts.map((a) => (
                <div key={a.username}>
                  {a.username}（{a.displayName}，{a.roles.map((r) => ROLE_LABELS[r]).join('、')}）
                </div>
              ))}
              <div>密码均为 {demo.password}</div>
            </>
          }
        />
      )}
      <FormProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="username" label="用户名" rules={required(F.username)}>
          <Input autoFocus autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={fill('密码')}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          登录
        </Button>
      </Form>
      <Button type="link" block style={{ marginTop: 8 }} onClick={() => setRecovering(true)}>
        忘记了密码？用恢复密钥登录
      </Button>
    </>
  );

  return (
    <div className="center-screen">
      <Card title={`${centerName} · 便民服务台账`}>
        {recovering ? <Recover onSignedIn={onSignedIn} onBack={() => setRecovering(false)} /> : signInForm}
      </Card>
    </div>
  );
}
