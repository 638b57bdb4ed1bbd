// 审计日志 (admin only): each row as a sentence a director reads (who, when, at which window, what was done to which
// record), the raw entry behind 详情; filtered by person, date range and kind of action, paged by SQL, and exported.
import type { ColDef } from 'ag-grid-community';
import { Button, DatePicker, Descriptions, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';

import {
  auditAction,
  auditDevice,
  auditSentence,
  auditTime,
  CHANNEL_LABELS,
  ENTITY_LABELS,
} from '../../../shared/domain/auditWords';
import type { AuditRow } from '../../../shared/schemas/audit';
import type { StaffRow } from '../../../shared/schemas/staff';
import { call } from '../../api';
import { FilterBar, SelectFilter } from '../../components/filters';
import { LedgerGrid, type PageRequest } from '../../components/LedgerGrid';
import { ExportButton } from '../../components/ListOut';
import { labelOptions } from '../../components/options';

/** The raw entry as main wrote it, for the one who needs the fields. */
function Details({ row, onClose }: { row: AuditRow | null; onClose: () => void }) {
  const pretty = (json: string | null) => {
    if (!json) return '（无）';
    try {
      return JSON.stringify(JSON.parse(json), null, 2);
    } catch {
      return json;
    }
  };
  return (
    <Modal title="操作详情" open={!!row} onCancel={onClose} footer={null} width={720}>
      {row && (
        <>
          <p data-testid="audit-sentence">{auditSentence(row)}</p>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="序号">{row.id}</Descriptions.Item>
            <Descriptions.Item label="时间">{row.at}</Descriptions.Item>
            <Descriptions.Item label="工作人员">{row.staffName ?? '系统'}</Descriptions.Item>
            <Descriptions.Item label="通道">
              {row.channel}（{CHANNEL_LABELS[row.channel] ?? '未命名'}）
            </Descriptions.Item>
            <Descriptions.Item label="对象">
              {row.entity}（{ENTITY_LABELS[row.entity] ?? '未命名'}） {row.entityId ?? ''}
            </Descriptions.Item>
            <Descriptions.Item label="变更前">
              <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{pretty(row.before)}</pre>
            </Descriptions.Item>
            <Descriptions.Item label="变更后">
              <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{pretty(row.after)}</pre>
            </Descriptions.Item>
          </Descriptions>
        </>
      )}
    </Modal>
  );
}

export function AuditLog() {
  const [staff, setStaff] = useState<StaffRow[]>([]);
  const [staffId, setStaffId] = useState<number>();
  const [entity, setEntity] = useState<string>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [shown, setShown] = useState<AuditRow | null>(null);
  useEffect(() => void call('staff.list', {}).then((r) => r.ok && setStaff(r.value)), []);
  const filters = {
    staffId,
    entity,
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
  };
  const fetchPage = useCallback(
    (req: PageRequest) =>
      call('audit.list', {
        ...req,
        sort: req.sort as { col: 'id' | 'at' | 'channel' | 'entity'; dir: 'asc' | 'desc' } | undefined,
        ...filters,
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `filters` is rebuilt each render from these
    [staffId, entity, range],
  );
  const columns: ColDef<AuditRow>[] = [
    { field: 'id', headerName: '序号', width: 90, sortable: true },
    { field: 'at', headerName: '时间', width: 150, sortable: true, valueFormatter: (p) => auditTime(p.value ?? '') },
    { field: 'staffName', headerName: '工作人员', width: 110, valueFormatter: (p) => p.value ?? '系统' },
    { headerName: '窗口', width: 90, valueGetter: (p) => (p.data ? auditDevice(p.data.after) : '') },
    { headerName: '操作', flex: 1, minWidth: 320, valueGetter: (p) => (p.data ? auditAction(p.data) : '') },
    {
      headerName: '',
      width: 80,
      cellRenderer: (p: { data?: AuditRow }) =>
        p.data ? (
          <Button type="link" size="small" onClick={() => setShown(p.data!)}>
            详情
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <FilterBar>
        <SelectFilter
          name="工作人员"
          width={140}
          value={staffId}
          onChange={setStaffId}
          options={staff.map((s) => ({ value: s.id, label: s.displayName }))}
        />
        <SelectFilter
          name="操作类别"
          width={140}
          value={entity}
          onChange={setEntity}
          options={labelOptions(ENTITY_LABELS)}
        />
        <DatePicker.RangePicker
          aria-label="日期范围"
          onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)}
        />
        <ExportButton exportFile={() => call('audit.xlsx', filters)} />
      </FilterBar>
      <LedgerGrid<AuditRow>
        columns={columns}
        fetchPage={fetchPage}
        testId="audit-grid"
        empty="没有符合条件的操作记录"
      />
      <Details row={shown} onClose={() => setShown(null)} />
    </>
  );
}
