// The filters above the wishes and suggestions grids, one hook for both: the report's figure (from the URL), the
// quick search, state, area, category and 只看超期, and the .xlsx of what they leave.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Checkbox, Input, Select } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';

import type { Result } from '../../../shared/domain/result';
import { downloadBase64, XLSX } from '../../components/download';
import { AreaFilter } from '../../components/filters';
import { YearFigureTag } from '../../components/yearFigure';
import { useDrill } from './drill';

export interface ServiceFilters<S, F> {
  q?: string;
  status?: S;
  areaId?: number;
  category?: string;
  overdue?: true;
  year?: number;
  figure?: F;
  month?: string;
  /** A wishes figure of one 服务人员 (the report's 按服务人员). */
  server?: number;
}

export function useServiceFilters<S extends string, F extends string>(o: {
  states: Record<S, string>;
  categories: string[];
  figureLabels: Record<F, string>;
  search: string;
  overdueLabel: string;
  /** What the category filter is called ('类别' unless given: a dispute's is its 类型). */
  categoryLabel?: string;
  /** The .xlsx of the rows the filters leave (each grid maps them to its own channel's input). */
  exportFile: (f: ServiceFilters<S, F>) => Promise<Result<{ fileName: string; base64: string }>>;
}) {
  const drill = useDrill<F>(o.figureLabels);
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<S>();
  const [areaId, setArea] = useState<number | undefined>(drill.areaId);
  const [category, setCategory] = useState<string | undefined>(drill.category);
  const [overdue, setOverdue] = useState(new URLSearchParams(location.hash.split('?')[1]).get('overdue') === '1');
  const [exporting, setExporting] = useState(false);
  const { filters: drilled, server } = drill;
  const filters: ServiceFilters<S, F> = useMemo(
    () => ({ q: q || undefined, status, areaId, category, overdue: overdue || undefined, ...drilled, server }),
    [q, status, areaId, category, overdue, drilled, server],
  );
  const exportXlsx = async () => {
    setExporting(true);
    const r = await o.exportFile(filters);
    setExporting(false);
    if (r.ok) downloadBase64(r.value.fileName, r.value.base64, XLSX);
  };
  const bar: ReactNode = (
    <>
      {drill.label && <YearFigureTag label={drill.label} onClose={drill.clear} />}
      <Input.Search placeholder={o.search} allowClear onSearch={setQ} style={{ width: 195 }} aria-label="搜索" />
      <Select
        placeholder="全部状态"
        allowClear
        style={{ width: 110 }}
        value={status}
        onChange={setStatus}
        options={(Object.entries(o.states) as [S, string][]).map(([value, label]) => ({ value, label }))}
        aria-label="状态筛选"
      />
      <AreaFilter value={areaId} onChange={setArea} />
      <Select
        placeholder={`全部${o.categoryLabel ?? '类别'}`}
        allowClear
        style={{ width: 120 }}
        value={category}
        onChange={setCategory}
        options={o.categories.map((c) => ({ value: c, label: c }))}
        aria-label={`${o.categoryLabel ?? '类别'}筛选`}
      />
      <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)}>
        {o.overdueLabel}
      </Checkbox>
    </>
  );
  const exportButton = (
    <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportXlsx}>
      导出 Excel
    </Button>
  );
  return { filters, bar, exportButton };
}
