// One household: its members (IDs masked; 显示 for reviewers, audited), categories over time, moves, and room for
// the tabs later capabilities add (applications, payments, pairing).
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Result,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';

import { FIELDS as F } from '../../../shared/domain/fields';
import { RELATIONS } from '../../../shared/domain/registry';
import type { PersonView } from '../../../shared/schemas/registry';
import type { SessionState } from '../../../shared/schemas/staff';
import { call } from '../../api';
import { FormDialog } from '../../components/FormDialog';
import { type FormProblem, showResultError } from '../../components/forms';
import { namedOptions } from '../../components/options';
import { choose, fill, required } from '../../components/rules';
import { outside, today, todayText } from '../../components/today';
import { useLookups } from '../../components/useLookups';
import { useRecord } from '../../components/useRecord';
import { HouseholdPairings } from '../pairings/HouseholdPairings';
import { HouseholdPayments } from '../payments/HouseholdPayments';
import { HouseholdApplications } from './HouseholdApplications';
import { MemberFields } from './MemberFields';

type Dialog = 'member' | 'exit' | 'category' | { move: PersonView } | null;

function RevealId({ person, canReveal }: { person: PersonView; canReveal: boolean }) {
  const [full, setFull] = useState<string | null>(null);
  const { message } = App.useApp();
  const reveal = async () => {
    const r = await call('persons.revealId', { id: person.id });
    if (r.ok) setFull(r.value.idNumber);
    else void message.error(r.error.message);
  };
  return (
    <Space>
      <span style={{ fontFamily: 'monospace' }}>{full ?? person.idMasked}</span>
      {canReveal && !full && (
        <Button size="small" type="link" onClick={reveal}>
          显示
        </Button>
      )}
    </Space>
  );
}

