// 村/社区 (admin): the township's areas, the unit of every roll-up.
import { Button, Input, Space, Switch, Table } from 'antd';
import { useState } from 'react';

import type { AppErrorBody } from '../../../shared/domain/result';
import type { Area } from '../../../shared/schemas/registry';
import { call } from '../../api';
import { useRecord } from '../../components/useRecord';
import { Refused } from './Refused';

export function AreasAdmin({ editable }: { editable: boolean }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const areas = useRecord('areas.list', {});
  const rows = areas.value ?? [];

  const save = async (input: { id?: number; name: string; sortOrder: number; active: boolean }) => {
    const r = await call('areas.save', input);
    if (!r.ok) return r.error.code === 'FORBIDDEN' ? setError(r.error) : setSaveError(r.error.message);
    setSaveError(null);
    setName('');
    areas.reload();
  };

  if (error) return <Refused error={error} />;
  return (
    <>
      {editable && (
        <Space style={{ marginBottom: 12 }}>
          <Input
            placeholder="新的村/社区名称"
            value={name}
            onChange={(e) => setName(e.target.value)}
            onPressEnter={() => save({ name, sortOrder: rows.length + 1, active: true })}
            status={saveError ? 'error' : undefined}
            aria-label="新的村/社区名称"
          />
          <Button type="primary" onClick={() => save({ name, sortOrder: rows.length + 1, active: true })}>
            添加
          </Button>
          {saveError && <span style={{ color: '#cf1322' }}>{saveError}</span>}
        </Space>
      )}
      <Table<Area>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        style={{ maxWidth: 560 }}
        columns={[
          { title: '名称', dataIndex: 'name' },
          {
            title: '在用',
            dataIndex: 'active',
            render: (a: boolean, r) => (
              <Switch size="small" checked={a} disabled={!editable} onChange={(v) => save({ ...r, active: v })} />
            ),
          },
        ]}
      />
    </>
  );
}
