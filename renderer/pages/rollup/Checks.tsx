// 跨乡镇核查: one row per person (the same ID number paid the same kind in two townships in one month, registered in two
// townships) or per payout account used by different households, with the townships, the months and what to do; paged
// in main, filtered by township, kind and state (the filters are in the route, so the print and the export show the
// same). A hit is marked 核实中, then 已处理, each with a note. Numbers are masked; county staff who may see a full
// number reveal it with a reason, within a budget, for a person in a current hit only. Each hit keeps notes.
import { Alert, Button, Drawer, Form, Input, Space, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';

import { FIELDS as F } from '../../../shared/domain/fields';
import {
  CHECK_KIND_LABELS,
  CHECK_KINDS,
  CHECK_STATE_LABELS,
  type CheckKind,
  type CheckState,
} from '../../../shared/domain/rollup';
import type { CheckRow } from '../../../shared/schemas/rollup';
import { FilterBar, SelectFilter } from '../../components/filters';
import { FormDialog } from '../../components/FormDialog';
import { labelOptions, namedOptions } from '../../components/options';
import { go } from '../../components/router';
import { required } from '../../components/rules';
import { useFormCall } from '../../components/useFormCall';
import { useRecord } from '../../components/useRecord';
import { Notes } from './Notes';

export interface CheckFilters {
  township?: string;
  kind?: CheckKind;
  state?: CheckState;
}

const KIND_COLORS: Record<CheckKind, string> = { paidTwice: 'red', registeredTwice: 'orange', sharedAccount: 'gold' };
const STATE_COLORS: Record<CheckState, string> = { open: 'red', checking: 'blue', done: 'green' };
const PAGE = 50;
const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

/** The mark a hit takes next: 核实 when it waits, 已处理 while it is being checked. */
const NEXT: Record<CheckState, { to: 'checking' | 'done'; button: string } | null> = {
  open: { to: 'checking', button: '核实' },
  checking: { to: 'done', button: '已处理' },
  done: null,
};

export function Checks({ year, filters, mayReveal }: { year: number; filters: CheckFilters; mayReveal: boolean }) {
  const [page, setPage] = useState(1);
  const hits = useRecord('rollup.checks', { year, ...filters, offset: (page - 1) * PAGE, limit: PAGE });
  const towns = useRecord('rollup.townships', { year });
  const [revealing, setRevealing] = useState<CheckRow | null>(null);
  const [marking, setMarking] = useState<CheckRow | null>(null);
  const [shown, setShown] = useState<Record<string, string>>({});
  const [notesOf, setNotesOf] = useState<CheckRow | null>(null);
  const [form] = Form.useForm<{ why: string }>();
  const [markForm] = Form.useForm<{ note: string }>();
  const reveal = useFormCall(form, 'rollup.reveal', (v) => {
    setShown((s) => ({ ...s, [revealing!.key]: `${v.idNumber}（${v.name}）` }));
    setRevealing(null);
  });
  const mark = useFormCall(markForm, 'rollup.mark', () => {
    setMarking(null);
    hits.reload();
  });
  const filter = (f: CheckFilters) => {
    const q = Object.entries({ ...filters, ...f }).filter(([, v]) => v);
    go(`/rollup/checks?${new URLSearchParams([['year', String(year)], ...(q as [string, string][])])}`);
  };
  const filtered = Object.values(filters).some(Boolean);
  if (hits.error) return <Alert type="error" showIcon message={hits.error.message} />;
  return (
    <>
      <p className="muted">
        {year}
        年各乡镇副本之间的比对，每人或每个账户一行：同一身份证号同月在两个乡镇领取同类救助、同一人同时在两个乡镇在册、同一收款账户被不同户使用。每条写明了怎么办：与相关乡镇核实后点“核实”记下情况，处理完毕点“已处理”。号码只显示首尾，查看完整号码需写明原因并留痕。
      </p>
      <FilterBar>
        <SelectFilter
          name="乡镇"
          width={160}
          value={filters.township}
          onChange={(township) => filter({ township })}
          options={namedOptions(
            (towns.value ?? []).filter((t) => t.ledgerId),
            'code',
          )}
        />
        <SelectFilter
          name="类型"
          width={140}
          value={filters.kind}
          onChange={(kind) => filter({ kind })}
          options={labelOptions(CHECK_KIND_LABELS)}
        />
        <SelectFilter
          name="状态"
          width={140}
          value={filters.state}
          onChange={(state) => filter({ state })}
          options={labelOptions(CHECK_STATE_LABELS)}
        />
      </FilterBar>
      <Table<CheckRow>
        data-testid="rollup-checks"
        rowKey="key"
        size="small"
        loading={!hits.value}
        dataSource={hits.value?.rows ?? []}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: hits.value?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => `共 ${n} 条`,
          onChange: setPage,
        }}
        locale={{
          emptyText: filtered
            ? '没有符合筛选条件的核查结果：清除筛选可看全部'
            : `${year}年没有发现跨乡镇的重复享受、重复登记或共用账户`,
        }}
        columns={[
          {
            title: '类型',
            dataIndex: 'kinds',
            width: 96,
            render: (kinds: CheckKind[]) => (
              <Space direction="vertical" size={2}>
                {CHECK_KINDS.filter((k) => kinds.includes(k)).map((k) => (
                  <Tag key={k} color={KIND_COLORS[k]}>
                    {CHECK_KIND_LABELS[k]}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: '身份证号 / 账号',
            dataIndex: 'shown',
            width: 200,
            render: (masked: string, h) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                <span className="mono">{shown[h.key] ?? masked}</span>
                {h.subject === 'person' && !shown[h.key] && mayReveal && (
                  <Button size="small" type="link" onClick={() => setRevealing(h)}>
                    显示
                  </Button>
                )}
              </span>
            ),
          },
          {
            title: '涉及乡镇',
            dataIndex: 'townships',
            width: 140,
            render: (t: string[]) => t.map((name) => <div key={name}>{name}</div>),
          },
          {
            title: '情况和怎么办',
            key: 'detail',
            render: (_, h) => (
              <>
                <div>{h.detail}</div>
                <div className="muted">怎么办：{h.advice}</div>
              </>
            ),
          },
          {
            title: '状态',
            dataIndex: 'state',
            width: 110,
            render: (state: CheckState, h) => (
              <Tooltip title={h.mark && `${h.mark.note}（${h.mark.by}，${when(h.mark.at)}）`}>
                <Tag color={STATE_COLORS[state]}>{CHECK_STATE_LABELS[state]}</Tag>
                {state === 'open' && h.mark && <div className="muted">标记后有新情况</div>}
              </Tooltip>
            ),
          },
          {
            title: '处理',
            key: 'act',
            width: 170,
            render: (_, h) => (
              <Space size={4}>
                {NEXT[h.state] && (
                  <Button size="small" type="primary" ghost onClick={() => setMarking(h)}>
                    {NEXT[h.state]!.button}
                  </Button>
                )}
                <Button size="small" onClick={() => setNotesOf(h)}>
                  {h.notes ? `${h.notes} 条备注` : '写备注'}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <FormDialog
        open={!!revealing}
        title="查看完整身份证号"
        form={form}
        problem={reveal.problem}
        okText="查看"
        onCancel={() => setRevealing(null)}
        onFinish={(v) => revealing && reveal.submit({ year, key: revealing.key, why: v.why })}
        intro={<p>查看会记入本单位和县级汇总库的审计日志（谁、何时、为何查看）；每人每分钟、每天可查看的人数有限。</p>}
      >
        <Form.Item name="why" label="查看原因" rules={required(F.revealWhy)}>
          <Input placeholder="例如：重复享受核查，需与乡镇核对" autoFocus />
        </Form.Item>
      </FormDialog>
      <FormDialog
        open={!!marking}
        title={marking && `${NEXT[marking.state]?.button}：${marking.shown}`}
        form={markForm}
        problem={mark.problem}
        okText={marking ? `标记为${CHECK_STATE_LABELS[NEXT[marking.state]?.to ?? 'done']}` : '保存'}
        onCancel={() => setMarking(null)}
        onFinish={(v) =>
          marking && mark.submit({ year, key: marking.key, state: NEXT[marking.state]!.to, note: v.note })
        }
        intro={marking && <p>怎么办：{marking.advice}</p>}
      >
        <Form.Item name="note" label="核实情况或处理结果" rules={required(F.checkNote)}>
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            autoFocus
            placeholder="例如：已与两镇核实，此人户籍在第1镇"
          />
        </Form.Item>
      </FormDialog>
      <Drawer
        open={!!notesOf}
        width={520}
        title={notesOf && `备注：${notesOf.kinds.map((k) => CHECK_KIND_LABELS[k]).join('、')} ${notesOf.shown}`}
        onClose={() => {
          setNotesOf(null);
          hits.reload();
        }}
        destroyOnHidden
      >
        {notesOf && <Notes topic={notesOf.topic} />}
      </Drawer>
    </>
  );
}
