// 工作人员 (admin only; main refuses everyone else): add staff, change roles, deactivate, reset passwords.
import { Alert, App, Button, Checkbox, Form, Input, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';

import { FIELD_MESSAGES, FIELDS as F } from '../../../shared/domain/fields';
import { type Role, ROLE_LABELS, ROLES } from '../../../shared/domain/roles';
import type { StaffRow } from '../../../shared/schemas/staff';
import { call } from '../../api';
import { FormDialog } from '../../components/FormDialog';
import { type FormProblem, newPasswordRules, showResultError } from '../../components/forms';
import { openRow } from '../../components/openRow';
import { labelOptions } from '../../components/options';
import { required } from '../../components/rules';
import { ServerSelect } from '../../components/ServerSelect';
import { useRecord } from '../../components/useRecord';
import { Refused } from './Refused';

const roleOptions = labelOptions(ROLE_LABELS, ROLES);

interface Editing {
  row: StaffRow | null; // null: a new staff member
}

function StaffForm({ editing, onClose }: { editing: Editing; onClose: (saved: boolean) => void }) {
  const [form] = Form.useForm();
  const [formError, setFormError] = useState<FormProblem | null>(null);
  const row = editing.row;

  const submit = async (v: {
    username: string;
    displayName: string;
    password?: string;
    roles: Role[];
    active: boolean;
    cadreId?: number;
  }) => {
    let r;
    if (!row)
      r = await call('staff.create', {
        username: v.username,
        displayName: v.displayName,
        password: v.password ?? '',
        roles: v.roles,
      });
    else {
      const { displayName, roles, active } = v;
      r = await call('staff.update', { id: row.id, displayName, roles, active, cadreId: v.cadreId ?? null });
      if (r.ok && v.password) r = await call('staff.resetPassword', { id: row.id, password: v.password });
    }
    if (r.ok) onClose(true);
    else showResultError(form, r.error, setFormError);
  };

  return (
    <FormDialog
      title={row ? `修改：${row.displayName}` : '新增工作人员'}
      form={form}
      problem={formError}
      onFinish={submit}
      onCancel={() => onClose(false)}
      initialValues={
        row
          ? {
              username: row.username,
              displayName: row.displayName,
              roles: row.roles,
              active: row.active,
              cadreId: row.cadreId ?? undefined,
            }
          : { roles: [], active: true }
      }
    >
      <Form.Item name="displayName" label="姓名" rules={required(F.name)}>
        <Input autoFocus maxLength={60} />
      </Form.Item>
      <Form.Item name="username" label="用户名" rules={required(F.username)}>
        <Input disabled={!!row} maxLength={40} />
      </Form.Item>
      <Form.Item
        name="password"
        label={row ? '重设密码（不改请留空）' : '初始密码'}
        rules={newPasswordRules(row ? '密码' : '初始密码', !row)}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="roles"
        label="角色（可多选）"
        rules={[{ required: true, message: FIELD_MESSAGES.roles }]}
        extra="窗口人员受理登记，审核人审核，审批人审批；审核人不能审批自己审核的案件"
      >
        <Checkbox.Group options={roleOptions} />
      </Form.Item>
      {row && (
        <Form.Item
          name="cadreId"
          label="本人的服务人员档案（可不选）"
          extra="调解员用自己的账号登录后，才能办结自己调解的纠纷"
        >
          <ServerSelect
            aria-label="服务人员档案"
            known={row.cadreId ? [{ value: row.cadreId, label: row.cadreName ?? '' }] : undefined}
          />
        </Form.Item>
      )}
      {row && (
        <Form.Item name="active" label="在用" valuePropName="checked">
          <Switch />
        </Form.Item>
      )}
    </FormDialog>
  );
}

export function StaffAdmin({ self }: { self: number }) {
  const [editing, setEditing] = useState<Editing | null>(null);
  const { message } = App.useApp();

  const staff = useRecord('staff.list', {});
  const { error } = staff;
  const rows = staff.value ?? [];

  if (error) return <Refused error={error} />;
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message="一件救助申请通常要经过三个人：窗口人员受理并登记调查，审核人审核，审批人审批。受理人不能审核或审批自己受理的案件，审核人、入户调查人和补登过材料的人不能审批这件案件；发放批次由制表人和修改过批次的人以外的审批人审批；微心愿由登记人以外的审核人审定。"
      />
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => setEditing({ row: null })}>
          新增工作人员
        </Button>
      </Space>
      <Table<StaffRow>
        rowKey="id"
        size="middle"
        pagination={false}
        dataSource={rows}
        onRow={openRow((row) => setEditing({ row }))}
        columns={[
          { title: '姓名', dataIndex: 'displayName', render: (v: string, r) => (r.id === self ? `${v}（本人）` : v) },
          { title: '用户名', dataIndex: 'username' },
          { title: '服务人员档案', dataIndex: 'cadreName' },
          {
            title: '角色',
            dataIndex: 'roles',
            render: (rs: Role[]) => rs.map((x) => <Tag key={x}>{ROLE_LABELS[x]}</Tag>),
          },
          {
            title: '状态',
            dataIndex: 'active',
            render: (a: boolean, r: StaffRow) =>
              !a ? (
                <Tag>停用</Tag>
              ) : r.hasKey ? (
                <Tag color="green">在用</Tag>
              ) : (
                // Brought back after a deactivation removed their key slot: no password opens the ledger yet.
                <Tag color="orange">需重置密码</Tag>
              ),
          },
          {
            title: '',
            key: 'edit',
            render: (_, r) => (
              <Button size="small" onClick={() => setEditing({ row: r })}>
                修改
              </Button>
            ),
          },
        ]}
      />
      {editing && (
        <StaffForm
          editing={editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) {
              void message.success('已保存');
              staff.reload();
            }
          }}
        />
      )}
    </>
  );
}
