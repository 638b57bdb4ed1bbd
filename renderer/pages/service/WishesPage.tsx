// 微心愿: the grid (filters in SQL, the annual report's figures open it), 登记心愿 at the counter, the 心愿墙 to print,
// and the .xlsx of the filtered rows.
import { DownloadOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Checkbox, DatePicker, Form, Input, Radio, Select, Space } from 'antd';
import type dayjs from 'dayjs';
import { useCallback, useMemo, useState } from 'react';

import { WISH_CHANNELS, WISH_FIGURE_LABELS, WISH_STATES, type WishFigure } from '../../../shared/domain/service';
import type { WishRow } from '../../../shared/schemas/service';
import { call } from '../../api';
import { downloadBase64, XLSX } from '../../components/download';
import { AreaFilter } from '../../components/filters';
import { FormDialog } from '../../components/FormDialog';
import { type FormProblem, showResultError } from '../../components/forms';
import { HouseholdSelect } from '../../components/HouseholdSelect';
import { LedgerGrid, type PageRequest } from '../../components/LedgerGrid';
import { go } from '../../components/router';
import { today } from '../../components/today';
import { useChoices, useLookups } from '../../components/useLookups';
import { YearFigureTag } from '../../components/yearFigure';
import { wishColumns } from './columns';
import { useDrill } from './drill';

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
        <Form.Item name="resident" label="心愿人" rules={[{ required: true, message: '请填写心愿人' }]}>
          <Input maxLength={20} autoFocus style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="phone" label="电话">
          <Input maxLength={20} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="areaId" label="村/社区" rules={[{ required: true, message: '请选择村/社区' }]}>
          <Select style={{ width: 150 }} options={areas.map((a) => ({ value: a.id, label: a.name }))} />
        </Form.Item>
      </Space>
      <Form.Item name="content" label="心愿内容" rules={[{ required: true, message: '请填写心愿内容' }]}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
      <Space size="middle" align="start">
        <Form.Item name="category" label="心愿类别" rules={[{ required: true, message: '请选择心愿类别' }]}>
          <Select style={{ width: 150 }} options={posts.map((p) => ({ value: p, label: p }))} />
        </Form.Item>
        <Form.Item name="channel" label="征集渠道">
          <Radio.Group options={Object.entries(WISH_CHANNELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="collectedOn" label="征集日期" rules={[{ required: true, message: '请选择征集日期' }]}>
          <DatePicker />
        </Form.Item>
      </Space>
    </FormDialog>
  );
}

export function WishesPage() {
  const drill = useDrill<WishFigure>(WISH_FIGURE_LABELS);
  const { posts } = useChoices();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<keyof typeof WISH_STATES>();
  const [areaId, setArea] = useState<number | undefined>(drill.areaId);
  const [category, setCategory] = useState<string | undefined>(drill.category);
  const [overdue, setOverdue] = useState(new URLSearchParams(location.hash.split('?')[1]).get('overdue') === '1');
  const [adding, setAdding] = useState(false);
  const [exporting, setExporting] = useState(false);
  const { filters: drilled, server } = drill;
  const filters = useMemo(
    () => ({
      q: q || undefined,
      status,
      areaId,
      category,
      overdue: overdue || undefined,
      ...drilled,
      claimedBy: server,
    }),
    [q, status, areaId, category, overdue, drilled, server],
  );
  const fetchPage = useCallback(
    (req: PageRequest) =>
      call('wishes.list', {
        ...req,
        sort: req.sort as { col: 'collectedOn' | 'dueOn'; dir: 'asc' | 'desc' },
        ...filters,
      }),
    [filters],
  );
  const exportXlsx = async () => {
    setExporting(true);
    const r = await call('wishes.xlsx', filters);
    setExporting(false);
    if (r.ok) downloadBase64(r.value.fileName, r.value.base64, XLSX);
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        {drill.label && <YearFigureTag label={drill.label} onClose={drill.clear} />}
        <Input.Search
          placeholder="姓名、首字母或内容"
          allowClear
          onSearch={setQ}
          style={{ width: 190 }}
          aria-label="搜索心愿"
        />
        <Select
          placeholder="全部状态"
          allowClear
          style={{ width: 110 }}
          value={status}
          onChange={setStatus}
          options={Object.entries(WISH_STATES).map(([value, label]) => ({ value, label }))}
          aria-label="状态筛选"
        />
        <AreaFilter value={areaId} onChange={setArea} />
        <Select
          placeholder="全部类别"
          allowClear
          style={{ width: 120 }}
          value={category}
          onChange={setCategory}
          options={posts.map((p) => ({ value: p, label: p }))}
          aria-label="类别筛选"
        />
        <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)}>
          只看超期未实现
        </Checkbox>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          登记心愿
        </Button>
        <Button icon={<PrinterOutlined />} onClick={() => go(`/print/wall${areaId ? `?area=${areaId}` : ''}`)}>
          打印心愿墙
        </Button>
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportXlsx}>
          导出 Excel
        </Button>
      </Space>
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
