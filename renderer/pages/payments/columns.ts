import type { ColDef } from 'ag-grid-community';

import { formatYuan } from '../../../shared/domain/money';
import { BATCH_STATES, type BatchState, type Method, METHODS, voucherNo } from '../../../shared/domain/payments';
import type { BatchLine, BatchRow, PaymentRow } from '../../../shared/schemas/payments';

const yuan = (p: { value: unknown }) => (typeof p.value === 'number' ? formatYuan(p.value) : '');

export const reversalText = (r: Pick<PaymentRow, 'reversesId' | 'reversedBy'>) =>
  r.reversesId ? `冲正记录（原 ${r.reversesId}）` : r.reversedBy ? `已被冲正（${r.reversedBy}）` : '正常';

export const paymentColumns: ColDef<PaymentRow>[] = [
  {
    field: 'id',
    headerName: '凭证号',
    width: 100,
    valueFormatter: (p) => (p.value ? voucherNo(p.value as number) : ''),
  },
  { field: 'paidOn', headerName: '发放日期', width: 115, sortable: true },
  { field: 'personName', headerName: '姓名', width: 100 },
  { field: 'area', headerName: '村/社区', width: 100 },
  { field: 'kind', headerName: '救助类别', width: 160 },
  {
    field: 'signedFen',
    colId: 'amount',
    headerName: '金额(元)',
    width: 120,
    sortable: true,
    type: 'rightAligned',
    valueFormatter: yuan,
    cellStyle: (p) => ((p.value as number) < 0 ? { color: '#cf1322' } : null),
  },
  { field: 'method', headerName: '方式', width: 80, valueFormatter: (p) => METHODS[p.value as Method] ?? '' },
  { field: 'accountTail', headerName: '账号', width: 100 },
  { field: 'batchNo', headerName: '批次', width: 105 },
  { field: 'forMonth', headerName: '所属月份', width: 95 },
  { field: 'acceptanceNo', headerName: '受理编号', width: 115 },
  { colId: 'reversal', headerName: '状态', width: 150, valueGetter: (p) => (p.data ? reversalText(p.data) : '') },
  { field: 'postedBy', headerName: '经办人', width: 90 },
  { field: 'note', headerName: '备注', width: 160 },
];

export const batchColumns: ColDef<BatchRow>[] = [
  {
    field: 'batchNo',
    headerName: '批次号',
    width: 100,
    valueFormatter: (p) => (p.value as string) ?? `草稿 ${p.data?.id}`,
  },
  { field: 'month', headerName: '发放月份', width: 100, sortable: true },
  { field: 'kind', headerName: '救助类别', width: 170, valueFormatter: (p) => (p.value as string) ?? '全部按月类别' },
  { field: 'state', headerName: '状态', width: 90, valueFormatter: (p) => BATCH_STATES[p.value as BatchState] },
  { field: 'rowCount', headerName: '人数', width: 80, type: 'rightAligned' },
  { field: 'totalFen', headerName: '金额(元)', width: 130, type: 'rightAligned', valueFormatter: yuan },
  { field: 'excludedCount', headerName: '剔除', width: 70, type: 'rightAligned' },
  { field: 'madeBy', headerName: '制表人', width: 90 },
  { field: 'approvedBy', headerName: '审批人', width: 90 },
  { field: 'paidOn', headerName: '发放日期', width: 110 },
];

const BANK = { success: '成功', failed: '失败' } as const;

export const lineColumns: ColDef<BatchLine>[] = [
  { field: 'seq', headerName: '序号', width: 70 },
  { field: 'area', headerName: '村/社区', width: 100 },
  { field: 'personName', headerName: '姓名', width: 100 },
  { field: 'idNumber', headerName: '身份证号', width: 180 },
  { field: 'kind', headerName: '救助类别', width: 160 },
  { field: 'amountFen', headerName: '金额(元)', width: 110, type: 'rightAligned', valueFormatter: yuan },
  { field: 'accountTail', headerName: '账号后四位', width: 100 },
  { field: 'forMonth', headerName: '所属月份', width: 95 },
  {
    colId: 'status',
    headerName: '状态',
    width: 200,
    valueGetter: (p) => {
      const l = p.data;
      if (!l) return '';
      if (l.excludedReason) return `剔除：${l.excludedReason}`;
      if (l.reversed) return '已冲正';
      return l.bankStatus ? `银行${BANK[l.bankStatus]}` : l.paymentId ? '已过账' : '待发放';
    },
    cellStyle: (p) =>
      String(p.value).startsWith('剔除') || p.value === '已冲正' || p.value === '银行失败'
        ? { color: '#cf1322' }
        : null,
  },
];
