// The filters above the wishes and suggestions grids, one hook for both: the report's figure (from the URL), the
// quick search, state, area, category and 只看超期, and the .xlsx of what they leave.
import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';

import type { Result } from '../../../shared/domain/result';
import { downloadBase64, XLSX } from '../../components/download';
import { AreaFilter, CheckFilter, SearchFilter, SelectFilter } from '../../components/filters';
import { labelOptions, valueOptions } from '../../components/options';
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
      <SearchFilter placeholder={o.search} label="搜索" width={195} onSearch={setQ} />
      <SelectFilter name="状态" width={110} value={status} onChange={setStatus} options={labelOptions(o.states)} />
      <AreaFilter value={areaId} onChange={setArea} />
      <SelectFilter
        name={o.categoryLabel ?? '类别'}
        width={120}
        value={category}
        onChange={setCategory}
        options={valueOptions(o.categories)}
      />
      <CheckFilter checked={overdue} onChange={setOverdue}>
        {o.overdueLabel}
      </CheckFilter>
    </>
  );
  const exportButton = (
    <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportXlsx}>
      导出 Excel
    </Button>
  );
  return { filters, bar, exportButton };
}
