// 登记新户: keyboard first — Tab through the fields, type in the selects, Alt+N adds a member, Ctrl+Enter saves.
import { Button, Card, Col, Form, Input, Row, Select, Space } from 'antd';
import type { RefSelectProps } from 'antd/es/select';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';

import type { Input as In } from '../../../shared/contract';
import { call } from '../../api';
import { FormProblemAlert } from '../../components/FormProblemAlert';
import { type FormProblem, showResultError } from '../../components/forms';
import { MultiSelect } from '../../components/MultiSelect';
import { namedOptions } from '../../components/options';
import { go } from '../../components/router';
import { choose } from '../../components/rules';
import { useLookups } from '../../components/useLookups';
import { MemberFields } from './MemberFields';

type Values = In<'households.create'>;

export function RegisterPage() {
  const [form] = Form.useForm<Values>();
  const { areas, categories } = useLookups();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const areaSelect = useRef<RefSelectProps>(null);
  // Focus goes to the first field once the areas have loaded, i.e. when the form can be used from the keyboard
  // (autoFocus at mount could lose to the page being left).
  const ready = areas.length > 0;
  useEffect(() => {
    if (ready) areaSelect.current?.focus();
  }, [ready]);

  const save = async (v: Values) => {
    setBusy(true);
    const r = await call('households.create', {
      ...v,
      members: v.members.map((m, i) => ({ ...m, relation: i === 0 ? '户主' : m.relation })),
    });
    setBusy(false);
    if (r.ok) go(`/ledger/household/${r.value.id}`);
    else showResultError(form, r.error, setProblem);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) form.submit();
    if (e.altKey && (e.key === 'n' || e.key === 'N')) {
      e.preventDefault();
      const members = form.getFieldValue('members') as unknown[];
      form.setFieldValue('members', [...members, { relation: undefined }]);
      setTimeout(() => document.getElementById(`members_${members.length}_name`)?.focus());
    }
  };

  return (
    <div className="page" onKeyDown={onKeyDown}>
      <h1 className="page-title">登记新户</h1>
      <FormProblemAlert problem={problem} />
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{ members: [{ relation: '户主' }], categories: [] }}
      >
        <Card size="small" title="户籍与成员" style={{ marginBottom: 16 }}>
          <Row gutter={12}>
            <Col span={6}>
              <Form.Item name="areaId" label="村/社区" rules={choose('村/社区')}>
                <Select ref={areaSelect} showSearch optionFilterProp="label" options={namedOptions(areas, 'id')} />
              </Form.Item>
            </Col>
          </Row>
          <Form.List name="members">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <MemberFields
                    key={f.key}
                    prefix={[f.name]}
                    listPath={['members']}
                    isHead={f.name === 0}
                    onRemove={f.name > 0 ? () => remove(f.name) : undefined}
                  />
                ))}
                <Button onClick={() => add({})}>添加成员（Alt+N）</Button>
              </>
            )}
          </Form.List>
        </Card>
        <Card size="small" title="家庭情况" style={{ marginBottom: 16 }}>
          <Row gutter={12}>
            <Col span={10}>
              <Form.Item name="address" label="家庭住址">
                <Input maxLength={140} />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item name="phone" label="联系电话">
                <Input maxLength={20} />
              </Form.Item>
            </Col>
            <Col span={9}>
              <Form.Item name="categories" label="困难类别（可多选）">
                <MultiSelect showSearch optionFilterProp="label" options={namedOptions(categories, 'code')} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="bankName" label="开户银行">
                <Input maxLength={40} placeholder="如 农商银行" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="account" label="一卡通账号">
                <Input maxLength={30} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item name="notes" label="备注">
                <Input.TextArea rows={1} maxLength={500} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            保存（Ctrl+Enter）
          </Button>
          <Button onClick={() => go('/ledger')}>取消</Button>
        </Space>
      </Form>
    </div>
  );
}
