// A new PC: the ledger restored from a USB backup and the key file beside it, opened by a staff member's password
// or the recovery key (setup.restore).
import { Button, Card, Form, Input, Radio, Typography } from 'antd';
import { useState } from 'react';

import type { Input as In } from '../../../shared/contract';
import { FIELDS as F } from '../../../shared/domain/fields';
import { FormProblemAlert } from '../../components/FormProblemAlert';
import { fill, required } from '../../components/rules';
import { useFormCall } from '../../components/useFormCall';

export function RestoreFromUsb({
  centerName,
  onDone,
  onBack,
}: {
  centerName: string;
  onDone: () => void;
  onBack: () => void;
}) {
  const [form] = Form.useForm<In<'setup.restore'>>();
  const { submit, busy, problem } = useFormCall(form, 'setup.restore', onDone);
  const [by, setBy] = useState<'password' | 'recovery'>('password');

  return (
    <div className="center-screen">
      <Card title={`${centerName} · 从 U 盘备份恢复`}>
        <Typography.Paragraph type="secondary">
          选择 U 盘上的备份文件（bianmin-….sqlite）。同一文件夹里与它同名的 .keys 钥匙文件也要在。
        </Typography.Paragraph>
        <FormProblemAlert problem={problem} />
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="file" label="备份文件" rules={required(F.backupFile)}>
            <Input autoFocus placeholder="如 E:\台账备份\bianmin-2026-11-20T170000-manual.sqlite" />
          </Form.Item>
          <Radio.Group value={by} onChange={(e) => setBy(e.target.value)} style={{ marginBottom: 12 }}>
            <Radio value="password">用工作人员的密码</Radio>
            <Radio value="recovery">用恢复密钥</Radio>
          </Radio.Group>
          {by === 'password' ? (
            <>
              <Form.Item name="username" label="用户名" rules={required(F.username)}>
                <Input autoComplete="username" />
              </Form.Item>
              <Form.Item name="password" label="密码" rules={fill('密码')}>
                <Input.Password autoComplete="current-password" />
              </Form.Item>
            </>
          ) : (
            <Form.Item name="recoveryKey" label="恢复密钥" rules={required(F.recoveryKey)}>
              <Input autoComplete="off" spellCheck={false} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block loading={busy}>
            恢复台账
          </Button>
        </Form>
        <Button type="link" block style={{ marginTop: 8 }} onClick={onBack}>
          返回
        </Button>
      </Card>
    </div>
  );
}
