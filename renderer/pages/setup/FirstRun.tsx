// First start of a new ledger: the center's name and the administrator, then the recovery key typed back, and in
// (createAdmin signs the admin in); or bring a USB backup here.
import { Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';

import type { Input as In } from '../../../shared/contract';
import { FIELDS as F } from '../../../shared/domain/fields';
import { FormProblemAlert } from '../../components/FormProblemAlert';
import { newPasswordRules } from '../../components/forms';
import { required } from '../../components/rules';
import { useFormCall } from '../../components/useFormCall';
import { RecoveryKey } from './RecoveryKey';
import { RestoreFromUsb } from './RestoreFromUsb';

type Values = In<'setup.createAdmin'> & { confirm: string };

export function FirstRun({ centerName, county, onDone }: { centerName: string; county: boolean; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const [restoring, setRestoring] = useState(false);
  const [named, setNamed] = useState(centerName);
  const created = useFormCall(form, 'setup.createAdmin', (admin) => {
    setNamed(form.getFieldValue('centerName') as string);
    setRecoveryKey(admin.recoveryKey);
  });
  const submit = ({ confirm: _confirm, ...v }: Values) => created.submit(v);

  if (recoveryKey)
    return (
      <div className="center-screen">
        <Card className="wide-card" title={`${named} · 保存恢复密钥`}>
          <RecoveryKey recoveryKey={recoveryKey} centerName={named} onConfirmed={onDone} />
        </Card>
      </div>
    );
  if (restoring) return <RestoreFromUsb centerName={centerName} onDone={onDone} onBack={() => setRestoring(false)} />;
  return (
    <div className="center-screen">
      <Card title="首次使用">
        <Typography.Paragraph type="secondary">
          这是一个新台账。请填写服务中心名称，并创建管理员账号（之后用它添加其他工作人员）。台账会加密保存，创建后会显示一次恢复密钥，照着输入一遍即可进入。
        </Typography.Paragraph>
        <FormProblemAlert problem={created.problem} />
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="centerName"
            label={F.centerName.label}
            rules={required(F.centerName)}
            extra={
              county
                ? '写进发给乡镇的登记文件和汇总报表，如 青山县民政局'
                : '印在服务卡、回执、报表和协议书上，如 城关镇便民服务中心'
            }
          >
            <Input autoFocus maxLength={60} />
          </Form.Item>
          <Form.Item name="displayName" label="管理员姓名" rules={required(F.name)}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="username" label="用户名" rules={required(F.username)} extra="登录时使用，如 zhangsan">
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
          <Button type="primary" htmlType="submit" block loading={created.busy}>
            创建管理员
          </Button>
        </Form>
        <Button type="link" block style={{ marginTop: 8 }} onClick={() => setRestoring(true)}>
          换了新电脑？从 U 盘备份恢复台账
        </Button>
      </Card>
    </div>
  );
}
