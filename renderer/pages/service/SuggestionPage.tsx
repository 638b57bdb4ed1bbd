// One suggestion: what was raised and by whom, who handles it by when, the answer and result, the follow-up visit,
// its timeline, and the step its state allows next.
import { Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Radio, Result, Space, Tag } from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';

import { FIELDS as F } from '../../../shared/domain/fields';
import {
  REVISITS,
  SUGGESTION_CHANNELS,
  SUGGESTION_RESULTS,
  SUGGESTION_STATES,
  type SuggestionResult,
} from '../../../shared/domain/service';
import type { SuggestionDetail } from '../../../shared/schemas/service';
import { call } from '../../api';
import { labelOptions } from '../../components/options';
import { choose, required } from '../../components/rules';
import { StepTimeline } from '../../components/StepTimeline';
import { today } from '../../components/today';
import { useRecord } from '../../components/useRecord';
import { StepDialog, WithdrawDialog } from './fields';
import { AnswerFields } from './SuggestionsPage';

type Step = 'assign' | 'answer' | 'revisit' | 'withdraw';
type Done = (s: SuggestionDetail | null) => void;
const day = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');

function Assign({ s, onDone }: { s: SuggestionDetail; onDone: Done }) {
  type V = { handler: string; assignedOn: dayjs.Dayjs; workingDays: number };
  return (
    <StepDialog<V, SuggestionDetail>
      title="交办"
      okText="交办"
      initialValues={{ assignedOn: today(), workingDays: 5, handler: s.handler ?? undefined }}
      send={(v) =>
        call('suggestions.assign', {
          id: s.id,
          handler: v.handler,
          assignedOn: day(v.assignedOn),
          workingDays: v.workingDays,
        })
      }
      onDone={onDone}
    >
      <Form.Item name="handler" label="承办人或部门" rules={required(F.handler)}>
        <Input maxLength={40} autoFocus placeholder="如：村委会、城建办、派出所" />
      </Form.Item>
      <Space size="middle">
        <Form.Item name="assignedOn" label="交办日期" rules={choose('交办日期')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="workingDays" label="办理时限（工作日）" rules={required(F.timeLimitDays)}>
          <InputNumber min={1} max={60} />
        </Form.Item>
      </Space>
      <div className="muted">期限按工作日计算，节假日不计（设置 → 节假日）。</div>
    </StepDialog>
  );
}

function Answer({ s, onDone }: { s: SuggestionDetail; onDone: Done }) {
  type V = { answeredOn: dayjs.Dayjs; answer: string; result: SuggestionResult; resultReason?: string };
  return (
    <StepDialog<V, SuggestionDetail>
      title="答复办结"
      okText="办结"
      initialValues={{ answeredOn: today() }}
      send={(v) =>
        call('suggestions.answer', {
          id: s.id,
          ...v,
          answeredOn: day(v.answeredOn),
          resultReason: v.resultReason ?? '',
        })
      }
      onDone={onDone}
    >
      <Form.Item name="answeredOn" label="答复日期" rules={choose('答复日期')}>
        <DatePicker />
      </Form.Item>
      <AnswerFields />
    </StepDialog>
  );
}

function Revisit({ s, onDone }: { s: SuggestionDetail; onDone: Done }) {
  type V = { revisitedOn: dayjs.Dayjs; revisit: 'satisfied' | 'unsatisfied'; note?: string };
  return (
    <StepDialog<V, SuggestionDetail>
      title="回访"
      okText="保存"
      initialValues={{ revisitedOn: today() }}
      send={(v) =>
        call('suggestions.revisit', {
          id: s.id,
          revisitedOn: day(v.revisitedOn),
          revisit: v.revisit,
          note: v.note ?? '',
        })
      }
      onDone={onDone}
    >
      <Form.Item name="revisit" label="群众是否满意" rules={required(F.revisit)}>
        <Radio.Group options={labelOptions(REVISITS)} />
      </Form.Item>
      <Form.Item name="revisitedOn" label="回访日期" rules={choose('回访日期')}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="note" label="回访情况">
        <Input maxLength={200} />
      </Form.Item>
    </StepDialog>
  );
}

export function SuggestionPage({ id }: { id: number }) {
  const { value: s, error, set } = useRecord('suggestions.get', { id });
  const [step, setStep] = useState<Step | null>(null);
  if (error) return <Result status="404" title={error.message} />;
  if (!s) return null;
  const done: Done = (next) => (setStep(null), next && set(next));
  const inHand = s.status === 'collected' || s.status === 'assigned';
  return (
    <div className="page">
      <h1 className="page-title">
        意见建议 {s.id}{' '}
        <Tag color={s.status === 'closed' ? 'green' : s.status === 'withdrawn' ? 'default' : 'blue'}>
          {SUGGESTION_STATES[s.status]}
        </Tag>
        {s.overdueDays > 0 && (
          <Tag color="red">
            {s.status === 'closed' ? '超期办结' : '超期'} {s.overdueDays} 天
          </Tag>
        )}
      </h1>
      <Space style={{ marginBottom: 12 }}>
        {inHand && (
          <Button type={s.status === 'collected' ? 'primary' : 'default'} onClick={() => setStep('assign')}>
            {s.status === 'assigned' ? '改派' : '交办'}
          </Button>
        )}
        {s.status === 'assigned' && (
          <Button type="primary" onClick={() => setStep('answer')}>
            答复办结
          </Button>
        )}
        {s.status === 'closed' && !s.revisit && (
          <Button type="primary" onClick={() => setStep('revisit')}>
            回访
          </Button>
        )}
        {inHand && (
          <Button danger onClick={() => setStep('withdraw')}>
            撤回
          </Button>
        )}
      </Space>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="内容" span={3}>
            {s.content}
          </Descriptions.Item>
          <Descriptions.Item label="类别">{s.category}</Descriptions.Item>
          <Descriptions.Item label="村/社区">{s.area}</Descriptions.Item>
          <Descriptions.Item label="反映人">{s.resident || '匿名'}</Descriptions.Item>
          <Descriptions.Item label="收集">{`${s.collectedOn}（${SUGGESTION_CHANNELS[s.channel]}）`}</Descriptions.Item>
          <Descriptions.Item label="收集人">{s.collectorName ?? '—'}</Descriptions.Item>
          {s.householdId && (
            <Descriptions.Item label="台账住户">
              <a href={`#/ledger/household/${s.householdId}`}>户号 {s.householdId}</a>
            </Descriptions.Item>
          )}
          {s.handler && <Descriptions.Item label="承办">{s.handler}</Descriptions.Item>}
          {s.dueOn && <Descriptions.Item label="办理期限">{s.dueOn}</Descriptions.Item>}
          {s.answer && (
            <Descriptions.Item label={s.onTheSpot ? '立即答复' : '答复'} span={3}>
              {s.answer}
            </Descriptions.Item>
          )}
          {s.result && (
            <Descriptions.Item label="办理结果">
              {SUGGESTION_RESULTS[s.result]}
              {s.resultReason ? `（${s.resultReason}）` : ''}
            </Descriptions.Item>
          )}
          {s.revisit && (
            <Descriptions.Item label="回访">{`${REVISITS[s.revisit]}（${s.revisitedOn}）${s.revisitNote ?? ''}`}</Descriptions.Item>
          )}
          {s.withdrawReason && (
            <Descriptions.Item label="撤回原因" span={3}>
              {s.withdrawReason}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card size="small" title="办理过程">
        <StepTimeline steps={s.timeline} />
      </Card>
      {step === 'assign' && <Assign s={s} onDone={done} />}
      {step === 'answer' && <Answer s={s} onDone={done} />}
      {step === 'revisit' && <Revisit s={s} onDone={done} />}
      {step === 'withdraw' && (
        <WithdrawDialog
          what="意见建议"
          onDone={done}
          withdraw={(reason) => call('suggestions.withdraw', { id: s.id, reason })}
        />
      )}
    </div>
  );
}
