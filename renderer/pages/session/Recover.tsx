// Every password lost: the recovery key from the safe opens the ledger and sets an administrator's new password.
import { Button, Form, Input, Typography } from 'antd';

import type { Input as In } from '../../../shared/contract';
import { FIELDS as F } from '../../../shared/domain/fields';
import type { SessionState } from '../../../shared/schemas/staff';
import { FormProblemAlert } from '../../components/FormProblemAlert';
import { newPasswordRules } from '../../components/forms';
import { required } from '../../components/rules';
import { useFormCall } from '../../components/useFormCall';

export function Recover({ onSignedIn, onBack }: { onSignedIn: (s: SessionState) => void; onBack: () => void }) {
  const [form] = Form.useForm<In<'session.recover'>>();
  const { submit, busy, problem } = useFormCall(form, 'session.recover', onSignedIn);

  return (
    <>
      <Typography.Paragraph type="secondary">
        输入保存在保险柜里的恢复密钥，为一位管理员设置新密码并登录。其他人的密码可以登录后在“工作人员”里重置。
      </Typography.Paragraph>
      <FormProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="recoveryKey" label="恢复密钥" rules={required(F.recoveryKey)}>
          <Input autoFocus autoComplete="off" spellCheck={false} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="username" label="管理员用户名" rules={required(F.username)}>
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item name="newPassword" label="新密码" rules={newPasswordRules('新密码')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          设置新密码并登录
        </Button>
      </Form>
      <Button type="link" block style={{ marginTop: 8 }} onClick={onBack}>
        返回登录
      </Button>
    </>
  );
}
