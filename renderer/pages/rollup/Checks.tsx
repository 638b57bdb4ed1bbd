// 跨乡镇核查: the same ID number paid the same kind in two townships in one month, a person registered in two
// townships, a payout account used by persons of different households. Numbers are masked; county staff who may see
// a full number reveal it with a reason (written to this office's audit log and the county's). Each hit keeps notes.
import { Alert, Button, Drawer, Form, Input, Table, Tag } from 'antd';
import { useState } from 'react';

import { FIELDS as F } from '../../../shared/domain/fields';
import type { CheckRow } from '../../../shared/schemas/rollup';
import { FormDialog } from '../../components/FormDialog';
import { required } from '../../components/rules';
import { useFormCall } from '../../components/useFormCall';
import { useRecord } from '../../components/useRecord';
import { Notes } from './Notes';

const KINDS: Record<CheckRow['kind'], { label: string; color: string }> = {
  paidTwice: { label: '重复享受', color: 'red' },
  registeredTwice: { label: '重复登记', color: 'orange' },
  sharedAccount: { label: '共用账户', color: 'gold' },
};

export function Checks({ year, mayReveal }: { year: number; mayReveal: boolean }) {
  const hits = useRecord('rollup.checks', { year });
  const [revealing, setRevealing] = useState<CheckRow | null>(null);
  const [shown, setShown] = useState<Record<string, string>>({});
  const [notesOf, setNotesOf] = useState<CheckRow | null>(null);
  const [form] = Form.useForm<{ why: string }>();
  const reveal = useFormCall(form, 'rollup.reveal', (v) => {
    setShown((s) => ({ ...s, [revealing!.topic]: `${v.idNumber}（${v.name}）` }));
    setRevealing(null);
  });
  if (hits.error) return <Alert type="error" showIcon message={hits.error.message} />;
  return (
    <>
      <p className="muted">
        {year}
        年各乡镇副本之间的比对：同一身份证号同月在两个乡镇领取同类救助、同一人同时在两个乡镇在册、同一收款账户被不同户使用。号码只显示首尾，查看完整号码需写明原因并留痕。
      </p>
      <Table<CheckRow>
        data-testid="rollup-checks"
        rowKey="topic"
        size="small"
        loading={!hits.value}
        dataSource={hits.value ?? []}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        locale={{ emptyText: `${year}年没有发现跨乡镇的重复享受、重复登记或共用账户` }}
        columns={[
          {
            title: '类型',
            dataIndex: 'kind',
            render: (k: CheckRow['kind']) => <Tag color={KINDS[k].color}>{KINDS[k].label}</Tag>,
          },
          {
            title: '身份证号 / 账号',
            dataIndex: 'shown',
            render: (masked: string, h) => (
              <span>
                <span className="mono">{shown[h.topic] ?? masked}</span>
                {h.ref && !shown[h.topic] && mayReveal && (
                  <Button size="small" type="link" onClick={() => setRevealing(h)}>
                    显示
                  </Button>
                )}
              </span>
            ),
          },
          { title: '情况', dataIndex: 'detail' },
          { title: '涉及乡镇', dataIndex: 'townships', render: (t: string[]) => t.join('、') },
          {
            title: '备注',
            dataIndex: 'notes',
            render: (count: number, h) => (
              <Button size="small" onClick={() => setNotesOf(h)}>
                {count ? `${count} 条备注` : '写备注'}
              </Button>
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
        onFinish={(v) => revealing?.ref && reveal.submit({ ...revealing.ref, why: v.why })}
        intro={<p>查看会记入本单位和县级汇总库的审计日志（谁、何时、为何查看）。</p>}
      >
        <Form.Item name="why" label="查看原因" rules={required(F.revealWhy)}>
          <Input placeholder="例如：重复享受核查，需与乡镇核对" autoFocus />
        </Form.Item>
      </FormDialog>
      <Drawer
        open={!!notesOf}
        width={520}
        title={notesOf && `备注：${KINDS[notesOf.kind].label} ${notesOf.shown}`}
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
