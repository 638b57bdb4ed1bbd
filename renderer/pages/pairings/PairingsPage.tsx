// 结对帮扶: cadres (with their overdue visits), households without a cadre, a year's visits, every overdue visit,
// visit cadence.
import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, InputNumber, Select, Space, Switch, Table, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';

import { FIELDS as F } from '../../../shared/domain/fields';
import { formatYuan } from '../../../shared/domain/money';
import { SERVER_KINDS, type ServerKind } from '../../../shared/domain/service';
import type { CadreRow, VisitDue, VisitRow } from '../../../shared/schemas/pairings';
import type { SessionState } from '../../../shared/schemas/staff';
import { call } from '../../api';
import { AreaFilter, CheckFilter, FilterBar, SearchFilter, SelectFilter } from '../../components/filters';
import { FormDialog } from '../../components/FormDialog';
import { FormProblemAlert } from '../../components/FormProblemAlert';
import { type FormProblem, showResultError } from '../../components/forms';
import { LedgerGrid, type PageRequest } from '../../components/LedgerGrid';
import { ListOut } from '../../components/ListOut';
import { openRow } from '../../components/openRow';
import { labelOptions, valueOptions } from '../../components/options';
import { go } from '../../components/router';
import { choose, required } from '../../components/rules';
import { recentYears, today } from '../../components/today';
import { useChoices } from '../../components/useLookups';
import { useYearFigure, YearFigureTag } from '../../components/yearFigure';
import { cadreColumns, visitColumns } from './columns';

