// One case: what was asked, what is missing, the clock, the timeline of every step, and the next actions.
import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Result, Space, Tag, Timeline, Tooltip } from 'antd';
import { useState } from 'react';

import { formatYuan } from '../../../shared/domain/money';
import { nextStep, STATE_LABELS } from '../../../shared/domain/workflow';
import type { SessionState } from '../../../shared/schemas/staff';
import { FormDialog } from '../../components/FormDialog';
import { type FormProblem, showResultError } from '../../components/forms';
import { go } from '../../components/router';
import { todayText } from '../../components/today';
import { useRecord } from '../../components/useRecord';
import { CasePayments } from '../payments/CasePayments';
import { ACTION_DEFS, type ActionDef } from './actions';
import { daysLeftText } from './columns';

const STEP_LABELS: Record<string, string> = {
  register: '受理',
  investigate: '入户调查',
  review: '审核',
  publicize: '公示',
  object: '公示异议',
  approve: '审批通过',
  reject: '不予批准',
  withdraw: '撤回',
  urgentApprove: '先行救助',
  completePaperwork: '补齐材料',
  pay: '发放',
  reverse: '冲正',
};

function stepText(detail: Record<string, unknown>): string {
  const d = detail as {
    amountFen?: number;
    batchNo?: string;
    investigators?: string[];
    findings?: string;
    opinion?: string;
    objection?: string;
    reason?: string;
    approvedFen?: number;
    from?: string;
    to?: string;
    note?: string;
    materials?: string[];
  };
  return [
    d.investigators && `调查人：${d.investigators.join('、')}`,
    d.findings,
    d.opinion,
    d.objection,
    d.reason,
    d.note,
    d.from && `公示期 ${d.from} 至 ${d.to}`,
    d.approvedFen && `批准金额 ${formatYuan(d.approvedFen)} 元`,
    d.amountFen && `发放 ${formatYuan(d.amountFen)} 元`,
    d.batchNo && `发放批次 ${d.batchNo}`,
  ]
    .filter(Boolean)
    .join('；');
}

export function ApplicationPage({ id, session }: { id: number; session: SessionState }) {
  const [action, setAction] = useState<ActionDef | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [form] = Form.useForm();
  const roles = session.staff!.roles;

  const { value: a, error, reload: load, set: setA } = useRecord('applications.get', { id });

  if (error) return <Result status="404" title={error.message} />;
  if (!a) return null;
  const actions = ACTION_DEFS.filter((d) => d.when(a) && (d.roles === 'any' || d.roles.some((r) => roles.includes(r))));
  const next = nextStep(a, todayText());
  const submit = async (v: Record<string, unknown>) => {
    const r = await action!.run(a, v);
    if (!r.ok) return showResultError(form, r.error, setProblem);
    setAction(null);
    setA(r.value);
  };

  return (
    <div className="page">
      <h1 className="page-title">
        受理编号 {a.acceptanceNo} · {a.personName}{' '}
        <Tag color={a.daysLeft !== null && a.daysLeft < 0 ? 'red' : 'blue'}>{STATE_LABELS[a.state]}</Tag>
        {a.urgent && <Tag color="orange">先行救助</Tag>}
        {a.countyReview && <Tag color="purple">报县审批</Tag>}
      </h1>
      {next && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="next-step"
          message={
            <>
              下一步：{next.text}　<span className="muted">由 {next.who}</span>
            </>
          }
        />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="救助类别">{a.kind}</Descriptions.Item>
          <Descriptions.Item label="户号">
            <a href={`#/ledger/household/${a.householdId}`}>{a.householdId}</a>（{a.area}）
          </Descriptions.Item>
          <Descriptions.Item label="受理">
            {a.acceptedOn}（{a.registeredBy}）
          </Descriptions.Item>
          <Descriptions.Item label="申请金额">{formatYuan(a.requestedFen)} 元</Descriptions.Item>
          <Descriptions.Item label="批准金额">
            {a.approvedFen ? `${formatYuan(a.approvedFen)} 元` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="办结时限">
            {a.deadline}　<b data-testid="days-left">{daysLeftText(a)}</b>
          </Descriptions.Item>
          <Descriptions.Item label="申请事由" span={3}>
            {a.reason}
          </Descriptions.Item>
          <Descriptions.Item label="缺少材料" span={3}>
            {a.materialsMissing.length ? (
              <span style={{ color: '#d46b08' }}>{a.materialsMissing.join('、')}</span>
            ) : (
              '无'
            )}
          </Descriptions.Item>
          {a.publicityFrom && (
            <Descriptions.Item label="公示期">
              {a.publicityFrom} 至 {a.publicityTo}
            </Descriptions.Item>
          )}
          {a.paperworkDue && (
            <Descriptions.Item label="补齐材料期限">
              {a.paperworkDue}
              {a.paperworkDoneOn ? `（已于 ${a.paperworkDoneOn} 补齐）` : ''}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Space wrap>
          {actions.map((d) => {
            // An action that cannot succeed yet is shown disabled, with the day it can (审批 during 公示).
            const wait = d.notYet?.(a, todayText());
            const button = (
              <Button
                key={d.key}
                type={d.danger ? 'default' : 'primary'}
                danger={d.danger}
                disabled={!!wait}
                onClick={() => (form.resetFields(), setProblem(null), setAction(d))}
              >
                {d.label}
              </Button>
            );
            return wait ? (
              <Tooltip key={d.key} title={wait}>
                <span>{button}</span>
              </Tooltip>
            ) : (
              button
            );
          })}
          <Button icon={<PrinterOutlined />} onClick={() => go(`/print/receipt/${a.id}`)}>
            受理回执
          </Button>
          {a.materialsMissing.length > 0 && (
            <Button icon={<PrinterOutlined />} onClick={() => go(`/print/notice/${a.id}`)}>
              一次性告知单
            </Button>
          )}
          {a.state === 'rejected' && (
            <Button icon={<PrinterOutlined />} onClick={() => go(`/print/rejection/${a.id}`)}>
              不予批准通知书
            </Button>
          )}
        </Space>
      </Card>
      <CasePayments a={a} onChange={load} />
      <Card size="small" title="办理过程">
        <Timeline
          items={a.steps.map((s) => ({
            color:
              s.action === 'reject' || s.action === 'object'
                ? 'red'
                : s.action === 'approve' || s.action === 'urgentApprove'
                  ? 'green'
                  : 'blue',
            children: (
              <>
                <b>{STEP_LABELS[s.action] ?? s.action}</b>　{s.onDate}　{s.staffName}
                <div className="muted">{stepText(s.detail)}</div>
              </>
            ),
          }))}
        />
      </Card>
      <FormDialog
        open={!!action}
        title={action?.label}
        okText="确定"
        form={form}
        problem={problem}
        onFinish={submit}
        onCancel={() => setAction(null)}
      >
        {typeof action?.fields === 'function' ? action.fields(a) : action?.fields}
      </FormDialog>
    </div>
  );
}
