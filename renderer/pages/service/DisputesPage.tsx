// 矛盾纠纷调解: the grid (filters in SQL, the annual report's figures open it, the totals of persons and amount of
// what they leave), 登记纠纷 at the counter with its parties and mediators, and the .xlsx of the filtered rows.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, type FormInstance, Input, InputNumber, Radio, Select, Space, Tag } from 'antd';
import type dayjs from 'dayjs';
import { useCallback, useState } from 'react';

import type { Input as Sent } from '../../../shared/contract';
import {
  DISPUTE_FIGURE_LABELS,
  DISPUTE_SOURCES,
  DISPUTE_STATES,
  type DisputeFigure,
  PARTY_ROLES,
} from '../../../shared/domain/disputes';
import { FIELDS as F } from '../../../shared/domain/fields';
import { formatYuan } from '../../../shared/domain/money';
import type { DisputeRow } from '../../../shared/schemas/disputes';
import { call } from '../../api';
import { FilterBar } from '../../components/filters';
import { FormDialog } from '../../components/FormDialog';
import { type FormProblem, showResultError } from '../../components/forms';
import { HouseholdSelect } from '../../components/HouseholdSelect';
import { LedgerGrid, type PageRequest } from '../../components/LedgerGrid';
import { labelOptions, namedOptions, valueOptions } from '../../components/options';
import { go } from '../../components/router';
import { choose, fill, required } from '../../components/rules';
import { ServerSelect } from '../../components/ServerSelect';
import { today } from '../../components/today';
import { useChoices, useLookups } from '../../components/useLookups';
import { disputeColumns } from './columns';
import { type ServiceFilters, useServiceFilters } from './filters';

type Party = Sent<'disputes.create'>['parties'][number];
type DisputeForm = Omit<Sent<'disputes.create'>, 'acceptedOn' | 'mediatorIds' | 'parties'> & {
  acceptedOn: dayjs.Dayjs;
  mediatorIds: number[];
  parties: Partial<Party>[];
};

const NEW_PARTY: Partial<Party> = { role: 'respondent' };

/** One party's line: its side, name, optional ID, phone, address, and the ledger's household it may be. */
function PartyLine({ n, remove, form }: { n: number; remove?: () => void; form: FormInstance<DisputeForm> }) {
  const fromHousehold = async (id: number) => {
    const r = await call('households.get', { id });
    if (!r.ok) return;
    const head = r.value.members.find((m) => m.id === r.value.headPersonId) ?? r.value.members[0];
    form.setFieldValue(['parties', n, 'name'], head?.name);
    form.setFieldValue(['parties', n, 'phone'], r.value.phone);
    form.setFieldValue(['parties', n, 'address'], r.value.address);
  };
  return (
    <Space size={6} align="start" className="party-line" data-testid={`party-${n}`}>
      <Form.Item name={[n, 'role']} rules={[{ required: true, message: '请选择' }]}>
        <Select style={{ width: 100 }} aria-label="当事人身份" options={labelOptions(PARTY_ROLES)} />
      </Form.Item>
      <Form.Item name={[n, 'name']} rules={required(F.name)}>
        <Input placeholder="姓名" aria-label="当事人姓名" maxLength={20} style={{ width: 96 }} />
      </Form.Item>
      <Form.Item name={[n, 'idNumber']}>
        <Input placeholder="身份证号（可不填）" aria-label="当事人身份证号" maxLength={24} style={{ width: 180 }} />
      </Form.Item>
      <Form.Item name={[n, 'phone']}>
        <Input placeholder="电话" aria-label="当事人电话" maxLength={20} style={{ width: 124 }} />
      </Form.Item>
      <Form.Item name={[n, 'address']}>
        <Input placeholder="住址" aria-label="当事人住址" maxLength={100} style={{ width: 150 }} />
      </Form.Item>
      <Form.Item name={[n, 'householdId']}>
        <HouseholdSelect
          placeholder="台账住户（可不选）"
          aria-label="当事人台账住户"
          style={{ width: 170 }}
          onChange={(id) => void fromHousehold(id)}
        />
      </Form.Item>
      {remove && <Button icon={<DeleteOutlined />} aria-label="删除此当事人" onClick={remove} />}
    </Space>
  );
}

