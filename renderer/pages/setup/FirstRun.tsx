// First start of a new ledger: create the administrator.
import { Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';

import type { Input as In } from '../../../shared/contract';
import { call } from '../../api';
import { FormProblemAlert } from '../../components/FormProblemAlert';
import { type FormProblem, newPasswordRules, showResultError } from '../../components/forms';

type Values = In<'setup.createAdmin'> & { confirm: string };

export function FirstRun({ centerName, onDone }: { centerName: string; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ confirm: _confirm, ...v }: Values) => {
    setBusy(true);
    const r = await call('setup.createAdmin', v);
    setBusy(false);
    if (r.ok) onDone();
    else showResultError(form, r.error, setFormError);
  };

  return (
    <div className="center-screen">
      <Card title={`${centerName} · 首次使用`}>
        <Typography.Paragraph type="secondary">
          这是一个新台账。请先创建管理员账号，之后用它登录并添加其他工作人员。
        </Typography.Paragraph>
        <FormProblemAlert problem={formError} />
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="displayName" label="管理员姓名" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input autoFocus maxLength={60} />
          </Form.Item>
          <Form.Item
            name="username"
            label="用户名"
            rules={[{ required: true, message: '请填写用户名' }]}
            extra="登录时使用，如 zhangsan"
          >
            <Input autoComplete="username" maxLength={40} />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={newPasswordRules('密码')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label="再次输入密码"
            dependencies={['password']}
            rules={[
              { required: true, message: '请再次输入密码' },
              ({ getFieldValue }) => ({
                validator: (_, v) =>
                  v === getFieldValue('password')
                    ? Promise.resolve()
                    : Promise.reject(new Error('两次输入的密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            创建管理员
          </Button>
        </Form>
      </Card>
    </div>
  );
}
