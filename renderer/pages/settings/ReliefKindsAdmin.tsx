// 救助类别 (admin edits): checklist, time limit, one-off or monthly, township ceiling, per-household limits.
import { Button, Checkbox, Form, Input, InputNumber, Select, Table, Tag } from 'antd';
import { useState } from 'react';

import type { Input as In } from '../../../shared/contract';
import { FIELDS as F } from '../../../shared/domain/fields';
import { formatYuan } from '../../../shared/domain/money';
import type { ReliefKind } from '../../../shared/schemas/applications';
import { call } from '../../api';
import { FormDialog } from '../../components/FormDialog';
import { type FormProblem, showResultError } from '../../components/forms';
import { namedOptions } from '../../components/options';
import { fill, required } from '../../components/rules';
import { useRecord } from '../../components/useRecord';

type Values = In<'reliefKinds.save'>;

export function ReliefKindsAdmin({ editable }: { editable: boolean }) {
  const [editing, setEditing] = useState<ReliefKind | 'new' | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [form] = Form.useForm<Values>();
  const kinds = useRecord('reliefKinds.list', {});
  const rows = kinds.value ?? [];

  const open = (k: ReliefKind | 'new') => {
    setProblem(null);
    form.resetFields();
    if (k !== 'new')
      form.setFieldsValue({
        ...k,
        townshipCeiling: k.townshipCeilingFen ? String(k.townshipCeilingFen / 100) : '',
        active: true,
      });
    setEditing(k);
  };
  const save = async (v: Values) => {
    const r = await call('reliefKinds.save', {
      ...v,
      parentCode: v.parentCode ?? null,
      maxPerYear: v.maxPerYear ?? null,
    });
    if (!r.ok) return showResultError(form, r.error, setProblem);
    setEditing(null);
    kinds.reload();
  };

  return (
    <>
      {editable && (
        <Button type="primary" style={{ marginBottom: 12 }} onClick={() => open('new')}>
          新增类别
        </Button>
      )}
      <Table<ReliefKind>
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '类别', dataIndex: 'name', width: 190, render: (n: string, k) => (k.parentCode ? `　└ ${n}` : n) },
          { title: '时限', dataIndex: 'timeLimitDays', width: 110, render: (d: number) => `${d} 个工作日` },
          {
            title: '方式',
            dataIndex: 'recurrence',
            width: 90,
            render: (r: string) => (r === 'monthly' ? '按月发放' : '一次性'),
          },
          {
            title: '乡镇审批上限',
            dataIndex: 'townshipCeilingFen',
            width: 120,
            render: (f: number | null) => (f ? `${formatYuan(f)} 元` : '—'),
          },
          {
            title: '每户每年',
            dataIndex: 'maxPerYear',
            width: 90,
            render: (n: number | null) => (n ? `${n} 次` : '不限'),
          },
          {
            title: '规则',
            key: 'rules',
            render: (_, k) => (
              <>
                {k.distinctReason && <Tag>同一事由不重复</Tag>}
                {k.urgentAllowed && <Tag color="orange">可先行救助</Tag>}
              </>
            ),
          },
          { title: '材料清单', dataIndex: 'materials', render: (m: string[]) => m.join('、') },
          {
            title: '',
            key: 'edit',
            render: (_, k) =>
              editable && (
                <Button size="small" onClick={() => open(k)}>
                  修改
                </Button>
              ),
          },
        ]}
      />
      <FormDialog
        open={editing !== null}
        title={editing === 'new' ? '新增救助类别' : '修改救助类别'}
        width={640}
        form={form}
        problem={problem}
        onFinish={save}
        onCancel={() => setEditing(null)}
        initialValues={{
          recurrence: 'one_off',
          timeLimitDays: 15,
          paperworkDays: 10,
          materials: ['申请书'],
          active: true,
        }}
      >
        <Form.Item name="code" label="代码（英文，保存后不能改）" rules={fill('代码')}>
          <Input disabled={editing !== 'new'} />
        </Form.Item>
        <Form.Item name="name" label="名称" rules={required(F.choiceName)}>
          <Input />
        </Form.Item>
        <Form.Item name="parentCode" label="上级类别（子类别与上级合并计次）">
          <Select
            allowClear
            options={namedOptions(
              rows.filter((k) => !k.parentCode),
              'code',
            )}
          />
        </Form.Item>
        <Form.Item name="materials" label="材料清单（输入后回车添加）">
          <Select mode="tags" />
        </Form.Item>
        <Form.Item name="timeLimitDays" label="办理时限（工作日）" rules={fill('时限')}>
          <InputNumber min={1} max={90} precision={0} />
        </Form.Item>
        <Form.Item name="recurrence" label="发放方式">
          <Select
            options={[
              { value: 'one_off', label: '一次性' },
              { value: 'monthly', label: '按月发放' },
            ]}
          />
        </Form.Item>
        <Form.Item name="townshipCeiling" label="乡镇审批上限（元，空为不限）">
          <Input />
        </Form.Item>
        <Form.Item name="maxPerYear" label="每户每年最多次数（空为不限）">
          <InputNumber min={1} max={12} precision={0} />
        </Form.Item>
        <Form.Item name="distinctReason" valuePropName="checked">
          <Checkbox>同一事由一年内不能重复申请</Checkbox>
        </Form.Item>
        <Form.Item name="urgentAllowed" valuePropName="checked">
          <Checkbox>可先行救助</Checkbox>
        </Form.Item>
        <Form.Item name="paperworkDays" label="先行救助补齐材料期限（工作日）">
          <InputNumber min={1} max={60} precision={0} />
        </Form.Item>
        <Form.Item name="active" valuePropName="checked">
          <Checkbox>在用</Checkbox>
        </Form.Item>
      </FormDialog>
    </>
  );
}
