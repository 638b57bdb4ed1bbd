// 受理: pick the household (by name, pinyin initials or ID tail), the beneficiary, the kind; tick the materials.
import { Alert, Button, Card, Checkbox, Col, Form, Input, Row, Select, Space } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';

import type { Input as In } from '../../../shared/contract';
import { FIELDS as F } from '../../../shared/domain/fields';
import type { HouseholdDetail } from '../../../shared/schemas/registry';
import { call } from '../../api';
import { FormProblemAlert } from '../../components/FormProblemAlert';
import { type FormProblem, showResultError } from '../../components/forms';
import { HouseholdSelect } from '../../components/HouseholdSelect';
import { namedOptions, valueOptions } from '../../components/options';
import { go } from '../../components/router';
import { choose, required } from '../../components/rules';
import { useReliefKinds } from './ApplicationsPage';

type Values = In<'applications.register'>;

export function RegisterApplication({ householdId }: { householdId?: number }) {
  const [form] = Form.useForm<Values>();
  const kinds = useReliefKinds();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [household, setHousehold] = useState<HouseholdDetail | null>(null);
  const kindCode = Form.useWatch('kindCode', form);
  const kind = useMemo(() => kinds.find((k) => k.code === kindCode), [kinds, kindCode]);

  const pickHousehold = useCallback(
    (id: number) =>
      void call('households.get', { id }).then((r) => {
        if (!r.ok) return;
        setHousehold(r.value);
        form.setFieldsValue({ householdId: id, personId: r.value.members[0]?.id });
      }),
    [form],
  );

  useEffect(() => {
    if (householdId) pickHousehold(householdId);
  }, [householdId, pickHousehold]);
  useEffect(() => form.setFieldValue('materials', []), [kindCode, form]);

  const save = async (v: Values) => {
    const r = await call('applications.register', v);
    if (r.ok) go(`/applications/${r.value.id}`);
    else showResultError(form, r.error, setProblem);
  };

  return (
    <div className="page">
      <h1 className="page-title">受理救助申请</h1>
      <FormProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ materials: [] }} style={{ maxWidth: 980 }}>
        <Card size="small" style={{ marginBottom: 16 }}>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item
                name="householdId"
                label="申请户（输入姓名、拼音首字母或身份证后四位查找）"
                rules={choose('申请户')}
              >
                <HouseholdSelect
                  autoFocus
                  onChange={(id: number) => pickHousehold(id)}
                  known={
                    household
                      ? {
                          value: household.id,
                          label: `户号 ${household.id} · ${household.headName} · ${household.area}`,
                        }
                      : undefined
                  }
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="personId" label="救助对象" rules={choose('救助对象')}>
                <Select
                  options={(household?.members ?? []).map((m) => ({
                    value: m.id,
                    label: `${m.name}（${m.relation}）`,
                  }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name="kindCode" label="救助类别" rules={choose('救助类别')}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  options={namedOptions(
                    kinds.filter((k) => k.code !== 'temporary_relief'),
                    'code',
                  )}
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="amount" label="申请金额（元）" rules={required(F.amount)}>
                <Input placeholder="如 3,000 或 3000.50" />
              </Form.Item>
            </Col>
            <Col span={10}>
              {kind && (
                <Alert
                  type="info"
                  style={{ marginTop: 28 }}
                  message={`办理时限 ${kind.timeLimitDays} 个工作日${kind.townshipCeilingFen ? `；超过 ${kind.townshipCeilingFen / 100} 元报县审批` : ''}${kind.maxPerYear ? `；每户每年最多 ${kind.maxPerYear} 次` : ''}`}
                />
              )}
            </Col>
          </Row>
          <Form.Item name="reason" label="申请事由" rules={required(F.applyReason)}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          {kind && (
            <Form.Item name="materials" label="已收到的材料（未勾选的将列入一次性告知单）">
              <Checkbox.Group options={valueOptions(kind.materials)} />
            </Form.Item>
          )}
        </Card>
        <Space>
          <Button type="primary" htmlType="submit">
            受理
          </Button>
          <Button onClick={() => go('/applications')}>取消</Button>
        </Space>
      </Form>
    </div>
  );
}
