// The filters above the wishes and suggestions grids, one hook for both: the report's figure (from the URL), the
// quick search, state, area, category and 只看超期, and the .xlsx and the A4 print of what they leave.
import { type ReactNode, useMemo, useState } from 'react';

import type { Result } from '../../../shared/domain/result';
import { AreaFilter, CheckFilter, SearchFilter, SelectFilter } from '../../components/filters';
import { ListOut } from '../../components/ListOut';
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

export function useServiceFilters<S extends string, F extends string, I extends object>(o: {
  states: Record<S, string>;
  categories: string[];
  figureLabels: Record<F, string>;
  search: string;
  overdueLabel: string;
  /** What the category filter is called ('类别' unless given: a dispute's is its 类型). */
  categoryLabel?: string;
  /** Which list prints (its print channel); `input` maps the filters to its channels' input. */
  list: 'wishes' | 'suggestions' | 'disputes';
  input: (f: ServiceFilters<S, F>) => I;
  /** The .xlsx of the rows the filters leave. */
  exportFile: (input: I) => Promise<Result<{ fileName: string; base64: string }>>;
}) {
  const drill = useDrill<F>(o.figureLabels);
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<S>();
  const [areaId, setArea] = useState<number | undefined>(drill.areaId);
  const [category, setCategory] = useState<string | undefined>(drill.category);
  const [overdue, setOverdue] = useState(new URLSearchParams(location.hash.split('?')[1]).get('overdue') === '1');
  const { filters: drilled, server } = drill;
  const filters: ServiceFilters<S, F> = useMemo(
    () => ({ q: q || undefined, status, areaId, category, overdue: overdue || undefined, ...drilled, server }),
    [q, status, areaId, category, overdue, drilled, server],
  );
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
  const input = o.input(filters);
  const exportButton = <ListOut list={o.list} filters={input} exportFile={() => o.exportFile(input)} />;
  return { filters, bar, exportButton };
}
