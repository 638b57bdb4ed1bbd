// One wish: who asked and what, its deadline, who claimed it, what was done (with the photo), its timeline, and the
// step its state allows next.
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Radio, Result, Select, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';

import { FIELDS as F } from '../../../shared/domain/fields';
import { formatYuan } from '../../../shared/domain/money';
import { WISH_CHANNELS, WISH_STATES } from '../../../shared/domain/service';
import type { WishDetail } from '../../../shared/schemas/service';
import type { SessionState } from '../../../shared/schemas/staff';
import { call } from '../../api';
import { choose, fill, required } from '../../components/rules';
import { ServerSelect } from '../../components/ServerSelect';
import { StepTimeline } from '../../components/StepTimeline';
import { today } from '../../components/today';
import { useRecord } from '../../components/useRecord';
import { PhotoField, StepDialog, WithdrawDialog } from './fields';

type Step = 'decide' | 'claim' | 'fulfil' | 'withdraw';
const day = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');

type DecideForm = {
  decision: 'accept' | 'decline';
  decidedOn: dayjs.Dayjs;
  standard: string;
  dueOn: dayjs.Dayjs;
  reason: string;
};

function Decide({ w, onDone }: { w: WishDetail; onDone: (w: WishDetail | null) => void }) {
  const [form] = Form.useForm<DecideForm>();
  const decision = Form.useWatch('decision', form);
  const send = (v: DecideForm) => {
    const base = { id: w.id, decidedOn: day(v.decidedOn) };
    return call(
      'wishes.decide',
      v.decision === 'accept'
        ? { ...base, decision: 'accept', standard: v.standard, dueOn: v.dueOn ? day(v.dueOn) : '' }
        : { ...base, decision: 'decline', reason: v.reason },
    );
  };
  const presets = [7, 15, 30].map((n) => ({ label: `${n} 天内`, value: today().add(n, 'day') }));
  return (
    <StepDialog<DecideForm, WishDetail>
      title="审定心愿"
      okText="确定"
      form={form}
      send={send}
      onDone={onDone}
      initialValues={{ decision: 'accept', decidedOn: today() }}
    >
      <Form.Item name="decision">
        <Radio.Group
          options={[
            { value: 'accept', label: '采纳' },
            { value: 'decline', label: '不予采纳' },
          ]}
        />
      </Form.Item>
      <Form.Item name="decidedOn" label="审定日期" rules={choose('审定日期')}>
        <DatePicker />
      </Form.Item>
      {decision === 'decline' ? (
        <Form.Item name="reason" label="不予采纳的原因（将告知群众）" rules={fill('原因')}>
          <Input.TextArea rows={2} maxLength={200} autoFocus />
        </Form.Item>
      ) : (
        <>
          <Form.Item name="standard" label="服务标准" rules={required(F.standard)}>
            <Input.TextArea rows={2} maxLength={200} autoFocus placeholder="如：更换屋顶破损瓦片，确保不再漏雨" />
          </Form.Item>
          <Form.Item name="dueOn" label="完成期限" rules={choose('完成期限')}>
            <DatePicker presets={presets} />
          </Form.Item>
        </>
      )}
    </StepDialog>
  );
}

type ClaimForm = { cadreIds?: number[]; units?: string[]; claimedOn: dayjs.Dayjs };

function Claim({ w, onDone }: { w: WishDetail; onDone: (w: WishDetail | null) => void }) {
  const send = (v: ClaimForm) =>
    call('wishes.claim', { id: w.id, cadreIds: v.cadreIds ?? [], units: v.units ?? [], claimedOn: day(v.claimedOn) });
  return (
    <StepDialog<ClaimForm, WishDetail>
      title="认领心愿"
      okText="认领"
      send={send}
      onDone={onDone}
      initialValues={{ claimedOn: today() }}
      intro={<p className="muted">可由多名服务人员或单位共同认领。</p>}
    >
      <Form.Item name="cadreIds" label="认领的服务人员（姓名或拼音首字母）">
        <ServerSelect multiple autoFocus aria-label="认领的服务人员" />
      </Form.Item>
      <Form.Item name="units" label="认领单位（结对单位、辖区单位，输入后回车）">
        <Select mode="tags" open={false} aria-label="认领单位" />
      </Form.Item>
      <Form.Item name="claimedOn" label="认领日期" rules={choose('认领日期')}>
        <DatePicker />
      </Form.Item>
    </StepDialog>
  );
}

type FulfilForm = {
  fulfilledOn: dayjs.Dayjs;
  fulfilment: string;
  value?: string;
  feedback?: string;
  photo?: { fileName: string; base64: string };
};

