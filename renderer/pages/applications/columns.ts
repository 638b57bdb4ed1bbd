import type { ColDef } from 'ag-grid-community';

import { formatYuan } from '../../../shared/domain/money';
import { type State, STATE_LABELS } from '../../../shared/domain/workflow';
import type { ApplicationRow } from '../../../shared/schemas/applications';

export const daysLeftText = (r: Pick<ApplicationRow, 'daysLeft' | 'urgent' | 'state'>) =>
  r.daysLeft === null
    ? ''
    : r.daysLeft < 0
      ? `超期 ${-r.daysLeft} 个工作日`
      : r.daysLeft === 0
        ? '今天到期'
        : `剩 ${r.daysLeft} 个工作日`;

export const applicationColumns: ColDef<ApplicationRow>[] = [
  { field: 'acceptanceNo', headerName: '受理编号', width: 120, sortable: true },
  { field: 'personName', headerName: '救助对象', width: 130 },
  { field: 'area', headerName: '村/社区', width: 110 },
  { field: 'kind', headerName: '救助类别', width: 170 },
  {
    field: 'requestedFen',
    headerName: '申请金额(元)',
    width: 130,
    sortable: true,
    type: 'rightAligned',
    valueFormatter: (p) => formatYuan(p.value as number),
  },
  {
    field: 'approvedFen',
    headerName: '批准金额(元)',
    width: 130,
    type: 'rightAligned',
    valueFormatter: (p) => (p.value ? formatYuan(p.value as number) : ''),
  },
  {
    field: 'state',
    headerName: '状态',
    width: 120,
    valueFormatter: (p) => STATE_LABELS[p.value as State] + (p.data?.urgent ? '（先行救助）' : ''),
  },
  { field: 'acceptedOn', headerName: '受理日期', width: 120, sortable: true },
  { field: 'deadline', headerName: '办结时限', width: 120, sortable: true },
  {
    field: 'daysLeft',
    headerName: '剩余',
    width: 150,
    valueFormatter: (p) => (p.data ? daysLeftText(p.data) : ''),
    cellStyle: (p) =>
      p.value !== null && (p.value as number) < 0
        ? { color: '#cf1322', fontWeight: 600 }
        : (p.value as number) <= 3
          ? { color: '#d46b08', fontWeight: 400 }
          : null,
  },
];
