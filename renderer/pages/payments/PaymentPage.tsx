// One posted payment: what, to whom, how; its receipt; and 冲正 for an approver (a new row, never an edit).
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Form, Input, Result, Space, Tag, Tooltip } from 'antd';
import { useState } from 'react';

import { FIELDS as F } from '../../../shared/domain/fields';
import { amountInWords, formatYuan } from '../../../shared/domain/money';
import { METHODS, voucherNo } from '../../../shared/domain/payments';
import type { SessionState } from '../../../shared/schemas/staff';
import { call } from '../../api';
import { FormDialog } from '../../components/FormDialog';
import { type FormProblem, showResultError } from '../../components/forms';
import { go } from '../../components/router';
import { required } from '../../components/rules';
import { useRecord } from '../../components/useRecord';
import { reversalText } from './columns';

export function PaymentPage({ id, session }: { id: number; session: SessionState }) {
  const [reversing, setReversing] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [form] = Form.useForm();
  const { value: p, error } = useRecord('payments.get', { id });
  if (error) return <Result status="404" title={error.message} />;
  if (!p) return null;
  const reverse = async (v: { reason: string }) => {
    const r = await call('payments.reverse', { id, reason: v.reason ?? '' });
    if (!r.ok) return showResultError(form, r.error, setProblem);
    setReversing(false);
    go(`/payments/record/${r.value.id}`);
  };
  const approver = session.staff!.roles.includes('approver');
  const canReverse = approver && !p.reversesId && !p.reversedBy;
  return (
    <div className="page">
      <h1 className="page-title">
        发放凭证 {voucherNo(p.id)} · {p.personName}{' '}
        <Tag color={p.reversesId ? 'red' : p.reversedBy ? 'orange' : 'green'}>{reversalText(p)}</Tag>
      </h1>
      <Card size="small">
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label="领款人">
            {p.personName}（{p.idNumber}）
          </Descriptions.Item>
          <Descriptions.Item label="户号">
            <a href={`#/ledger/household/${p.householdId}`}>{p.householdId}</a>（{p.area}）
          </Descriptions.Item>
          <Descriptions.Item label="救助类别">{p.kind}</Descriptions.Item>
          <Descriptions.Item label="受理编号">
            <a href={`#/applications/${p.applicationId}`}>{p.acceptanceNo}</a>
          </Descriptions.Item>
          <Descriptions.Item label="金额">
            <b data-testid="payment-amount">{formatYuan(p.signedFen)}</b> 元（{amountInWords(p.amountFen)}）
          </Descriptions.Item>
          <Descriptions.Item label="方式">
            {METHODS[p.method]}
            {p.accountTail ? ` ${p.accountTail}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={p.reversesId ? '冲正日期' : '发放日期'}>{p.paidOn}</Descriptions.Item>
          <Descriptions.Item label="经办人">
            {p.postedBy}（{p.postedAt.slice(0, 16).replace('T', ' ')}）
          </Descriptions.Item>
          {p.batchNo && (
            <Descriptions.Item label="批次">
              {p.batchNo}
              {p.forMonth ? `（${p.forMonth}）` : ''}
            </Descriptions.Item>
          )}
          {p.bankStatus && (
            <Descriptions.Item label="银行结果">{p.bankStatus === 'success' ? '成功' : '失败'}</Descriptions.Item>
          )}
          {p.note && (
            <Descriptions.Item label={p.reversesId ? '冲正原因' : '备注'} span={2}>
              {p.note}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Space style={{ marginTop: 12 }}>
          <Button icon={<PrinterOutlined />} onClick={() => go(`/print/payment/${p.id}`)}>
            {p.reversesId ? '打印冲正凭证' : '打印收据'}
          </Button>
          {p.reversesId && <Button onClick={() => go(`/payments/record/${p.reversesId}`)}>查看原发放记录</Button>}
          {p.reversedBy && <Button onClick={() => go(`/payments/record/${p.reversedBy}`)}>查看冲正记录</Button>}
          {canReverse && (
            <Button danger onClick={() => (form.resetFields(), setProblem(null), setReversing(true))}>
              冲正
            </Button>
          )}
          {!approver && !p.reversesId && !p.reversedBy && (
            <Tooltip title="冲正由审批人办理：请审批人登录后在本页冲正">
              <Button danger disabled>
                冲正
              </Button>
            </Tooltip>
          )}
        </Space>
      </Card>
      <FormDialog
        open={reversing}
        title={`冲正凭证 ${p.id}`}
        okText="冲正"
        danger
        form={form}
        problem={problem}
        onFinish={reverse}
        onCancel={() => setReversing(false)}
        intro={
          <p>
            将新增一条日期为今天、金额 -{formatYuan(p.amountFen)} 元的冲正记录，原记录保持不变。每笔发放只能冲正一次。
          </p>
        }
      >
        <Form.Item name="reason" label="冲正原因" rules={required(F.reverseReason)}>
          <Input maxLength={200} autoFocus />
        </Form.Item>
      </FormDialog>
    </div>
  );
}
