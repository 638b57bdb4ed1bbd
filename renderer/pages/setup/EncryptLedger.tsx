// The first start of this version on a ledger an earlier version kept in clear: the administrator signs in, keeps a
// plain backup in a folder they choose, and the ledger is encrypted in place (setup.encrypt); then the recovery key.
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';

import type { Input as In } from '../../../shared/contract';
import { FIELDS as F } from '../../../shared/domain/fields';
import { FormProblemAlert } from '../../components/FormProblemAlert';
import { fill, required } from '../../components/rules';
import { useFormCall } from '../../components/useFormCall';
import { RecoveryKey } from './RecoveryKey';

export function EncryptLedger({ centerName, onDone }: { centerName: string; onDone: () => void }) {
  const [form] = Form.useForm<In<'setup.encrypt'>>();
  const [done, setDone] = useState<{ recoveryKey: string; plainBackup: string } | null>(null);
  const { submit, busy, problem } = useFormCall(form, 'setup.encrypt', setDone);

  return (
    <div className="center-screen">
      <Card className="wide-card" title={`${centerName} · ${done ? '保存恢复密钥' : '加密台账'}`}>
        {done ? (
          <>
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 12 }}
              message="台账已加密"
              description={`未加密的备份在 ${done.plainBackup}：请把它锁好，确认新台账一切正常后删除。`}
            />
            <RecoveryKey recoveryKey={done.recoveryKey} centerName={centerName} onConfirmed={onDone} />
          </>
        ) : (
          <>
            <Typography.Paragraph>
              这个台账是旧版本保存的，没有加密：拿到文件的人能读出全部内容。新版本要先把它加密，才能继续使用。
              所有工作人员的密码保持不变。
            </Typography.Paragraph>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message="加密前会先做一份未加密的备份"
              description="这份备份没有加密，请放在只有管理员能拿到的地方（如专用 U 盘），确认加密后的台账正常后删除。"
            />
            <FormProblemAlert problem={problem} />
            <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
              <Form.Item name="username" label="管理员用户名" rules={required(F.username)}>
                <Input autoFocus autoComplete="username" />
              </Form.Item>
              <Form.Item name="password" label="密码" rules={fill('密码')}>
                <Input.Password autoComplete="current-password" />
              </Form.Item>
              <Form.Item name="folder" label="未加密备份放到哪个文件夹" rules={fill('文件夹')}>
                <Input placeholder="如 E:\台账备份 或 /media/usb/备份" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy}>
                备份并加密
              </Button>
            </Form>
          </>
        )}
      </Card>
    </div>
  );
}
