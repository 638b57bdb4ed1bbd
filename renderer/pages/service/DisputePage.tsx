// One dispute: its parties and facts, the mediation sessions (each printable as its 调解笔录), the result (the
// 协议书 to print), the follow-up visits, its timeline, and the steps its state allows next.
import { PrinterOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Space,
  Table,
  Tag,
  Tooltip,
} from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';

import type { Input as Sent } from '../../../shared/contract';
import {
  AGREEMENTS,
  DISPUTE_SOURCES,
  DISPUTE_STATES,
  FOLLOWUPS,
  PARTY_ROLES,
  type Route,
  ROUTES,
} from '../../../shared/domain/disputes';
import { FIELDS as F } from '../../../shared/domain/fields';
import { formatYuan } from '../../../shared/domain/money';
import type { DisputeDetail, DisputeParty } from '../../../shared/schemas/disputes';
import { call } from '../../api';
import { labelOptions } from '../../components/options';
import { go } from '../../components/router';
import { choose, fill, required } from '../../components/rules';
import { StepTimeline } from '../../components/StepTimeline';
import { today } from '../../components/today';
import { useRecord } from '../../components/useRecord';
import { StepDialog, WithdrawDialog } from './fields';

type Step = 'session' | 'conclude' | 'followUp' | 'withdraw';
type Done = (d: DisputeDetail | null) => void;
const day = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');
const area = (rows = 3, max = 2000) => <Input.TextArea rows={rows} maxLength={max} showCount />;