function Fulfil({ w, onDone }: { w: WishDetail; onDone: (w: WishDetail | null) => void }) {
  const send = (v: FulfilForm) =>
    call('wishes.fulfil', {
      id: w.id,
      fulfilledOn: day(v.fulfilledOn),
      fulfilment: v.fulfilment,
      value: v.value ?? '',
      feedback: v.feedback ?? '',
      photo: v.photo,
    });
  return (
    <StepDialog<FulfilForm, WishDetail>
      title="登记心愿实现"
      okText="登记"
      send={send}
      onDone={onDone}
      initialValues={{ fulfilledOn: today() }}
    >
      <Form.Item name="fulfilment" label="完成情况" rules={required(F.fulfilment)}>
        <Input.TextArea rows={3} maxLength={500} autoFocus />
      </Form.Item>
      <Space size="middle" align="start">
        <Form.Item name="fulfilledOn" label="实现日期" rules={choose('实现日期')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="value" label="折合价值（元，可不填）">
          <Input style={{ width: 140 }} />
        </Form.Item>
      </Space>
      <Form.Item name="feedback" label="群众评价">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="photo" label="照片（JPEG 或 PNG，不超过 5 MB，可不传）">
        <PhotoField />
      </Form.Item>
    </StepDialog>
  );
}

export function WishPage({ id, session }: { id: number; session: SessionState }) {
  const { value: w, error, set } = useRecord('wishes.get', { id });
  const [step, setStep] = useState<Step | null>(null);
  if (error) return <Result status="404" title={error.message} />;
  if (!w) return null;
  const roles = session.staff!.roles;
  const reviewer = roles.includes('reviewer') || roles.includes('approver');
  const done = (next: WishDetail | null) => (setStep(null), next && set(next));
  const open = ['collected', 'accepted', 'claimed'].includes(w.status);
  return (
    <div className="page">
      <h1 className="page-title">
        {w.resident}的心愿{' '}
        <Tag
          color={
            w.status === 'fulfilled'
              ? 'green'
              : w.status === 'declined' || w.status === 'withdrawn'
                ? 'default'
                : 'blue'
          }
        >
          {WISH_STATES[w.status]}
        </Tag>
        {w.overdueDays > 0 && <Tag color="red">超期 {w.overdueDays} 天</Tag>}
      </h1>
      <Space style={{ marginBottom: 12 }}>
        {w.status === 'collected' && (
          <Button
            type="primary"
            disabled={!reviewer}
            title={reviewer ? undefined : '由审核人或审批人审定'}
            onClick={() => setStep('decide')}
          >
            审定
          </Button>
        )}
        {(w.status === 'accepted' || w.status === 'claimed') && (
          <Button type={w.status === 'accepted' ? 'primary' : 'default'} onClick={() => setStep('claim')}>
            {w.status === 'claimed' ? '追加认领' : '认领'}
          </Button>
        )}
        {w.status === 'claimed' && (
          <Button type="primary" onClick={() => setStep('fulfil')}>
            登记实现
          </Button>
        )}
        {open && (
          <Button danger onClick={() => setStep('withdraw')}>
            撤回
          </Button>
        )}
      </Space>
      {w.status === 'collected' && !reviewer && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message="下一步：由审核人或审批人审定是否采纳。" />
      )}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="心愿内容" span={3}>
            {w.content}
          </Descriptions.Item>
          <Descriptions.Item label="类别">{w.category}</Descriptions.Item>
          <Descriptions.Item label="村/社区">{w.area}</Descriptions.Item>
          <Descriptions.Item label="电话">{w.phone || '—'}</Descriptions.Item>
          <Descriptions.Item label="征集">{`${w.collectedOn}（${WISH_CHANNELS[w.channel]}）`}</Descriptions.Item>
          {w.householdId && (
            <Descriptions.Item label="台账住户">
              <a href={`#/ledger/household/${w.householdId}`}>户号 {w.householdId}</a>
            </Descriptions.Item>
          )}
          {w.standard && <Descriptions.Item label="服务标准">{w.standard}</Descriptions.Item>}
          {w.dueOn && <Descriptions.Item label="完成期限">{w.dueOn}</Descriptions.Item>}
          {w.declineReason && (
            <Descriptions.Item label="不予采纳的原因" span={3}>
              {w.declineReason}
            </Descriptions.Item>
          )}
          {w.claims.length > 0 && (
            <Descriptions.Item label="认领" span={3}>
              {w.claims.map((c) => `${c.name}（${c.claimedOn}）`).join('、')}
            </Descriptions.Item>
          )}
          {w.fulfilment && (
            <Descriptions.Item label="完成情况" span={2}>
              {w.fulfilment}
            </Descriptions.Item>
          )}
          {w.valueFen > 0 && <Descriptions.Item label="折合价值">{formatYuan(w.valueFen)} 元</Descriptions.Item>}
          {w.feedback && (
            <Descriptions.Item label="群众评价" span={3}>
              {w.feedback}
            </Descriptions.Item>
          )}
          {w.withdrawReason && (
            <Descriptions.Item label="撤回原因" span={3}>
              {w.withdrawReason}
            </Descriptions.Item>
          )}
        </Descriptions>
        {w.photo && (
          <img className="wish-photo" alt="心愿实现照片" src={`data:${w.photo.mime};base64,${w.photo.base64}`} />
        )}
      </Card>
      <Card size="small" title="办理过程">
        <StepTimeline steps={w.timeline} />
      </Card>
      {step === 'decide' && <Decide w={w} onDone={done} />}
      {step === 'claim' && <Claim w={w} onDone={done} />}
      {step === 'fulfil' && <Fulfil w={w} onDone={done} />}
      {step === 'withdraw' && (
        <WithdrawDialog
          what="心愿"
          onDone={done}
          withdraw={(reason) => call('wishes.withdraw', { id: w.id, reason })}
        />
      )}
    </div>
  );
}
