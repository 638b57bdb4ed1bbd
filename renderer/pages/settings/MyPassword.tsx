import { App, Button, Form, Input } from 'antd';
import { useState } from 'react';

import { call } from '../../api';
import { FormProblemAlert } from '../../components/FormProblemAlert';
import { type FormProblem, newPasswordRules, showResultError } from '../../components/forms';
import { fill } from '../../components/rules';

export function MyPassword() {
  const [form] = Form.useForm<{ oldPassword: string; newPassword: string }>();
  const [formError, setFormError] = useState<FormProblem | null>(null);
  const { message } = App.useApp();
  const submit = async (v: { oldPassword: string; newPassword: string }) => {
    const r = await call('session.changePassword', v);
    if (!r.ok) return showResultError(form, r.error, setFormError);
    form.resetFields();
    setFormError(null);
    void message.success('密码已修改');
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 400 }}>
      <FormProblemAlert problem={formError} />
      <Form.Item name="oldPassword" label="原密码" rules={fill('原密码')}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="newPassword" label="新密码" rules={newPasswordRules('新密码')}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        修改密码
      </Button>
    </Form>
  );
}