export function HouseholdPage({ id, session }: { id: number; session: SessionState }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [form] = Form.useForm();
  const { categories } = useLookups();
  const canReveal = session.staff!.roles.some((r) => r !== 'clerk');

  const { value: h, error, reload: load, set: setH } = useRecord('households.get', { id });

  const open = (d: Dialog) => {
    form.resetFields();
    setProblem(null);
    setDialog(d);
  };
  const submit = async (v: Record<string, unknown>) => {
    const date = (k: string) => (v[k] as dayjs.Dayjs).format('YYYY-MM-DD');
    const r =
      dialog === 'member'
        ? await call('persons.add', { householdId: id, member: v.member as never })
        : dialog === 'exit'
          ? await call('households.exit', { id, exitedOn: date('exitedOn'), reason: v.reason as string })
          : dialog === 'category'
            ? await call('households.startCategory', {
                householdId: id,
                code: v.code as string,
                fromDate: date('fromDate'),
              })
            : await call('persons.move', {
                personId: (dialog as { move: PersonView }).move.id,
                toHouseholdId: v.toHouseholdId as number,
                relation: v.relation as never,
                movedOn: date('movedOn'),
                reason: v.reason as string,
              });
    if (!r.ok) return showResultError(form, r.error, setProblem);
    setDialog(null);
    void load();
  };
  const endCategory = async (catId: number) => {
    const r = await call('households.endCategory', { id: catId, toDate: today().format('YYYY-MM-DD') });
    if (r.ok) setH(r.value);
  };

  if (error) return <Result status="404" title={error.message} />;
  if (!h) return null;
  const active = h.status === 'registered';
  return (
    <div className="page">
      <h1 className="page-title">
        户号 {h.id} · {h.headName} {active ? <Tag color="green">在册</Tag> : <Tag>已于 {h.exitedOn} 退出</Tag>}
      </h1>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="村/社区">{h.area}</Descriptions.Item>
          <Descriptions.Item label="住址">{h.address}</Descriptions.Item>
          <Descriptions.Item label="电话">{h.phone}</Descriptions.Item>
          <Descriptions.Item label="开户银行">{h.bankName}</Descriptions.Item>
          <Descriptions.Item label="一卡通账号">{h.accountTail}</Descriptions.Item>
          <Descriptions.Item label="登记时间">{h.createdAt.slice(0, 10)}</Descriptions.Item>
          {h.exitReason && <Descriptions.Item label="退出原因">{h.exitReason}</Descriptions.Item>}
          {h.notes && <Descriptions.Item label="备注">{h.notes}</Descriptions.Item>}
        </Descriptions>
        {active && (
          <Space>
            <Button onClick={() => open('member')}>添加成员</Button>
            <Button onClick={() => open('category')}>增加困难类别</Button>
            <Button danger onClick={() => open('exit')}>
              退出台账
            </Button>
          </Space>
        )}
      </Card>
      <Tabs
        defaultActiveKey={new URLSearchParams(location.hash.split('?')[1] ?? '').get('tab') ?? undefined}
        items={[
          {
            key: 'members',
            label: `成员（${h.members.length}）`,
            children: (
              <Table<PersonView>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={h.members}
                columns={[
                  { title: '姓名', dataIndex: 'name' },
                  { title: '与户主关系', dataIndex: 'relation' },
                  { title: '身份证号', key: 'id', render: (_, p) => <RevealId person={p} canReveal={canReveal} /> },
                  { title: '性别', dataIndex: 'gender', render: (g: string) => (g === 'male' ? '男' : '女') },
                  { title: canReveal ? '出生日期' : '出生年份', dataIndex: 'birthDate' },
                  {
                    title: '残疾',
                    key: 'dis',
                    render: (_, p) =>
                      p.disabilityType
                        ? `${p.disabilityType}${p.disabilityGrade ? ` ${p.disabilityGrade}级` : ''}`
                        : '',
                  },
                  { title: '电话', dataIndex: 'phone' },
                  {
                    title: '',
                    key: 'move',
                    render: (_, p) =>
                      active &&
                      p.relation !== '户主' && (
                        <Button size="small" type="link" onClick={() => open({ move: p })}>
                          迁出
                        </Button>
                      ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'categories',
            label: '困难类别',
            children: (
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={h.categories}
                columns={[
                  { title: '类别', dataIndex: 'name' },
                  { title: '开始', dataIndex: 'fromDate' },
                  {
                    title: '结束',
                    dataIndex: 'toDate',
                    render: (d: string | null, c) =>
                      d ??
                      (active ? (
                        <Button size="small" type="link" onClick={() => endCategory(c.id)}>
                          今天结束
                        </Button>
                      ) : (
                        ''
                      )),
                  },
                ]}
              />
            ),
          },
          {
            key: 'applications',
            label: '救助申请',
            children: <HouseholdApplications householdId={h.id} active={active} />,
          },
          { key: 'payments', label: '发放记录', children: <HouseholdPayments householdId={h.id} /> },
          {
            key: 'pairings',
            label: '结对帮扶',
            children: <HouseholdPairings householdId={h.id} registeredOn={h.createdAt.slice(0, 10)} active={active} />,
          },
          {
            key: 'moves',
            label: '迁移记录',
            children: (
              <Table
                rowKey={(m) => `${m.personName}${m.movedOn}`}
                size="small"
                pagination={false}
                dataSource={h.moves}
                columns={[
                  { title: '成员', dataIndex: 'personName' },
                  { title: '迁出户号', dataIndex: 'fromHouseholdId' },
                  { title: '迁入户号', dataIndex: 'toHouseholdId' },
                  { title: '日期', dataIndex: 'movedOn' },
                  { title: '原因', dataIndex: 'reason' },
                ]}
              />
            ),
          },
        ]}
      />
      <FormDialog
        open={dialog !== null}
        title={
          dialog === 'member'
            ? '添加成员'
            : dialog === 'exit'
              ? '退出台账'
              : dialog === 'category'
                ? '增加困难类别'
                : '迁出成员'
        }
        width={dialog === 'member' ? 1100 : 520}
        form={form}
        problem={problem}
        onFinish={submit}
        onCancel={() => setDialog(null)}
      >
        {dialog === 'member' && <MemberFields prefix={['member']} isHead={false} />}
        {dialog === 'exit' && (
          <>
            <Form.Item name="exitedOn" label="退出日期" initialValue={today()} rules={choose('日期')}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="reason" label="退出原因" rules={required(F.exitReason)}>
              <Input maxLength={200} />
            </Form.Item>
          </>
        )}
        {dialog === 'category' && (
          <>
            <Form.Item name="code" label="困难类别" rules={choose('类别')}>
              <Select options={namedOptions(categories, 'code')} />
            </Form.Item>
            <Form.Item name="fromDate" label="开始日期" initialValue={today()} rules={choose('日期')}>
              <DatePicker disabledDate={outside(h.createdAt.slice(0, 10), todayText())} />
            </Form.Item>
          </>
        )}
        {typeof dialog === 'object' && dialog !== null && (
          <>
            <p>把 {dialog.move.name} 迁入另一户：</p>
            <Form.Item name="toHouseholdId" label="迁入户号" rules={fill('户号')}>
              <InputNumber min={1} precision={0} />
            </Form.Item>
            <Form.Item name="relation" label="在新户中与户主关系" rules={[{ required: true, message: '请选择' }]}>
              <Select options={RELATIONS.filter((r) => r !== '户主').map((r) => ({ value: r, label: r }))} />
            </Form.Item>
            <Form.Item name="movedOn" label="迁移日期" initialValue={today()} rules={choose('日期')}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="reason" label="原因" rules={fill('原因')}>
              <Input maxLength={200} />
            </Form.Item>
          </>
        )}
      </FormDialog>
    </div>
  );
}
