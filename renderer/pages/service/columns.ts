import type { ColDef } from 'ag-grid-community';

import { DISPUTE_SOURCES, DISPUTE_STATES, FOLLOWUPS } from '../../../shared/domain/disputes';
import { formatYuan } from '../../../shared/domain/money';
import {
  REVISITS,
  SUGGESTION_CHANNELS,
  SUGGESTION_RESULTS,
  SUGGESTION_STATES,
  type SuggestionState,
  WISH_CHANNELS,
  WISH_STATES,
  type WishState,
} from '../../../shared/domain/service';
import type { DisputeRow } from '../../../shared/schemas/disputes';
import type { SuggestionRow, WishRow } from '../../../shared/schemas/service';

const overdue: ColDef = {
  field: 'overdueDays',
  headerName: '超期',
  width: 80,
  type: 'rightAligned',
  valueFormatter: (p) => (p.value ? `${p.value} 天` : ''),
  cellStyle: (p) => ((p.value as number) > 0 ? { color: '#cf1322', fontWeight: 600 } : null),
};

export const wishColumns: ColDef<WishRow>[] = [
  { field: 'collectedOn', headerName: '征集日期', width: 115, sortable: true },
  { field: 'resident', headerName: '心愿人', width: 100, tooltipField: 'resident' },
  { field: 'phone', headerName: '电话', width: 115 },
  { field: 'area', headerName: '村/社区', width: 100 },
  { field: 'content', headerName: '心愿内容', width: 220, tooltipField: 'content' },
  { field: 'category', headerName: '类别', width: 90 },
  {
    field: 'channel',
    headerName: '渠道',
    width: 80,
    valueFormatter: (p) => WISH_CHANNELS[p.value as WishRow['channel']],
  },
  { field: 'status', headerName: '状态', width: 90, valueFormatter: (p) => WISH_STATES[p.value as WishState] },
  { field: 'dueOn', headerName: '完成期限', width: 115, sortable: true },
  overdue as ColDef<WishRow>,
  { field: 'claimers', headerName: '认领人', width: 150, tooltipField: 'claimers' },
  {
    field: 'valueFen',
    headerName: '价值(元)',
    width: 100,
    type: 'rightAligned',
    valueFormatter: (p) => (p.value ? formatYuan(p.value as number) : ''),
  },
];

export const suggestionColumns: ColDef<SuggestionRow>[] = [
  { field: 'collectedOn', headerName: '收集日期', width: 115, sortable: true },
  { field: 'resident', headerName: '反映人', width: 90, valueFormatter: (p) => p.value || '匿名' },
  { field: 'area', headerName: '村/社区', width: 100 },
  { field: 'content', headerName: '内容', width: 240, tooltipField: 'content' },
  { field: 'category', headerName: '类别', width: 90 },
  {
    field: 'channel',
    headerName: '渠道',
    width: 110,
    valueFormatter: (p) => SUGGESTION_CHANNELS[p.value as SuggestionRow['channel']],
  },
  {
    field: 'status',
    headerName: '状态',
    width: 90,
    valueFormatter: (p) => SUGGESTION_STATES[p.value as SuggestionState],
  },
  {
    field: 'handler',
    headerName: '承办',
    width: 110,
    valueFormatter: (p) => (p.data?.onTheSpot ? '立即答复' : (p.value as string | null) || ''),
  },
  { field: 'dueOn', headerName: '办理期限', width: 115, sortable: true },
  overdue as ColDef<SuggestionRow>,
  {
    field: 'result',
    headerName: '结果',
    width: 90,
    valueFormatter: (p) => (p.value ? SUGGESTION_RESULTS[p.value as keyof typeof SUGGESTION_RESULTS] : ''),
  },
  {
    field: 'revisit',
    headerName: '回访',
    width: 80,
    valueFormatter: (p) => (p.value ? REVISITS[p.value as keyof typeof REVISITS] : ''),
  },
];

export const disputeColumns: ColDef<DisputeRow>[] = [
  { field: 'acceptedOn', headerName: '受理日期', width: 115, sortable: true },
  { field: 'parties', headerName: '当事人', width: 150, tooltipField: 'parties' },
  { field: 'type', headerName: '纠纷类型', width: 110 },
  { field: 'area', headerName: '村/社区', width: 100 },
  {
    field: 'status',
    headerName: '状态',
    width: 90,
    valueFormatter: (p) => DISPUTE_STATES[p.value as DisputeRow['status']],
  },
  { field: 'dueOn', headerName: '调解期限', width: 115, sortable: true },
  overdue as ColDef<DisputeRow>,
  {
    field: 'lastFollowup',
    headerName: '回访',
    width: 90,
    valueFormatter: (p) => (p.value ? FOLLOWUPS[p.value as NonNullable<DisputeRow['lastFollowup']>] : ''),
  },
  { field: 'agreementNo', headerName: '协议书编号', width: 170 },
  { field: 'persons', headerName: '涉及人数', width: 90, type: 'rightAligned' },
  {
    field: 'amountFen',
    headerName: '涉及金额(元)',
    width: 120,
    type: 'rightAligned',
    valueFormatter: (p) => (p.value ? formatYuan(p.value as number) : ''),
  },
  { field: 'mediators', headerName: '调解员', width: 120, tooltipField: 'mediators' },
  {
    field: 'source',
    headerName: '来源',
    width: 110,
    valueFormatter: (p) => DISPUTE_SOURCES[p.value as DisputeRow['source']],
  },
];
