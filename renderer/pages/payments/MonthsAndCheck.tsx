// 月度结账 (admin closes a month; reopening needs a reason) and 核对 (each posted batch against the ledger).
import { Alert, Button, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';

import { formatYuan } from '../../../shared/domain/money';
import type { LedgerCheck } from '../../../shared/schemas/payments';
import type { SessionState } from '../../../shared/schemas/staff';
import { call } from '../../api';
import { FormDialog } from '../../components/FormDialog';
import { type FormProblem, showResultError } from '../../components/forms';
import { valueOptions } from '../../components/options';
import { choose, fill } from '../../components/rules';
import { monthRange, today } from '../../components/today';

type Closed = { month: string; closedBy: string; closedAt: string };

export function ClosedMonths({ session }: { session: SessionState }) {
  const admin = session.staff!.roles.includes('admin');
  const [rows, setRows] = useState<Closed[]>([]);
  const [reopening, setReopening] = useState<string | null>(null);
  const [closing, setClosing] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [form] = Form.useForm();
  const load = useCallback(() => void call('months.list', {}).then((r) => r.ok && setRows(r.value)), []);
  useEffect(load, [load]);
  const submit = async (v: { month: string; reason?: string }) => {
    const r = reopening
      ? await call('months.reopen', { month: reopening, reason: v.reason ?? '' })
      : await call('months.close', { month: v.month });
    if (!r.ok) return showResultError(form, r.error, setProblem);
    setClosing(false);
    setReopening(null);
    load();
  };
  const open = (month: string | null) => (
    form.resetFields(),
    setProblem(null),
    month ? setReopening(month) : setClosing(true)
  );
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message="已结账月份内不能再过账或冲正。结账和反结账只能由管理员操作，反结账须说明原因，均记入操作日志。"
      />
      {admin && (
        <Button type="primary" style={{ marginBottom: 12 }} onClick={() => open(null)}>
          结账
        </Button>
      )}
      <Table<Closed>
        rowKey="month"
        size="small"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: '还没有结账的月份' }}
        columns={[
          { title: '月份', dataIndex: 'month' },
          { title: '结账人', dataIndex: 'closedBy' },
          { title: '结账时间', dataIndex: 'closedAt', render: (t: string) => t.slice(0, 16).replace('T', ' ') },
          {
            title: '',
            key: 'reopen',
            render: (_, r) =>
              admin && (
                <Button size="small" onClick={() => open(r.month)}>
                  反结账
                </Button>
              ),
          },
        ]}
      />
      <FormDialog
        open={closing || !!reopening}
        title={reopening ? `反结账 ${reopening}` : '结账'}
        okText="确定"
        form={form}
        problem={problem}
        onFinish={submit}
        onCancel={() => (setClosing(false), setReopening(null))}
        initialValues={{ month: today().subtract(1, 'month').format('YYYY-MM') }}
      >
        {reopening ? (
          <Form.Item name="reason" label="反结账原因" rules={fill('反结账原因')}>
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>
        ) : (
          <Form.Item name="month" label="结账月份" rules={choose('结账月份')}>
            <Select options={valueOptions(monthRange(0, -11))} />
          </Form.Item>
        )}
      </FormDialog>
    </>
  );
}

export function LedgerCheckPanel() {
  const [check, setCheck] = useState<LedgerCheck | null>(null);
  const run = useCallback(() => void call('payments.check', {}).then((r) => r.ok && setCheck(r.value)), []);
  useEffect(run, [run]);
  if (!check) return null;
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        {check.ok ? <Tag color="green">全部相符</Tag> : <Tag color="red">发现不符</Tag>}
        <Button onClick={run}>重新核对</Button>
      </Space>
      <Table
        rowKey="id"
        size="small"
        dataSource={check.batches}
        pagination={{ pageSize: 20 }}
        data-testid="batch-check"
        columns={[
          { title: '批次号', dataIndex: 'batchNo' },
          { title: '月份', dataIndex: 'month' },
          { title: '登记人数', dataIndex: 'storedCount', align: 'right' },
          { title: '台账人数', dataIndex: 'ledgerCount', align: 'right' },
          { title: '登记金额(元)', dataIndex: 'storedFen', align: 'right', render: formatYuan },
          { title: '台账金额(元)', dataIndex: 'ledgerFen', align: 'right', render: formatYuan },
          {
            title: '结果',
            dataIndex: 'ok',
            render: (ok: boolean) => (ok ? <Tag color="green">相符</Tag> : <Tag color="red">不符</Tag>),
          },
        ]}
      />
      {check.totalsOff > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          message={`发放汇总与明细有 ${check.totalsOff} 处不符，请备份台账后联系技术支持`}
        />
      )}
      {check.overpaid.length > 0 && (
        <Alert
          type="error"
          showIcon
          message={`超额发放：${check.overpaid.map((o) => `${o.acceptanceNo}（批准 ${formatYuan(o.approvedFen)} 元，已发 ${formatYuan(o.paidFen)} 元）`).join('；')}`}
        />
      )}
    </>
  );
}
