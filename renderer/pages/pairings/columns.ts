import type { ColDef } from 'ag-grid-community';

import { formatYuan } from '../../../shared/domain/money';
import { VISIT_MODES, type VisitMode } from '../../../shared/domain/pairings';
import { SERVER_KINDS, type ServerKind } from '../../../shared/domain/service';
import type { CadreRow, CardRow, VisitRow } from '../../../shared/schemas/pairings';

export const cadreColumns: ColDef<CadreRow>[] = [
  { field: 'name', headerName: '姓名', width: 110 },
  { field: 'kind', headerName: '类型', width: 120, valueFormatter: (p) => SERVER_KINDS[p.value as ServerKind] },
  { field: 'unit', headerName: '工作单位', width: 160 },
  { field: 'post', headerName: '服务岗位', width: 100 },
  { field: 'partyMember', headerName: '党员', width: 80, valueFormatter: (p) => (p.value ? '是' : '否') },
  { field: 'phone', headerName: '电话', width: 140 },
  { field: 'households', headerName: '结对户数', width: 100, type: 'rightAligned' },
  {
    field: 'overdue',
    headerName: '走访超期',
    width: 100,
    type: 'rightAligned',
    cellStyle: (p) => ((p.value as number) > 0 ? { color: '#cf1322', fontWeight: 600 } : null),
  },
  { field: 'active', headerName: '状态', width: 80, valueFormatter: (p) => (p.value ? '在岗' : '停用') },
];

export const visitColumns: ColDef<VisitRow>[] = [
  { field: 'visitedOn', headerName: '走访日期', width: 115 },
  { field: 'head', headerName: '户主', width: 100 },
  { field: 'area', headerName: '村/社区', width: 100 },
  { field: 'cadreName', headerName: '帮扶干部', width: 100 },
  { field: 'mode', headerName: '方式', width: 70, valueFormatter: (p) => VISIT_MODES[p.value as VisitMode] },
  { field: 'findings', headerName: '了解的情况', width: 200, tooltipField: 'findings' },
  { field: 'actions', headerName: '开展的帮扶', width: 160, tooltipField: 'actions' },
  {
    colId: 'problems',
    headerName: '问题',
    width: 140,
    valueGetter: (p) =>
      p.data?.problems.map((x) => `${x.description}（${x.status === 'open' ? '未解决' : '已解决'}）`).join('；') ?? '',
  },
  {
    field: 'aidFen',
    headerName: '帮扶物资(元)',
    width: 120,
    type: 'rightAligned',
    valueFormatter: (p) => (p.value ? formatYuan(p.value as number) : ''),
  },
];

export const cardColumns: ColDef<CardRow>[] = [
  { field: 'cardNo', headerName: '卡号', width: 130 },
  { field: 'head', headerName: '户主', width: 100 },
  { field: 'area', headerName: '村/社区', width: 100 },
  { field: 'cadreName', headerName: '卡上的帮扶干部', width: 140 },
  { field: 'issuedOn', headerName: '制卡日期', width: 115 },
  { field: 'printings', headerName: '打印次数', width: 100, type: 'rightAligned' },
  {
    field: 'needsReprint',
    headerName: '状态',
    width: 200,
    valueFormatter: (p) =>
      p.data?.voidedOn ? `已作废（${p.data.voidedOn}）` : p.value ? '帮扶干部已变更，待重印' : '有效',
    cellStyle: (p) => (p.data?.voidedOn ? { color: '#8c8c8c' } : p.value ? { color: '#d46b08' } : null),
  },
];
