// 节假日 (admin edits): the holidays and make-up working days that every deadline is counted on.
import { Button, DatePicker, InputNumber, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';

import { call } from '../../api';
import { today } from '../../components/today';
import { useRecord } from '../../components/useRecord';

type Day = { day: string; kind: 'holiday' | 'workday' };

export function HolidaysAdmin({ editable }: { editable: boolean }) {
  const [year, setYear] = useState(today().year());
  const [pick, setPick] = useState<dayjs.Dayjs | null>(null);
  const [kind, setKind] = useState<Day['kind']>('holiday');
  const [error, setError] = useState<string | null>(null);
  const days = useRecord('calendar.list', { year });
  const rows: Day[] = days.value ?? [];
  const set = async (day: string, k: Day['kind'] | null) => {
    const r = await call('calendar.set', { day, kind: k });
    setError(r.ok ? null : r.error.message);
    days.reload();
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <InputNumber value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} addonAfter="年" />
        {editable && (
          <>
            <DatePicker value={pick} onChange={setPick} />
            <Select
              value={kind}
              onChange={setKind}
              style={{ width: 150 }}
              options={[
                { value: 'holiday', label: '放假' },
                { value: 'workday', label: '调休上班' },
              ]}
            />
            <Button type="primary" disabled={!pick} onClick={() => pick && set(pick.format('YYYY-MM-DD'), kind)}>
              添加
            </Button>
          </>
        )}
        {error && <span style={{ color: '#cf1322' }}>{error}</span>}
      </Space>
      {rows.length === 0 && (
        <p className="muted">{year} 年还没有节假日安排：国务院公布后请在此录入，否则办结时限只跳过周末。</p>
      )}
      <Table<Day>
        rowKey="day"
        size="small"
        dataSource={rows}
        pagination={{ pageSize: 20 }}
        style={{ maxWidth: 520 }}
        columns={[
          { title: '日期', dataIndex: 'day', render: (d: string) => `${d}（${'日一二三四五六'[dayjs(d).day()]}）` },
          {
            title: '安排',
            dataIndex: 'kind',
            render: (k: Day['kind']) =>
              k === 'holiday' ? <Tag color="red">放假</Tag> : <Tag color="blue">调休上班</Tag>,
          },
          {
            title: '',
            key: 'del',
            render: (_, d) =>
              editable && (
                <Button size="small" type="link" danger onClick={() => set(d.day, null)}>
                  删除
                </Button>
              ),
          },
        ]}
      />
    </>
  );
}
