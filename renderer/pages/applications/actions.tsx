// The workflow's actions as the case page offers them: who may see the button, the form, and the call.
import { Checkbox, DatePicker, Form, Input } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';

import { FIELDS as F } from '../../../shared/domain/fields';
import type { Result } from '../../../shared/domain/result';
import type { Role } from '../../../shared/domain/roles';
import { addDays } from '../../../shared/domain/workdays';
import { OPEN_STATES, PUBLICITY_LEAD_DAYS, type State } from '../../../shared/domain/workflow';
import type { ApplicationDetail } from '../../../shared/schemas/applications';
import { call } from '../../api';
import { choose, fill, required } from '../../components/rules';
import { outside, today, todayText } from '../../components/today';

type V = Record<string, unknown>;
const date = (v: V, k: string) => (v[k] as dayjs.Dayjs).format('YYYY-MM-DD');
const req = (message: string) => [{ required: true, message }];

export interface ActionDef {
  key: string;
  label: string;
  danger?: boolean;
  /** Shown when the case is in one of these states and the staff member holds one of these roles. */
  when: (a: ApplicationDetail) => boolean;
  roles: readonly Role[] | 'any';
  /** Why the action cannot succeed yet (and from when), or null: the button is then shown disabled with this. */
  notYet?: (a: ApplicationDetail, today: string) => string | null;
  /** The dialog's fields (a function when they depend on the case). */
  fields: ReactNode | ((a: ApplicationDetail) => ReactNode);
  run: (a: ApplicationDetail, v: V) => Promise<Result<ApplicationDetail>>;
}

const text = (name: string, label: string, rows = 3) => (
  <Form.Item name={name} label={label} rules={fill(label)}>
    <Input.TextArea rows={rows} maxLength={1000} />
  </Form.Item>
);
// A component, so that "today" is read when the dialog opens, not when this module loads.
function DayField({ name, label, from, to }: { name: string; label: string; from?: string; to?: () => string }) {
  return (
    <Form.Item name={name} label={label} initialValue={today()} rules={choose(label)}>
      <DatePicker disabledDate={outside(from, to?.())} />
    </Form.Item>
  );
}
/** `from` and `to` bound the days the picker offers (`to` is read when the dialog opens). */
const day = (name: string, label: string, from?: string, to?: () => string) => (
  <DayField name={name} label={label} from={from} to={to} />
);
const amount = (
  <Form.Item name="amount" label="批准金额（元）" rules={required(F.amount)}>
    <Input placeholder="如 2,000" />
  </Form.Item>
);