export function CadreForm({
  cadre,
  onSaved,
  onCancel,
}: {
  cadre: CadreRow | null;
  onSaved: (c: CadreRow) => void;
  onCancel: () => void;
}) {
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const kind = Form.useWatch('kind', form);
  const { posts } = useChoices();
  type Values = Omit<CadreRow, 'id' | 'households' | 'overdue' | 'reportedOn'> & { reportedOn?: dayjs.Dayjs };
  const save = async (v: Values) => {
    const r = await call('cadres.save', {
      ...v,
      id: cadre?.id,
      reportedOn: v.reportedOn ? v.reportedOn.format('YYYY-MM-DD') : null,
      post: v.post ?? null,
    });
    if (!r.ok) return showResultError(form, r.error, setProblem);
    onSaved(r.value);
  };
  return (
    <FormDialog
      title={cadre ? `修改 ${cadre.name}` : '新增服务人员'}
      form={form}
      problem={problem}
      onFinish={save}
      onCancel={onCancel}
      initialValues={
        cadre
          ? { ...cadre, reportedOn: cadre.reportedOn ? dayjs(cadre.reportedOn) : undefined }
          : { kind: 'official', partyMember: true, active: true }
      }
    >
      <Space size="middle" align="start">
        <Form.Item name="name" label="姓名" rules={required(F.name)}>
          <Input maxLength={20} autoFocus />
        </Form.Item>
        <Form.Item name="kind" label="人员类型">
          <Select style={{ width: 150 }} options={labelOptions(SERVER_KINDS)} />
        </Form.Item>
      </Space>
      {kind === 'member' && (
        <Space size="middle" align="start">
          <Form.Item name="reportedOn" label="到社区报到日期" rules={choose('报到日期')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="post" label="认领的服务岗位" rules={choose('服务岗位')}>
            <Select style={{ width: 150 }} options={valueOptions(posts)} />
          </Form.Item>
        </Space>
      )}
      <Form.Item name="unit" label="工作单位">
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="phone" label="电话">
        <Input maxLength={20} />
      </Form.Item>
      <Space size="large">
        <Form.Item name="partyMember" label="党员" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="active" label="在岗" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Space>
    </FormDialog>
  );
}

function Cadres() {
  const [q, setQ] = useState('');
  const [unpaired, setUnpaired] = useState(false);
  const [kind, setKind] = useState<ServerKind>();
  const [adding, setAdding] = useState(false);
  const [figure, setFigure] = useYearFigure('figure', ['paired'] as const);
  const fetchPage = useCallback(
    (req: PageRequest) =>
      call('cadres.list', {
        offset: req.offset,
        limit: req.limit,
        q: q || undefined,
        unpaired: unpaired || undefined,
        kind,
        pairedIn: figure?.year,
      }),
    [q, unpaired, kind, figure],
  );
  return (
    <>
      <FilterBar>
        {figure && <YearFigureTag label={`${figure.year}年结对帮扶的干部`} onClose={() => setFigure(undefined)} />}
        <SearchFilter placeholder="姓名或拼音首字母" label="搜索服务人员" width={220} onSearch={setQ} />
        <CheckFilter checked={unpaired} onChange={setUnpaired}>
          只看未结对的在岗干部
        </CheckFilter>
        <SelectFilter
          name="人员类型"
          placeholder="全部类型"
          width={140}
          value={kind}
          onChange={setKind}
          options={labelOptions(SERVER_KINDS)}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          新增服务人员
        </Button>
      </FilterBar>
      <LedgerGrid<CadreRow>
        empty="还没有服务人员。点 新增服务人员 登记机关干部、村（社区）干部、在职党员、网格员或志愿者，再到住户页面结对"
        columns={cadreColumns}
        fetchPage={fetchPage}
        onOpen={(c) => go(`/pairings/cadre/${c.id}`)}
        testId="cadres-grid"
      />
      {adding && (
        <CadreForm cadre={null} onCancel={() => setAdding(false)} onSaved={(c) => go(`/pairings/cadre/${c.id}`)} />
      )}
    </>
  );
}

function Unpaired() {
  const [areaId, setArea] = useState<number>();
  const fetchPage = useCallback(
    (req: PageRequest) => call('pairings.unpaired', { offset: req.offset, limit: req.limit, areaId }),
    [areaId],
  );
  return (
    <>
      <FilterBar>
        <AreaFilter value={areaId} onChange={setArea} />
      </FilterBar>
      <LedgerGrid<{ id: number; head: string; area: string; phone: string }>
        empty="困难户都已结对"
        columns={[
          { field: 'id', headerName: '户号', width: 90 },
          { field: 'head', headerName: '户主', width: 120 },
          { field: 'area', headerName: '村/社区', width: 120 },
          { field: 'phone', headerName: '电话', width: 140 },
        ]}
        fetchPage={fetchPage}
        onOpen={(h) => go(`/ledger/household/${h.id}?tab=pairings`)}
        testId="unpaired-grid"
      />
    </>
  );
}

/** Every visit of a year with the aid given (the annual report's 走访 and 帮扶物资 open this list). */
function Visits() {
  const [figure] = useYearFigure('figure', ['visits'] as const);
  const [year, setYear] = useState(figure?.year ?? today().year());
  const fetchPage = useCallback(
    (req: PageRequest) => call('visits.list', { offset: req.offset, limit: req.limit, year }),
    [year],
  );
  return (
    <>
      <FilterBar>
        <SelectFilter
          name="年度"
          label="走访年度"
          required
          width={120}
          value={year}
          onChange={(y) => y && setYear(y)}
          options={valueOptions(recentYears(), (y) => `${y}年`)}
        />
        <ListOut list="visits" filters={{ year }} exportFile={() => call('visits.xlsx', { year })} />
      </FilterBar>
      <LedgerGrid<VisitRow>
        empty="还没有走访记录。在住户或干部页面点 登记走访"
        columns={visitColumns}
        fetchPage={fetchPage}
        onOpen={(v) => go(`/ledger/household/${v.householdId}?tab=pairings`)}
        summary={(p) => `帮扶物资折合 ${formatYuan((p as { aidFen?: number }).aidFen ?? 0)} 元`}
        testId="visits-grid"
      />
    </>
  );
}

export function OverdueVisits({ cadreId }: { cadreId?: number }) {
  const [rows, setRows] = useState<VisitDue[] | null>(null);
  useEffect(() => void call('visits.due', { cadreId }).then((r) => r.ok && setRows(r.value)), [cadreId]);
  return (
    <Table<VisitDue>
      rowKey="householdId"
      size="small"
      loading={!rows}
      dataSource={rows ?? []}
      pagination={{ pageSize: 20 }}
      locale={{ emptyText: '没有超期未走访的户' }}
      onRow={openRow((d) => go(`/ledger/household/${d.householdId}?tab=pairings`))}
      columns={[
        {
          title: '户主',
          dataIndex: 'head',
          render: (h: string, d) => <a href={`#/ledger/household/${d.householdId}?tab=pairings`}>{h}</a>,
        },
        { title: '村/社区', dataIndex: 'area' },
        { title: '帮扶干部', dataIndex: 'cadreName' },
        { title: '频次', dataIndex: 'everyMonths', render: (m: number) => (m === 1 ? '每月' : `每 ${m} 个月`) },
        { title: '上次走访', dataIndex: 'lastVisit', render: (d: string | null) => d ?? '从未走访' },
        { title: '应走访日期', dataIndex: 'dueOn' },
        {
          title: '超期',
          dataIndex: 'overdueDays',
          render: (n: number) => <span style={{ color: '#cf1322' }}>{n} 天</span>,
        },
      ]}
    />
  );
}

function Cadence({ admin }: { admin: boolean }) {
  const [rows, setRows] = useState<{ categoryCode: string; name: string; everyMonths: number }[]>([]);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const load = useCallback(() => void call('cadence.list', {}).then((r) => r.ok && setRows(r.value)), []);
  useEffect(load, [load]);
  const save = async (categoryCode: string, everyMonths: number | null) => {
    if (!everyMonths) return;
    const r = await call('cadence.save', { categoryCode, everyMonths });
    setProblem(r.ok ? null : { message: r.error.message });
    load();
  };
  return (
    <>
      <FormProblemAlert problem={problem} />
      <p className="muted">一户属于多个类别时按最短的频次；不属于下列类别的户每 3 个月走访一次。</p>
      <Table
        rowKey="categoryCode"
        size="small"
        pagination={false}
        dataSource={rows}
        style={{ maxWidth: 480 }}
        columns={[
          { title: '困难类别', dataIndex: 'name' },
          {
            title: '每几个月走访一次',
            dataIndex: 'everyMonths',
            render: (m: number, r) => (
              <InputNumber
                min={1}
                max={12}
                defaultValue={m}
                disabled={!admin}
                onBlur={(e) => save(r.categoryCode, Number(e.target.value))}
                aria-label={`${r.name}走访频次`}
              />
            ),
          },
        ]}
      />
    </>
  );
}

const TABS = [
  { key: '/pairings', label: '服务人员' },
  { key: '/pairings/unpaired', label: '未结对户' },
  { key: '/pairings/visits', label: '走访记录' },
  { key: '/pairings/overdue', label: '走访超期' },
  { key: '/pairings/cadence', label: '走访频次' },
];

export function PairingsPage({ route, session }: { route: string; session: SessionState }) {
  const tab = TABS.find((t) => t.key === route.split('?')[0])?.key ?? '/pairings';
  const body = {
    '/pairings': <Cadres />,
    '/pairings/unpaired': <Unpaired />,
    '/pairings/visits': <Visits />,
    '/pairings/overdue': <OverdueVisits />,
    '/pairings/cadence': <Cadence admin={session.staff!.roles.includes('admin')} />,
  }[tab];
  return (
    <div className="page">
      <h1 className="page-title">结对帮扶</h1>
      <Tabs activeKey={tab} onChange={go} items={TABS} />
      {body}
    </div>
  );
}
