// 服务岗位与类别 (admin): the pick lists kept as data. A name is added or taken off the list; rows that used it
// keep it.
import { Button, Card, Col, Input, Row, Space, Switch, Table } from 'antd';
import { useState } from 'react';

import type { Choice } from '../../../shared/schemas/service';
import { call } from '../../api';
import { useRecord } from '../../components/useRecord';

const LISTS: [Choice['list'], string, string][] = [
  ['post', '服务岗位（在职党员认领的岗位，也是微心愿的类别）', '新的服务岗位'],
  ['suggestionCategory', '意见建议类别', '新的意见建议类别'],
  ['disputeType', '矛盾纠纷类型', '新的纠纷类型'],
];

function ChoiceList({
  list,
  title,
  placeholder,
  rows,
  editable,
  onSaved,
}: {
  list: Choice['list'];
  title: string;
  placeholder: string;
  rows: Choice[];
  editable: boolean;
  onSaved: () => void;
}) {
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const save = async (input: { name: string; active: boolean }) => {
    const r = await call('choices.save', { list, ...input });
    setProblem(r.ok ? null : r.error.message);
    if (r.ok) setName('');
    onSaved();
  };
  return (
    <Card size="small" title={title}>
      {editable && (
        <Space style={{ marginBottom: 12 }}>
          <Input
            placeholder={placeholder}
            value={name}
            maxLength={20}
            onChange={(e) => setName(e.target.value)}
            onPressEnter={() => save({ name, active: true })}
            status={problem ? 'error' : undefined}
            aria-label={placeholder}
          />
          <Button type="primary" onClick={() => save({ name, active: true })}>
            添加
          </Button>
          {problem && <span style={{ color: '#cf1322' }}>{problem}</span>}
        </Space>
      )}
      <Table<Choice>
        rowKey="name"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '名称', dataIndex: 'name' },
          {
            title: '在用',
            dataIndex: 'active',
            render: (a: boolean, r) => (
              <Switch
                size="small"
                checked={a}
                disabled={!editable}
                onChange={(v) => save({ name: r.name, active: v })}
                aria-label={`${r.name}在用`}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}

export function ChoicesAdmin({ editable }: { editable: boolean }) {
  const choices = useRecord('choices.list', {});
  const rows = choices.value ?? [];
  return (
    <Row gutter={16} style={{ maxWidth: 1000 }}>
      {LISTS.map(([list, title, placeholder]) => (
        <Col span={8} key={list}>
          <ChoiceList
            list={list}
            title={title}
            placeholder={placeholder}
            rows={rows.filter((c) => c.list === list)}
            editable={editable}
            onSaved={choices.reload}
          />
        </Col>
      ))}
    </Row>
  );
}
