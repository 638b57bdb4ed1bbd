// The household page's 结对帮扶 tab: its cadres now and before, the next visit due, its service card, its visits —
// and the forms to pair a cadre, record a visit (problems and aid) and print the card.
import { MinusCircleOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';

import { FIELDS as F } from '../../../shared/domain/fields';
import { PAIRING_ROLES, VISIT_MODES } from '../../../shared/domain/pairings';
import type { CadreRow, HouseholdPairings as Pairings, PairingRow, VisitRow } from '../../../shared/schemas/pairings';
import { call } from '../../api';
import { FormDialog } from '../../components/FormDialog';
import { type FormProblem, showResultError } from '../../components/forms';
import { LedgerGrid, type PageRequest } from '../../components/LedgerGrid';
import { labelOptions } from '../../components/options';
import { go } from '../../components/router';
import { choose, fill, required } from '../../components/rules';
import { outside, today, todayText } from '../../components/today';
import { visitColumns } from './columns';

type Dialog = 'pair' | 'visit' | null;
const day = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');

function useCadres(): CadreRow[] {
  const [rows, setRows] = useState<CadreRow[]>([]);
  useEffect(
    () => void call('cadres.list', { active: true, limit: 500 }).then((r) => r.ok && setRows(r.value.rows)),
    [],
  );
  return rows;
}

/** `registeredOn`: the household's registration day; no pairing or visit of it can be dated earlier. */
export function HouseholdPairings({
  householdId,
  registeredOn,
  active,
}: {
  householdId: number;
  registeredOn: string;
  active: boolean;
}) {
  const [p, setP] = useState<Pairings | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [version, setVersion] = useState(0);
  const [form] = Form.useForm();
  const cadres = useCadres();
  const load = useCallback(
    () => void call('pairings.ofHousehold', { householdId }).then((r) => r.ok && setP(r.value)),
    [householdId],
  );
  useEffect(load, [load]);
  const fetchVisits = useCallback(
    (req: PageRequest) => call('visits.list', { offset: req.offset, limit: req.limit, householdId }),
    // A new function restarts the grid's paging; `version` asks for that after a change the grid cannot see.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- version is the restart signal, not an input
    [householdId, version],
  );
  if (!p) return null;

  const open = (d: Dialog) => (form.resetFields(), setProblem(null), setDialog(d));
  const submit = async (v: Record<string, unknown>) => {
    if (dialog === 'pair') {
      const r = await call('pairings.start', {
        householdId,
        cadreId: v.cadreId as number,
        role: v.role as 'primary',
        fromDate: day(v.fromDate as dayjs.Dayjs),
      });
      if (!r.ok) return showResultError(form, r.error, setProblem);
      setP(r.value);
    } else {
      const r = await call('visits.create', {
        householdId,
        cadreId: v.cadreId as number,
        visitedOn: day(v.visitedOn as dayjs.Dayjs),
        mode: v.mode as 'home',
        findings: (v.findings as string) ?? '',
        actions: (v.actions as string) ?? '',
        problems: ((v.problems as { description: string }[]) ?? []).filter((x) => x?.description),
        aid: ((v.aid as { item: string; quantity: number; unit: string; value: string }[]) ?? [])
          .filter((x) => x?.item)
          .map((x) => ({ ...x, unit: x.unit ?? '', value: x.value ?? '' })),
      });
      if (!r.ok) return showResultError(form, r.error, setProblem);
      load();
      setVersion((x) => x + 1);
    }
    setDialog(null);
  };
  const paired = p.current.map((c) => ({ value: c.cadreId, label: `${c.cadreName}（${PAIRING_ROLES[c.role]}）` }));
  const card = p.card;
  return (
    <>
      <Card
        size="small"
        title="帮扶干部"
        style={{ marginBottom: 12 }}
        extra={
          active && (
            <Button type="primary" onClick={() => open('pair')}>
              结对 / 更换帮扶干部
            </Button>
          )
        }
      >
        {p.current.length === 0 && (
          <Alert type="warning" showIcon message="这一户还没有结对帮扶干部" style={{ marginBottom: 8 }} />
        )}
        <Table<PairingRow>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={[...p.current, ...p.history]}
          data-testid="pairings"
          columns={[
            {
              title: '帮扶干部',
              dataIndex: 'cadreName',
              render: (n: string, r) => <a href={`#/pairings/cadre/${r.cadreId}`}>{n}</a>,
            },
            { title: '电话', dataIndex: 'cadrePhone' },
            { title: '身份', dataIndex: 'role', render: (r: PairingRow['role']) => PAIRING_ROLES[r] },
            { title: '结对日期', dataIndex: 'fromDate' },
            {
              title: '结束',
              dataIndex: 'toDate',
              render: (t: string | null, r) => (t ? `${t}（${r.endReason}）` : <Tag color="green">进行中</Tag>),
            },
          ]}
        />
        {p.due && (
          <div style={{ marginTop: 8 }} data-testid="visit-due">
            走访频次：{p.due.everyMonths === 1 ? '每月' : `每 ${p.due.everyMonths} 个月`}；上次走访：
            {p.due.lastVisit ?? '从未走访'}；应走访日期：
            <b style={{ color: p.due.overdueDays > 0 ? '#cf1322' : undefined }}>
              {p.due.dueOn}
              {p.due.overdueDays > 0 ? `（超期 ${p.due.overdueDays} 天）` : ''}
            </b>
          </div>
        )}
      </Card>
      <Card
        size="small"
        title="便民服务卡"
        style={{ marginBottom: 12 }}
        extra={
          active && (
            <Space>
              <Button icon={<PrinterOutlined />} onClick={() => go(`/print/cards?ids=${householdId}&format=cr80`)}>
                {card ? (card.needsReprint ? '重新制卡' : '打印服务卡') : '制卡'}
              </Button>
              {card && (
                <Button onClick={() => go(`/print/cards?ids=${householdId}&format=cr80&reissue=1`)}>补卡</Button>
              )}
            </Space>
          )
        }
      >
        {card ? (
          <span data-testid="card-status">
            卡号 {card.cardNo}，{card.issuedOn} 制卡，已打印 {card.printings} 次。
            {card.needsReprint && <Tag color="orange">帮扶干部已变更，待重印</Tag>}
          </span>
        ) : (
          '尚未制卡'
        )}
      </Card>
      <Card
        size="small"
        title="走访记录"
        extra={
          active &&
          p.current.length > 0 && (
            <Button type="primary" onClick={() => open('visit')}>
              登记走访
            </Button>
          )
        }
      >
        <LedgerGrid<VisitRow>
          columns={visitColumns}
          fetchPage={fetchVisits}
          testId="household-visits"
          empty="还没有走访记录。结对干部走访后，点 登记走访"
        />
      </Card>
      <FormDialog
        open={!!dialog}
        title={dialog === 'pair' ? '结对帮扶干部' : '登记走访'}
        width={dialog === 'visit' ? 720 : 480}
        form={form}
        problem={problem}
        onFinish={submit}
        onCancel={() => setDialog(null)}
        initialValues={
          dialog === 'pair'
            ? { role: p.current.some((c) => c.role === 'primary') ? 'secondary' : 'primary', fromDate: today() }
            : { visitedOn: today(), mode: 'home', cadreId: p.current.find((c) => c.role === 'primary')?.cadreId }
        }
      >
        {dialog === 'pair' ? (
          <>
            <Form.Item name="cadreId" label="帮扶干部" rules={choose('帮扶干部')}>
              <Select
                showSearch
                optionFilterProp="label"
                options={cadres.map((c) => ({
                  value: c.id,
                  label: `${c.name}（${c.unit || '未填单位'}，已结对 ${c.households} 户）`,
                }))}
              />
            </Form.Item>
            <Form.Item name="role" label="身份">
              <Radio.Group options={labelOptions(PAIRING_ROLES)} />
            </Form.Item>
            <Form.Item name="fromDate" label="结对日期" rules={choose('结对日期')}>
              <DatePicker disabledDate={outside(registeredOn, todayText())} />
            </Form.Item>
            <div className="muted">同一身份已有帮扶干部时，原结对在新结对日期的前一天结束，记入历史。</div>
          </>
        ) : (
          <>
            <Space size="large" wrap>
              <Form.Item name="visitedOn" label="走访日期" rules={choose('走访日期')}>
                <DatePicker disabledDate={outside(registeredOn, todayText())} />
              </Form.Item>
              <Form.Item name="mode" label="方式">
                <Radio.Group options={labelOptions(VISIT_MODES)} />
              </Form.Item>
              <Form.Item name="cadreId" label="帮扶干部" rules={choose('帮扶干部')}>
                <Select style={{ width: 200 }} options={paired} />
              </Form.Item>
            </Space>
            <Form.Item name="findings" label="了解的情况" rules={required(F.visitFindings)}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Form.Item name="actions" label="开展的帮扶">
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Form.List name="problems">
              {(fields, { add, remove }) => (
                <Form.Item label="反映的问题">
                  {fields.map((f) => (
                    <Space key={f.key} style={{ display: 'flex' }}>
                      <Form.Item name={[f.name, 'description']} rules={fill('问题')}>
                        <Input style={{ width: 480 }} maxLength={200} aria-label={`问题${f.name + 1}`} />
                      </Form.Item>
                      <MinusCircleOutlined onClick={() => remove(f.name)} />
                    </Space>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add()}>
                    添加问题
                  </Button>
                </Form.Item>
              )}
            </Form.List>
            <Form.List name="aid">
              {(fields, { add, remove }) => (
                <Form.Item label="帮扶物资">
                  {fields.map((f) => (
                    <Space key={f.key} style={{ display: 'flex' }} align="start">
                      <Form.Item name={[f.name, 'item']} rules={fill('物资')}>
                        <Input placeholder="物资，如 大米" style={{ width: 160 }} aria-label={`物资${f.name + 1}`} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'quantity']} initialValue={1} rules={required(F.aidQuantity)}>
                        <InputNumber min={1} style={{ width: 90 }} aria-label={`物资${f.name + 1}数量`} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'unit']}>
                        <Input placeholder="单位" style={{ width: 70 }} aria-label={`物资${f.name + 1}单位`} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'value']} rules={required(F.aidValue)}>
                        <Input placeholder="价值（元）" style={{ width: 120 }} aria-label={`物资${f.name + 1}价值`} />
                      </Form.Item>
                      <MinusCircleOutlined style={{ marginTop: 8 }} onClick={() => remove(f.name)} />
                    </Space>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add()}>
                    添加物资
                  </Button>
                </Form.Item>
              )}
            </Form.List>
          </>
        )}
      </FormDialog>
    </>
  );
}
