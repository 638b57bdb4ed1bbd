import { Button, Card, Form, Input } from 'antd';
import { useState } from 'react';

import type { Input as In } from '../../../shared/contract';
import type { SessionState } from '../../../shared/schemas/staff';
import { call } from '../../api';
import { FormProblemAlert } from '../../components/FormProblemAlert';
import { type FormProblem, showResultError } from '../../components/forms';

export function SignIn({ centerName, onSignedIn }: { centerName: string; onSignedIn: (s: SessionState) => void }) {
  const [form] = Form.useForm<In<'session.signIn'>>();
  const [formError, setFormError] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: In<'session.signIn'>) => {
    setBusy(true);
    const r = await call('session.signIn', v);
    setBusy(false);
    if (r.ok) onSignedIn(r.value);
    else showResultError(form, r.error, setFormError);
  };

  return (
    <div className="center-screen">
      <Card title={`${centerName} · 便民服务台账`}>
        <FormProblemAlert problem={formError} />
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请填写用户名' }]}>
            <Input autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请填写密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
