// The case page's 发放 card: a one-off case is paid here (then its receipt prints); a monthly case gets its
// entitlement (from which month, until which) and is paid by the monthly batches.
import { Button, Card, DatePicker, Form, Input, Radio, Select, Table } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';

import { FIELDS as F } from '../../../shared/domain/fields';
import { formatYuan } from '../../../shared/domain/money';
import { METHODS, voucherNo } from '../../../shared/domain/payments';
import type { ApplicationDetail } from '../../../shared/schemas/applications';
import type { CasePayments as Payments, PaymentRow } from '../../../shared/schemas/payments';
import { call } from '../../api';
import { FormDialog } from '../../components/FormDialog';
import { type FormProblem, showResultError } from '../../components/forms';
import { openRow } from '../../components/openRow';
import { valueOptions } from '../../components/options';
import { go } from '../../components/router';
import { choose, required } from '../../components/rules';
import { monthRange, today } from '../../components/today';
import { reversalText } from './columns';

export function CasePayments({ a, onChange }: { a: ApplicationDetail; onChange: () => void }) {
  const [c, setC] = useState<Payments | null>(null);
  const [open, setOpen] = useState<'pay' | 'entitlement' | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [form] = Form.useForm();
  const load = useCallback(
    () => void call('payments.ofCase', { applicationId: a.id }).then((r) => r.ok && setC(r.value)),
    [a.id],
  );
  useEffect(load, [load, a.state]);
  if (!c || !['approved', 'paid', 'closed'].includes(a.state)) return null;

  const show = (what: 'pay' | 'entitlement') => (form.resetFields(), setProblem(null), setOpen(what));
  const submit = async (v: Record<string, unknown>) => {
    if (open === 'pay') {
      const r = await call('payments.pay', {
        applicationId: a.id,
        amount: v.amount as string,
        method: v.method as 'cash' | 'bank',
        paidOn: (v.paidOn as dayjs.Dayjs).format('YYYY-MM-DD'),
        note: (v.note as string) ?? '',
      });
      if (!r.ok) return showResultError(form, r.error, setProblem);
      setOpen(null);
      go(`/print/payment/${r.value.id}`); // the receipt, to be signed at the counter
      return;
    }
    const r = await call('entitlements.save', {
      applicationId: a.id,
      startMonth: v.startMonth as string,
      endMonth: (v.endMonth as string) ?? null,
    });
    if (!r.ok) return showResultError(form, r.error, setProblem);
    setOpen(null);
    setC(r.value);
    onChange();
  };
  const e = c.entitlement;
  const title =
    c.recurrence === 'one_off'
      ? `发放　批准 ${formatYuan(c.approvedFen ?? 0)} 元，已发 ${formatYuan(c.paidFen)} 元，待发 ${formatYuan(c.remainingFen)} 元`
      : `按月发放　每月 ${formatYuan(c.approvedFen ?? 0)} 元${e ? `，${e.startMonth} 起${e.endMonth ? `至 ${e.endMonth}` : ''}` : '（尚未设置起发月份）'}，累计已发 ${formatYuan(c.paidFen)} 元`;
  const extra =
    c.recurrence === 'one_off' ? (
      a.state === 'approved' &&
      c.remainingFen > 0 && (
        <Button type="primary" onClick={() => show('pay')}>
          发放
        </Button>
      )
    ) : (
      <Button type={e ? 'default' : 'primary'} onClick={() => show('entitlement')}>
        {e ? '调整起止月份' : '设置按月发放'}
      </Button>
    );
  return (
    <Card
      size="small"
      title={<span data-testid="case-payments">{title}</span>}
      extra={extra}
      style={{ marginBottom: 16 }}
    >
      <Table<PaymentRow>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={c.payments}
        locale={{ emptyText: '还没有发放记录' }}
        onRow={openRow((p) => go(`/payments/record/${p.id}`))}
        columns={[
          {
            title: '凭证号',
            dataIndex: 'id',
            render: (id: number) => <a href={`#/payments/record/${id}`}>{voucherNo(id)}</a>,
          },
          { title: '日期', dataIndex: 'paidOn' },
          { title: '金额(元)', dataIndex: 'signedFen', align: 'right', render: formatYuan },
          {
            title: '方式',
            dataIndex: 'method',
            render: (m: 'cash' | 'bank', p) => `${METHODS[m]}${p.accountTail ? ` ${p.accountTail}` : ''}`,
          },
          { title: '月份/批次', key: 'batch', render: (_, p) => [p.forMonth, p.batchNo].filter(Boolean).join(' · ') },
          { title: '状态', key: 'state', render: (_, p) => reversalText(p) },
          { title: '经办人', dataIndex: 'postedBy' },
        ]}
      />
      <FormDialog
        open={!!open}
        title={open === 'pay' ? '发放' : '按月发放'}
        okText="确定"
        form={form}
        problem={problem}
        onFinish={submit}
        onCancel={() => setOpen(null)}
        initialValues={
          open === 'pay'
            ? { amount: (c.remainingFen / 100).toFixed(2), method: 'cash', paidOn: today() }
            : { startMonth: e?.startMonth ?? today().format('YYYY-MM'), endMonth: e?.endMonth ?? undefined }
        }
      >
        {open === 'pay' ? (
          <>
            <Form.Item
              name="amount"
              label="发放金额（元）"
              rules={required(F.amount)}
              extra={`最多 ${formatYuan(c.remainingFen)} 元`}
            >
              <Input autoFocus />
            </Form.Item>
            <Form.Item name="method" label="发放方式">
              <Radio.Group
                options={Object.entries(METHODS).map(([value, label]) => ({
                  value,
                  label: value === 'bank' ? `${label}（转入本户一卡通账号）` : `${label}（窗口领取）`,
                }))}
              />
            </Form.Item>
            <Form.Item name="paidOn" label="发放日期" rules={choose('发放日期')}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="note" label="备注">
              <Input maxLength={200} />
            </Form.Item>
          </>
        ) : (
          <>
            <p>每月金额为批准金额 {formatYuan(c.approvedFen ?? 0)} 元，由每月的发放批次转入本户一卡通账号。</p>
            <Form.Item name="startMonth" label="起发月份" rules={choose('起发月份')}>
              <Select placeholder="请选择月份" options={valueOptions(monthRange(-6, 23))} />
            </Form.Item>
            <Form.Item name="endMonth" label="停发月份（不填则长期发放）">
              <Select allowClear placeholder="不填则长期发放" options={valueOptions(monthRange(-6, 23))} />
            </Form.Item>
          </>
        )}
      </FormDialog>
    </Card>
  );
}