function Session({ d, onDone }: { d: DisputeDetail; onDone: Done }) {
  type V = Omit<Sent<'disputes.session'>, 'id' | 'heldOn'> & { heldOn: dayjs.Dayjs };
  const attendees = [...d.partyList.map((p) => p.name), ...d.mediatorList.map((m) => m.name)].join('、');
  return (
    <StepDialog<V, DisputeDetail>
      title="记录调解"
      okText="保存"
      initialValues={{ heldOn: today(), attendees, place: `${d.area}调解室` }}
      send={(v) => call('disputes.session', { ...v, id: d.id, heldOn: day(v.heldOn) })}
      onDone={onDone}
    >
      <Space size="middle" align="start">
        <Form.Item name="heldOn" label="调解日期" rules={choose('调解日期')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="place" label="调解地点" rules={required(F.place)}>
          <Input maxLength={60} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="recorder" label="记录人">
          <Input maxLength={20} style={{ width: 110 }} />
        </Form.Item>
      </Space>
      <Form.Item name="attendees" label="参加人员" rules={required(F.attendees)}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="statements" label="调解经过（各方陈述）" rules={fill('调解经过')}>
        {area(5)}
      </Form.Item>
      <Form.Item name="proposal" label="调解意见（调解员提出的方案）">
        {area(2)}
      </Form.Item>
    </StepDialog>
  );
}

function Conclude({ d, onDone }: { d: DisputeDetail; onDone: Done }) {
  type V = {
    result: 'oral' | 'written' | 'failed' | 'transferred';
    concludedOn: dayjs.Dayjs;
    terms?: string;
    responsibilities?: string;
    performance?: string;
    copies: number;
    route: Route;
    note?: string;
    to?: string;
  };
  const [form] = Form.useForm<V>();
  const result = Form.useWatch('result', form);
  const send = (v: V) => {
    const base = { id: d.id, concludedOn: day(v.concludedOn), terms: v.terms ?? '', note: v.note ?? '' };
    if (v.result === 'oral') return call('disputes.conclude', { ...base, result: 'oral' });
    if (v.result === 'failed') return call('disputes.conclude', { ...base, result: 'failed', route: v.route });
    if (v.result === 'transferred')
      return call('disputes.conclude', { ...base, result: 'transferred', to: v.to ?? '' });
    const { responsibilities = '', performance = '', copies } = v;
    return call('disputes.conclude', { ...base, result: 'written', responsibilities, performance, copies });
  };
  return (
    <StepDialog<V, DisputeDetail>
      title="办结"
      okText="办结"
      form={form}
      initialValues={{ result: 'written', concludedOn: today(), copies: d.partyList.length + 1 }}
      send={send}
      onDone={onDone}
    >
      <Space size="middle" align="start">
        <Form.Item name="result" label="调解结果">
          <Radio.Group
            options={[
              { value: 'written', label: '调解成功·书面协议' },
              { value: 'oral', label: '调解成功·口头协议' },
              { value: 'failed', label: '调解不成' },
              { value: 'transferred', label: '转交' },
            ]}
          />
        </Form.Item>
        <Form.Item name="concludedOn" label="办结日期" rules={choose('办结日期')}>
          <DatePicker />
        </Form.Item>
      </Space>
      {result === 'oral' && (
        <Form.Item
          name="terms"
          label="口头协议内容（人民调解法第二十八条：应记录协议内容）"
          rules={fill('口头协议内容')}
        >
          {area()}
        </Form.Item>
      )}
      {result === 'written' && (
        <>
          <Form.Item name="responsibilities" label="责任认定（可不填）">
            {area(2)}
          </Form.Item>
          <Form.Item name="terms" label="协议内容（双方达成的条款）">
            {area(4)}
          </Form.Item>
          <Space size="middle" align="start">
            <Form.Item name="performance" label="履行方式、时限和地点">
              <Input.TextArea rows={2} maxLength={500} style={{ width: 420 }} />
            </Form.Item>
            <Form.Item name="copies" label="协议书份数" rules={fill('份数')}>
              <InputNumber min={2} max={10} precision={0} />
            </Form.Item>
          </Space>
        </>
      )}
      {result === 'failed' && (
        <>
          <Form.Item name="route" label="建议的解决途径" rules={required(F.route)}>
            <Radio.Group options={labelOptions(ROUTES)} />
          </Form.Item>
          <Form.Item name="note" label="调解不成的原因" rules={required(F.failedReason)}>
            <Input maxLength={500} />
          </Form.Item>
        </>
      )}
      {result === 'transferred' && (
        <>
          <Form.Item name="to" label="转交单位" rules={required(F.referredTo)}>
            <Input maxLength={60} placeholder="如：县人民调解委员会、派出所、劳动监察大队" />
          </Form.Item>
          <Form.Item name="note" label="转交说明">
            <Input maxLength={500} />
          </Form.Item>
        </>
      )}
    </StepDialog>
  );
}

function FollowUp({ d, onDone }: { d: DisputeDetail; onDone: Done }) {
  type V = { visitedOn: dayjs.Dayjs; outcome: 'kept' | 'partly' | 'broken'; note?: string };
  return (
    <StepDialog<V, DisputeDetail>
      title="回访协议履行情况"
      okText="保存"
      initialValues={{ visitedOn: today() }}
      send={(v) => call('disputes.followUp', { id: d.id, ...v, visitedOn: day(v.visitedOn), note: v.note ?? '' })}
      onDone={onDone}
    >
      <Form.Item name="outcome" label="协议履行情况" rules={required(F.outcome)}>
        <Radio.Group options={labelOptions(FOLLOWUPS)} />
      </Form.Item>
      <Form.Item name="visitedOn" label="回访日期" rules={choose('回访日期')}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="note" label="回访情况">
        <Input maxLength={500} />
      </Form.Item>
    </StepDialog>
  );
}

const partyColumns = [
  { title: '身份', dataIndex: 'role', width: 90, render: (r: DisputeParty['role']) => PARTY_ROLES[r] },
  { title: '姓名', dataIndex: 'name', width: 90 },
  { title: '身份证号', dataIndex: 'idNumber', width: 180 },
  { title: '电话', dataIndex: 'phone', width: 120 },
  { title: '住址', dataIndex: 'address' },
  {
    title: '台账住户',
    dataIndex: 'householdId',
    width: 90,
    render: (h: number | null) => h && <a href={`#/ledger/household/${h}`}>户号 {h}</a>,
  },
];

function StateTag({ d }: { d: DisputeDetail }) {
  const color = { open: 'blue', settled: 'green', failed: 'orange', transferred: 'purple', withdrawn: 'default' };
  return (
    <>
      <Tag color={color[d.status]}>{DISPUTE_STATES[d.status]}</Tag>
      {d.status === 'open' && d.daysLeft !== null && d.daysLeft >= 0 && (
        <Tag color={d.daysLeft <= 5 ? 'orange' : 'default'}>距调解期限 {d.daysLeft} 天</Tag>
      )}
      {d.overdueDays > 0 && (
        <Tag color="red">
          {d.status === 'open' ? '超期' : '超期办结'} {d.overdueDays} 天
        </Tag>
      )}
    </>
  );
}

export function DisputePage({ id }: { id: number }) {
  const { value: d, error, set } = useRecord('disputes.get', { id });
  const [step, setStep] = useState<Step | null>(null);
  if (error) return <Result status="404" title={error.message} />;
  if (!d) return null;
  const done: Done = (next) => (setStep(null), next && set(next));
  const open = d.status === 'open';
  return (
    <div className="page">
      <h1 className="page-title">
        矛盾纠纷 {d.id} <StateTag d={d} />
      </h1>
      <Space style={{ marginBottom: 12 }}>
        {open && (
          <Button type={d.sessions.length ? 'default' : 'primary'} onClick={() => setStep('session')}>
            记录调解
          </Button>
        )}
        {open && (
          <Tooltip title={d.canConclude ? '' : `由本案调解员（${d.mediators}）、登记人（${d.recordedBy}）或管理员办结`}>
            <Button
              type={d.sessions.length ? 'primary' : 'default'}
              disabled={!d.canConclude}
              onClick={() => setStep('conclude')}
            >
              办结
            </Button>
          </Tooltip>
        )}
        {d.agreement === 'written' && (
          <Button icon={<PrinterOutlined />} onClick={() => go(`/print/agreement/${d.id}`)}>
            打印协议书
          </Button>
        )}
        {d.status === 'settled' && (
          <Button type="primary" onClick={() => setStep('followUp')}>
            回访
          </Button>
        )}
        {open && (
          <Button danger onClick={() => setStep('withdraw')}>
            撤回
          </Button>
        )}
      </Space>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={4}>
          <Descriptions.Item label="受理">{`${d.acceptedOn}（${DISPUTE_SOURCES[d.source]}）`}</Descriptions.Item>
          <Descriptions.Item label="纠纷类型">{d.type}</Descriptions.Item>
          <Descriptions.Item label="村/社区">{d.area}</Descriptions.Item>
          <Descriptions.Item label="调解期限">{d.dueOn}</Descriptions.Item>
          <Descriptions.Item label="涉及人数">{d.persons} 人</Descriptions.Item>
          <Descriptions.Item label="涉及金额">{d.amountFen ? `${formatYuan(d.amountFen)} 元` : '—'}</Descriptions.Item>
          <Descriptions.Item label="调解员" span={2}>
            {d.mediators}
          </Descriptions.Item>
          <Descriptions.Item label="纠纷事实及争议事项" span={4}>
            {d.facts}
          </Descriptions.Item>
          {d.agreement && (
            <Descriptions.Item label={AGREEMENTS[d.agreement]} span={4}>
              {d.agreementNo && <b>{d.agreementNo}　</b>}
              {d.terms}
              {d.performance && `（履行：${d.performance}）`}
            </Descriptions.Item>
          )}
          {d.route && (
            <Descriptions.Item label="调解不成" span={4}>
              {d.conclusionNote}；建议{ROUTES[d.route]}
            </Descriptions.Item>
          )}
          {d.transferredTo && (
            <Descriptions.Item label="转交" span={4}>
              {d.transferredTo}
              {d.conclusionNote && `：${d.conclusionNote}`}
            </Descriptions.Item>
          )}
          {d.withdrawReason && (
            <Descriptions.Item label="撤回原因" span={4}>
              {d.withdrawReason}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card size="small" title="当事人" style={{ marginBottom: 12 }}>
        <Table rowKey="seq" size="small" pagination={false} dataSource={d.partyList} columns={partyColumns} />
      </Card>
      <Card size="small" title="调解记录" style={{ marginBottom: 12 }} data-testid="sessions">
        {d.sessions.length === 0 && (
          <div className="muted">还没有调解记录。每次调解后点 记录调解，可打印调解笔录供签字。</div>
        )}
        {d.sessions.map((s, i) => (
          <div key={s.id} className="dispute-session">
            <Space>
              <b>
                第 {i + 1} 次　{s.heldOn}　{s.place}
              </b>
              <Button
                size="small"
                icon={<PrinterOutlined />}
                onClick={() => go(`/print/record/${d.id}?session=${s.id}`)}
              >
                打印笔录
              </Button>
            </Space>
            <div className="muted">参加人员：{s.attendees}</div>
            <div className="pre">{s.statements}</div>
            {s.proposal && <div className="pre">调解意见：{s.proposal}</div>}
          </div>
        ))}
      </Card>
      {d.followups.length > 0 && (
        <Card size="small" title="回访" style={{ marginBottom: 12 }} data-testid="followups">
          {d.followups.map((f) => (
            <div key={f.id}>
              {f.visitedOn}　<Tag>{FOLLOWUPS[f.outcome]}</Tag>
              {f.note}　<span className="muted">{f.by}</span>
            </div>
          ))}
        </Card>
      )}
      <Card size="small" title="办理过程">
        <StepTimeline steps={d.timeline} />
      </Card>
      {step === 'session' && <Session d={d} onDone={done} />}
      {step === 'conclude' && <Conclude d={d} onDone={done} />}
      {step === 'followUp' && <FollowUp d={d} onDone={done} />}
      {step === 'withdraw' && (
        <WithdrawDialog
          what="纠纷"
          onDone={done}
          withdraw={(reason) => call('disputes.withdraw', { id: d.id, reason })}
        />
      )}
    </div>
  );
}
