// 微心愿: the grid (filters in SQL, the annual report's figures open it), 登记心愿 at the counter, the 心愿墙 to print,
// and the .xlsx of the filtered rows.
import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Radio, Select, Space } from 'antd';
import type dayjs from 'dayjs';
import { useCallback, useState } from 'react';

import { FIELDS as F } from '../../../shared/domain/fields';
import { WISH_CHANNELS, WISH_FIGURE_LABELS, WISH_STATES } from '../../../shared/domain/service';
import type { WishRow } from '../../../shared/schemas/service';
import { call } from '../../api';
import { FilterBar } from '../../components/filters';
import { FormDialog } from '../../components/FormDialog';
import { type FormProblem, showResultError } from '../../components/forms';
import { HouseholdSelect } from '../../components/HouseholdSelect';
import { LedgerGrid, type PageRequest } from '../../components/LedgerGrid';
import { labelOptions, namedOptions, valueOptions } from '../../components/options';
import { go } from '../../components/router';
import { choose, fill, required } from '../../components/rules';
import { today } from '../../components/today';
import { useChoices, useLookups } from '../../components/useLookups';
import { wishColumns } from './columns';
import { useServiceFilters } from './filters';

type WishForm = {
  householdId?: number;
  resident: string;
  phone?: string;
  areaId: number;
  content: string;
  category: string;
  channel: keyof typeof WISH_CHANNELS;
  collectedOn: dayjs.Dayjs;
};

/** 登记心愿: a household of the ledger fills in the resident, area and phone; anyone else is typed. */
function RegisterWish({ onDone }: { onDone: (id?: number) => void }) {
  const [form] = Form.useForm<WishForm>();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const { areas } = useLookups();
  const { posts } = useChoices();
  const fromHousehold = async (id: number) => {
    const r = await call('households.get', { id });
    if (r.ok) {
      const head = r.value.members.find((m) => m.id === r.value.headPersonId) ?? r.value.members[0];
      form.setFieldsValue({ resident: head?.name, areaId: r.value.areaId, phone: r.value.phone });
    }
  };
  const submit = async (v: WishForm) => {
    const r = await call('wishes.create', {
      ...v,
      phone: v.phone ?? '',
      collectedOn: v.collectedOn.format('YYYY-MM-DD'),
    });
    if (!r.ok) return showResultError(form, r.error, setProblem);
    onDone(r.value.id);
  };
  return (
    <FormDialog
      title="登记心愿"
      okText="登记"
      width={640}
      form={form}
      problem={problem}
      onFinish={submit}
      onCancel={() => onDone()}
      initialValues={{ channel: 'counter', collectedOn: today() }}
    >
      <Form.Item name="householdId" label="台账中的住户（可不选）">
        <HouseholdSelect onChange={(id) => void fromHousehold(id)} />
      </Form.Item>
      <Space size="middle" align="start">
        <Form.Item name="resident" label="心愿人" rules={required(F.wisher)}>
          <Input maxLength={20} autoFocus style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="phone" label="电话">
          <Input maxLength={20} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="areaId" label="村/社区" rules={choose('村/社区')}>
          <Select style={{ width: 150 }} options={namedOptions(areas, 'id')} />
        </Form.Item>
      </Space>
      <Form.Item name="content" label="心愿内容" rules={fill('心愿内容')}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
      <Space size="middle" align="start">
        <Form.Item name="category" label="心愿类别" rules={choose('心愿类别')}>
          <Select style={{ width: 150 }} options={valueOptions(posts)} />
        </Form.Item>
        <Form.Item name="channel" label="征集渠道">
          <Radio.Group options={labelOptions(WISH_CHANNELS)} />
        </Form.Item>
        <Form.Item name="collectedOn" label="征集日期" rules={choose('征集日期')}>
          <DatePicker />
        </Form.Item>
      </Space>
    </FormDialog>
  );
}

export function WishesPage() {
  const { posts } = useChoices();
  const [adding, setAdding] = useState(false);
  const { filters, bar, exportButton } = useServiceFilters({
    states: WISH_STATES,
    categories: posts,
    figureLabels: WISH_FIGURE_LABELS,
    search: '姓名、首字母或内容',
    overdueLabel: '只看超期未实现',
    list: 'wishes',
    input: ({ server, ...f }) => ({ ...f, claimedBy: server }),
    exportFile: (f) => call('wishes.xlsx', f),
  });
  const fetchPage = useCallback(
    (req: PageRequest) => {
      const { server, ...rest } = filters;
      const sort = req.sort as { col: 'collectedOn' | 'dueOn'; dir: 'asc' | 'desc' } | undefined;
      return call('wishes.list', { ...req, sort, ...rest, claimedBy: server });
    },
    [filters],
  );
  return (
    <>
      <FilterBar>
        {bar}
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          登记心愿
        </Button>
        <Button
          icon={<PrinterOutlined />}
          onClick={() => go(`/print/wall${filters.areaId ? `?area=${filters.areaId}` : ''}`)}
        >
          打印心愿墙
        </Button>
        {exportButton}
      </FilterBar>
      <LedgerGrid<WishRow>
        empty="还没有心愿。点 登记心愿 记下群众的微心愿，审定采纳后即可打印心愿墙供认领"
        columns={wishColumns}
        fetchPage={fetchPage}
        onOpen={(w) => go(`/service/wish/${w.id}`)}
        testId="wishes-grid"
      />
      {adding && <RegisterWish onDone={(id) => (setAdding(false), id && go(`/service/wish/${id}`))} />}
    </>
  );
}
