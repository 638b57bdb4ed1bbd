// The recovery key, shown once: in groups of four to print and keep in the center's safe, then typed back so the
// app knows it was written down right (setup.confirmRecovery).
import { Alert, Button, Form, Input, Typography } from 'antd';

import { FIELDS as F } from '../../../shared/domain/fields';
import { FormProblemAlert } from '../../components/FormProblemAlert';
import { required } from '../../components/rules';
import { today } from '../../components/today';
import { useFormCall } from '../../components/useFormCall';

/** Prints the sheet alone: the rest of the page is hidden while the print dialog is open. */
function printSheet() {
  document.body.classList.add('print-recovery');
  window.print();
  document.body.classList.remove('print-recovery');
}

export function RecoveryKey({
  recoveryKey,
  centerName,
  onConfirmed,
}: {
  recoveryKey: string;
  centerName: string;
  onConfirmed: () => void;
}) {
  const [form] = Form.useForm<{ recoveryKey: string }>();
  const { submit, busy, problem } = useFormCall(form, 'setup.confirmRecovery', onConfirmed);

  return (
    <>
      <div className="recovery-sheet">
        <Typography.Title level={5}>{centerName} · 台账恢复密钥</Typography.Title>
        <div className="recovery-key" data-testid="recovery-key">
          {recoveryKey}
        </div>
        <Typography.Paragraph>
          台账和它的备份都已加密。忘记所有密码时，用这个恢复密钥可以打开台账、为管理员设置新密码，也能在新电脑上恢复 U
          盘备份。请打印这一页，放进中心的保险柜。
        </Typography.Paragraph>
        <Typography.Paragraph className="print-only">
          打印日期：{today().format('YYYY年M月D日')}　　保管人签字：＿＿＿＿＿＿＿＿
        </Typography.Paragraph>
      </div>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        message="恢复密钥只显示这一次"
        description="如果所有密码和这个恢复密钥都丢失了，台账里的数据将再也无法打开，任何人都无法找回。"
      />
      <Button onClick={printSheet} style={{ marginBottom: 16 }}>
        打印恢复密钥
      </Button>
      <FormProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="recoveryKey"
          label="请照着打印的那一页，把恢复密钥输入一遍"
          rules={required(F.recoveryKey)}
          extra="每 4 个字符一组，短横线和大小写可以不管"
        >
          <Input autoComplete="off" spellCheck={false} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          核对并继续
        </Button>
      </Form>
    </>
  );
}
