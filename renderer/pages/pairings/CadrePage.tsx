// One cadre: details, the households paired now and before, the visits due or overdue, and every visit recorded.
import { Button, Card, DatePicker, Descriptions, Form, Radio, Result, Table, Tag } from 'antd';
import type dayjs from 'dayjs';
import { useCallback, useState } from 'react';

import { PAIRING_ROLES } from '../../../shared/domain/pairings';
import { SERVER_KINDS } from '../../../shared/domain/service';
import type { PairingRow, VisitRow } from '../../../shared/schemas/pairings';
import { call } from '../../api';
import { FormDialog } from '../../components/FormDialog';
import { type FormProblem, showResultError } from '../../components/forms';
import { HouseholdSelect } from '../../components/HouseholdSelect';
import { LedgerGrid, type PageRequest } from '../../components/LedgerGrid';
import { openRow } from '../../components/openRow';
import { labelOptions } from '../../components/options';
import { go } from '../../components/router';
import { choose } from '../../components/rules';
import { today } from '../../components/today';
import { useRecord } from '../../components/useRecord';
import { visitColumns } from './columns';
import { CadreForm } from './PairingsPage';

/** 结对住户 from the cadre's side: the same pairing the household page makes, found by name, initials or ID tail. */
function PairHousehold({ cadreId, onDone }: { cadreId: number; onDone: () => void }) {
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const submit = async (v: { householdId: number; role: 'primary' | 'secondary'; fromDate: dayjs.Dayjs }) => {
    const r = await call('pairings.start', {
      householdId: v.householdId,
      cadreId,
      role: v.role,
      fromDate: v.fromDate.format('YYYY-MM-DD'),
    });
    if (!r.ok) return showResultError(form, r.error, setProblem);
    onDone();
  };
  return (
    <FormDialog
      title="结对住户"
      okText="结对"
      form={form}
      problem={problem}
      onFinish={submit}
      onCancel={onDone}
      initialValues={{ role: 'primary', fromDate: today() }}
    >
      <Form.Item name="householdId" label="住户（姓名、拼音首字母或身份证后四位）" rules={choose('住户')}>
        <HouseholdSelect autoFocus />
      </Form.Item>
      <Form.Item name="role" label="身份">
        <Radio.Group options={labelOptions(PAIRING_ROLES)} />
      </Form.Item>
      <Form.Item name="fromDate" label="结对日期" rules={choose('结对日期')}>
        <DatePicker />
      </Form.Item>
      <div className="muted">这户同一身份已有帮扶干部时，原结对在新结对日期的前一天结束，记入历史。</div>
    </FormDialog>
  );
}

export function CadrePage({ id }: { id: number }) {
  const [editing, setEditing] = useState(false);
  const [pairing, setPairing] = useState(false);
  const { value: c, error, reload: load } = useRecord('cadres.get', { id });
  const fetchVisits = useCallback(
    (req: PageRequest) => call('visits.list', { offset: req.offset, limit: req.limit, cadreId: id }),
    [id],
  );
  if (error) return <Result status="404" title={error.message} />;
  if (!c) return null;
  return (
    <div className="page">
      <h1 className="page-title">
        {c.name} <Tag color={c.active ? 'green' : 'default'}>{c.active ? '在岗' : '停用'}</Tag>
        {c.overdue > 0 && <Tag color="red">走访超期 {c.overdue} 户</Tag>}
      </h1>
      <Card size="small" style={{ marginBottom: 12 }} extra={<Button onClick={() => setEditing(true)}>修改</Button>}>
        <Descriptions size="small" column={4}>
          <Descriptions.Item label="类型">{SERVER_KINDS[c.kind]}</Descriptions.Item>
          <Descriptions.Item label="工作单位">{c.unit}</Descriptions.Item>
          {c.kind === 'member' && (
            <Descriptions.Item label="报到">{`${c.reportedOn}，认领 ${c.post} 岗`}</Descriptions.Item>
          )}
          <Descriptions.Item label="党员">{c.partyMember ? '是' : '否'}</Descriptions.Item>
          <Descriptions.Item label="电话">{c.phone}</Descriptions.Item>
          <Descriptions.Item label="结对户数">{c.households}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        size="small"
        title="结对的户"
        style={{ marginBottom: 12 }}
        extra={
          c.active && (
            <Button type="primary" onClick={() => setPairing(true)}>
              结对住户
            </Button>
          )
        }
      >
        <Table<PairingRow>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={c.pairings}
          onRow={openRow((p) => go(`/ledger/household/${p.householdId}?tab=pairings`))}
          columns={[
            {
              title: '户主',
              dataIndex: 'head',
              render: (h: string, p) => <a href={`#/ledger/household/${p.householdId}?tab=pairings`}>{h}</a>,
            },
            { title: '村/社区', dataIndex: 'area' },
            { title: '身份', dataIndex: 'role', render: (r: PairingRow['role']) => PAIRING_ROLES[r] },
            { title: '结对日期', dataIndex: 'fromDate' },
            {
              title: '结束',
              dataIndex: 'toDate',
              render: (t: string | null, p) => (t ? `${t}（${p.endReason}）` : '进行中'),
            },
            {
              title: '应走访',
              key: 'due',
              render: (_, p) => {
                const d = c.due.find((x) => x.householdId === p.householdId);
                return d && !p.toDate ? (
                  <span style={{ color: d.overdueDays > 0 ? '#cf1322' : undefined }}>
                    {d.dueOn}
                    {d.overdueDays > 0 ? `（超期 ${d.overdueDays} 天）` : ''}
                  </span>
                ) : (
                  ''
                );
              },
            },
          ]}
        />
      </Card>
      {pairing && (
        <PairHousehold
          cadreId={id}
          onDone={() => {
            setPairing(false);
            load();
          }}
        />
      )}
      <Card size="small" title="走访记录">
        <LedgerGrid<VisitRow>
          empty="这名干部还没有走访记录"
          columns={visitColumns}
          fetchPage={fetchVisits}
          onOpen={(v) => go(`/ledger/household/${v.householdId}?tab=pairings`)}
          testId="cadre-visits"
        />
      </Card>
      {editing && (
        <CadreForm cadre={c} onCancel={() => setEditing(false)} onSaved={() => (setEditing(false), void load())} />
      )}
    </div>
  );
}