/** 登记纠纷: the parties (two at least), the people involved, the amount, the facts and who mediates. */
function RegisterDispute({ onDone }: { onDone: (id?: number) => void }) {
  const [form] = Form.useForm<DisputeForm>();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const { areas } = useLookups();
  const { disputeTypes } = useChoices();
  const submit = async (v: DisputeForm) => {
    const r = await call('disputes.create', {
      ...v,
      acceptedOn: v.acceptedOn.format('YYYY-MM-DD'),
      amount: v.amount ?? '',
      mediatorIds: v.mediatorIds ?? [],
      parties: (v.parties ?? []).map((p) => ({
        ...p,
        role: p.role!,
        name: p.name ?? '',
        idNumber: p.idNumber ?? '',
        phone: p.phone ?? '',
        address: p.address ?? '',
      })),
    });
    if (!r.ok) return showResultError(form, r.error, setProblem);
    onDone(r.value.id);
  };
  return (
    <FormDialog
      title="登记矛盾纠纷"
      okText="登记"
      width={1040}
      form={form}
      problem={problem}
      onFinish={submit}
      onCancel={() => onDone()}
      initialValues={{
        acceptedOn: today(),
        source: 'applied',
        persons: 2,
        parties: [{ role: 'applicant' }, { role: 'respondent' }],
      }}
    >
      <Space size="middle" align="start" wrap>
        <Form.Item name="acceptedOn" label="受理日期" rules={choose('受理日期')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="type" label="纠纷类型" rules={required(F.disputeType)}>
          <Select style={{ width: 140 }} options={valueOptions(disputeTypes)} autoFocus />
        </Form.Item>
        <Form.Item name="areaId" label="村/社区" rules={choose('村/社区')}>
          <Select style={{ width: 140 }} options={namedOptions(areas, 'id')} />
        </Form.Item>
        <Form.Item name="source" label="纠纷来源">
          <Radio.Group options={labelOptions(DISPUTE_SOURCES)} />
        </Form.Item>
      </Space>
      <Form.Item label="当事人（申请人、被申请人各至少一人；身份证号可不填，列表中只显示后四位）">
        <Form.List name="parties">
          {(fields, { add, remove }, { errors }) => (
            <>
              <Form.ErrorList errors={errors} />
              {fields.map((f) => (
                <PartyLine
                  key={f.key}
                  n={f.name}
                  form={form}
                  remove={fields.length > 2 ? () => remove(f.name) : undefined}
                />
              ))}
              <div>
                <Button size="small" icon={<PlusOutlined />} onClick={() => add(NEW_PARTY)}>
                  添加当事人
                </Button>
              </div>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Space size="middle" align="start" wrap>
        <Form.Item name="persons" label="涉及人数" rules={required(F.persons)}>
          <InputNumber min={2} precision={0} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="amount" label="涉及金额（元，可不填）">
          <Input style={{ width: 150 }} maxLength={20} placeholder="如 3,500.00" />
        </Form.Item>
        <Form.Item name="mediatorIds" label="调解员（服务人员）" rules={choose('调解员')}>
          <ServerSelect multiple aria-label="调解员" />
        </Form.Item>
      </Space>
      <Form.Item name="facts" label="纠纷事实及争议事项" rules={fill('纠纷事实及争议事项')}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
    </FormDialog>
  );
}

/** The grid's own filters from the shared ones: its category is the dispute type, its server a mediator. */
const listFilters = ({ category, server, ...f }: ServiceFilters<DisputeRow['status'], DisputeFigure>) => ({
  ...f,
  type: category,
  mediatorId: server,
});

export function DisputesPage() {
  const { disputeTypes } = useChoices();
  const [adding, setAdding] = useState(false);
  const { filters, bar, exportButton } = useServiceFilters({
    states: DISPUTE_STATES,
    categories: disputeTypes,
    figureLabels: DISPUTE_FIGURE_LABELS,
    search: '当事人或证件后四位',
    overdueLabel: '只看超期未办结',
    categoryLabel: '类型',
    list: 'disputes',
    input: listFilters,
    exportFile: (f) => call('disputes.xlsx', f),
  });
  const unvisited = new URLSearchParams(location.hash.split('?')[1]).get('unvisited') === '1';
  const fetchPage = useCallback(
    (req: PageRequest) => {
      const sort = req.sort as { col: 'acceptedOn' | 'dueOn'; dir: 'asc' | 'desc' } | undefined;
      return call('disputes.list', { ...req, sort, ...listFilters(filters), unvisited: unvisited || undefined });
    },
    [filters, unvisited],
  );
  return (
    <>
      <FilterBar>
        {unvisited && (
          <Tag color="orange" closable onClose={() => go('/service/disputes')}>
            达成协议后未回访
          </Tag>
        )}
        {bar}
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          登记纠纷
        </Button>
        {exportButton}
      </FilterBar>
      <LedgerGrid<DisputeRow>
        empty="还没有矛盾纠纷。当事人申请、排查发现、上级交办或其他部门转来的纠纷，点 登记纠纷 记下"
        columns={disputeColumns}
        fetchPage={fetchPage}
        onOpen={(d) => go(`/service/dispute/${d.id}`)}
        summary={(p) => {
          const t = p as unknown as { persons: number; amountFen: number };
          return `涉及 ${t.persons} 人，涉及金额 ${formatYuan(t.amountFen)} 元`;
        }}
        testId="disputes-grid"
      />
      {adding && <RegisterDispute onDone={(id) => (setAdding(false), id && go(`/service/dispute/${id}`))} />}
    </>
  );
}
