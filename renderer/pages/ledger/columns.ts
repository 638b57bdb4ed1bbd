import type { ColDef } from 'ag-grid-community';

import type { HouseholdRow } from '../../../shared/schemas/registry';

export const householdColumns: ColDef<HouseholdRow>[] = [
  { field: 'id', headerName: '户号', width: 90, sortable: true },
  { field: 'headName', headerName: '户主', width: 150, sortable: true },
  { field: 'headIdMasked', headerName: '身份证号', width: 190 },
  { field: 'area', headerName: '村/社区', width: 120, sortable: true },
  { field: 'categories', headerName: '困难类别', flex: 1, minWidth: 180 },
  { field: 'members', headerName: '人口', width: 80, sortable: true },
  { field: 'phone', headerName: '联系电话', width: 140 },
  { field: 'accountTail', headerName: '一卡通', width: 110 },
  { field: 'status', headerName: '状态', width: 90, valueFormatter: (p) => (p.value === 'exited' ? '退出' : '在册') },
];
