// 审计日志 (admin only): every mutation, who and when, filtered and paged by SQL.
import type { ColDef } from 'ag-grid-community';
import { DatePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';

import type { AuditRow } from '../../../shared/schemas/audit';
import { call } from '../../api';
import { FilterBar, SearchFilter } from '../../components/filters';
import { LedgerGrid, type PageRequest } from '../../components/LedgerGrid';

const columns: ColDef<AuditRow>[] = [
  { field: 'id', headerName: '序号', width: 90, sortable: true },
  {
    field: 'at',
    headerName: '时间',
    width: 190,
    sortable: true,
    valueFormatter: (p) =>
      String(p.value ?? '')
        .slice(0, 19)
        .replace('T', ' '),
  },
  { field: 'staffName', headerName: '工作人员', width: 120 },
  { field: 'channel', headerName: '操作', width: 180, sortable: true },
  { field: 'entity', headerName: '对象', width: 110, sortable: true },
  { field: 'entityId', headerName: '对象编号', width: 110 },
  { field: 'after', headerName: '内容', flex: 1, minWidth: 300 },
];

export function AuditLog() {
  const [channel, setChannel] = useState('');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const fetchPage = useCallback(
    (req: PageRequest) =>
      call('audit.list', {
        ...req,
        sort: req.sort as { col: 'id' | 'at' | 'channel' | 'entity'; dir: 'asc' | 'desc' } | undefined,
        channel: channel.trim() || undefined,
        from: range?.[0]?.format('YYYY-MM-DD'),
        to: range?.[1]?.format('YYYY-MM-DD'),
      }),
    [channel, range],
  );
  return (
    <>
      <FilterBar>
        <SearchFilter placeholder="按操作筛选，如 staff.create" label="操作筛选" width={280} onSearch={setChannel} />
        <DatePicker.RangePicker onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)} />
      </FilterBar>
      <LedgerGrid<AuditRow>
        columns={columns}
        fetchPage={fetchPage}
        testId="audit-grid"
        empty="没有符合条件的操作记录"
      />
    </>
  );
}