export const ACTION_DEFS: ActionDef[] = [
  {
    key: 'investigate',
    label: '入户调查',
    roles: 'any',
    when: (a) => a.state === 'accepted',
    fields: (a) => (
      <>
        <Form.Item label="调查人（两名）" required>
          <Input.Group compact>
            <Form.Item name={['investigators', 0]} noStyle rules={fill('第一名调查人')}>
              <Input style={{ width: '50%' }} placeholder="调查人一" />
            </Form.Item>
            <Form.Item name={['investigators', 1]} noStyle rules={fill('第二名调查人')}>
              <Input style={{ width: '50%' }} placeholder="调查人二" />
            </Form.Item>
          </Input.Group>
        </Form.Item>
        {day('visitedOn', '调查日期', a.acceptedOn, todayText)}
        {text('findings', '调查情况')}
      </>
    ),
    run: (a, v) =>
      call('applications.investigate', {
        id: a.id,
        investigators: v.investigators as [string, string],
        visitedOn: date(v, 'visitedOn'),
        findings: v.findings as string,
      }),
  },
  {
    key: 'review',
    label: '审核',
    roles: ['reviewer'],
    when: (a) => a.state === 'investigated',
    fields: text('opinion', '审核意见'),
    run: (a, v) => call('applications.review', { id: a.id, opinion: v.opinion as string }),
  },
  {
    key: 'publicize',
    label: '开始公示',
    roles: ['reviewer', 'approver'],
    when: (a) => a.state === 'reviewed',
    fields: (
      <>
        {day('fromDate', '公示开始日期', undefined, () => addDays(todayText(), PUBLICITY_LEAD_DAYS))}
        <Form.Item
          name="backdateReason"
          label="补登原因"
          extra="公示从今天开始时不填。公示已在最近 3 个工作日内张贴、需要补登时，由管理员填写原因"
        >
          <Input maxLength={200} />
        </Form.Item>
      </>
    ),
    run: (a, v) =>
      call('applications.publicize', {
        id: a.id,
        fromDate: date(v, 'fromDate'),
        ...(v.backdateReason ? { backdateReason: v.backdateReason as string } : {}),
      }),
  },
  {
    key: 'object',
    label: '登记公示异议',
    roles: 'any',
    when: (a) => a.state === 'publicized',
    fields: text('objection', '异议内容'),
    run: (a, v) => call('applications.object', { id: a.id, objection: v.objection as string }),
  },
  {
    key: 'approve',
    label: '审批通过',
    roles: ['approver'],
    when: (a) => a.state === 'publicized',
    notYet: (a, today) =>
      a.publicityTo && a.publicityTo >= today
        ? `公示期到 ${a.publicityTo}，${addDays(a.publicityTo, 1)} 起可审批`
        : null,
    fields: (a) => (
      <>
        {amount}
        {a.materialsMissing.length > 0 && (
          <Form.Item
            name="waiveReason"
            label="容缺受理理由"
            extra={`还缺少 ${a.materialsMissing.join('、')}。材料补齐前审批，须写明容缺受理的理由（记入办理过程）`}
            rules={req('请填写容缺受理理由，或先登记收到的材料')}
          >
            <Input maxLength={200} />
          </Form.Item>
        )}
        <Form.Item label="县级批复（超过乡镇审批权限时填写）">
          <Input.Group compact>
            <Form.Item name={['countyDocNo']} noStyle>
              <Input style={{ width: '60%' }} placeholder="批复文号" />
            </Form.Item>
            <Form.Item name={['countyDate']} noStyle>
              <DatePicker style={{ width: '40%' }} />
            </Form.Item>
          </Input.Group>
        </Form.Item>
      </>
    ),
    run: (a, v) =>
      call('applications.approve', {
        id: a.id,
        amount: v.amount as string,
        countyDecision: v.countyDocNo ? { docNo: v.countyDocNo as string, date: date(v, 'countyDate') } : undefined,
        ...(v.waiveReason ? { waiveReason: v.waiveReason as string } : {}),
      }),
  },
  {
    key: 'reject',
    label: '不予批准',
    danger: true,
    roles: ['approver'],
    when: (a) => ['investigated', 'reviewed', 'publicized'].includes(a.state),
    fields: text('reason', '不予批准的理由'),
    run: (a, v) => call('applications.reject', { id: a.id, reason: v.reason as string }),
  },
  {
    key: 'urgent',
    label: '先行救助',
    roles: ['approver'],
    when: (a) => a.state === 'accepted' && a.kindCode.startsWith('temporary_relief'),
    fields: (
      <>
        {amount}
        {text('reason', '先行救助理由', 2)}
      </>
    ),
    run: (a, v) =>
      call('applications.urgentApprove', { id: a.id, amount: v.amount as string, reason: v.reason as string }),
  },
  {
    key: 'paperwork',
    label: '补齐材料',
    roles: 'any',
    when: (a) => a.urgent && !a.paperworkDoneOn,
    fields: text('note', '补充材料说明'),
    run: (a, v) => call('applications.completePaperwork', { id: a.id, note: v.note as string }),
  },
  {
    key: 'materials',
    label: '登记收到的材料',
    roles: 'any',
    when: (a) => (OPEN_STATES as State[]).includes(a.state) && a.materialsMissing.length > 0,
    fields: (a) => (
      <Form.Item name="materials" label="已收到的材料" initialValue={a.materialsReceived}>
        <Checkbox.Group options={a.materialsRequired} />
      </Form.Item>
    ),
    run: (a, v) => call('applications.materials', { id: a.id, materials: (v.materials as string[]) ?? [] }),
  },
  {
    key: 'withdraw',
    label: '撤回',
    danger: true,
    roles: 'any',
    when: (a) => (OPEN_STATES as State[]).includes(a.state),
    fields: text('reason', '撤回原因', 2),
    run: (a, v) => call('applications.withdraw', { id: a.id, reason: v.reason as string }),
  },
];
