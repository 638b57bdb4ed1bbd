// 台账: the households grid. Filters and the quick search go to SQL; Enter or double-click opens the household.
import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useCallback, useState } from 'react';

import { HOUSEHOLD_FIGURE_LABELS, HOUSEHOLD_FIGURES } from '../../../shared/domain/reports';
import type { HouseholdRow } from '../../../shared/schemas/registry';
import { call } from '../../api';
import { AreaFilter, FilterBar, SearchFilter, SelectFilter } from '../../components/filters';
import { LedgerGrid, type PageRequest } from '../../components/LedgerGrid';
import { ExportButton } from '../../components/ListOut';
import { labelOptions, namedOptions } from '../../components/options';
import { go } from '../../components/router';
import { useLookups } from '../../components/useLookups';
import { useYearFigure, YearFigureTag } from '../../components/yearFigure';
import { householdColumns } from './columns';

/** The status filter: 在册 (where the grid starts), 已退出, or every household. */
const HOUSEHOLD_STATUSES = { registered: '在册', exited: '已退出', all: '全部' } as const;

type Sort = { col: 'headName' | 'area' | 'id' | 'members'; dir: 'asc' | 'desc' };

export function LedgerPage() {
  const { categories } = useLookups();
  const [selected, setSelected] = useState<HouseholdRow[]>([]);
  const [q, setQ] = useState('');
  const [areaId, setAreaId] = useState<number>();
  const [category, setCategory] = useState<string>();
  const [figure, setFigure] = useYearFigure('change', HOUSEHOLD_FIGURES);
  // A figure of the report counts exited households too: its grid starts on every status.
  const [status, setStatus] = useState<'registered' | 'exited' | undefined>(figure ? undefined : 'registered');
  const yearChange = figure && { year: figure.year, change: figure.value };
  const filters = { q: q.trim() || undefined, areaId, category, status, yearChange };
  // An empty grid says why: nothing matches the filters, or nothing is registered yet (the first day).
  const narrowed = !!(filters.q || areaId || category || figure || status !== 'registered');

  const fetchPage = useCallback(
    (req: PageRequest) => call('households.list', { ...req, sort: req.sort as Sort | undefined, ...filters }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `filters` is rebuilt each render from these
    [q, areaId, category, status, figure],
  );

  return (
    <div className="page">
      <h1 className="page-title">困难群众台账</h1>
      <FilterBar>
        {figure && (
          <YearFigureTag
            label={`${figure.year}年${HOUSEHOLD_FIGURE_LABELS[figure.value]}的户`}
            onClose={() => setFigure(undefined)}
          />
        )}
        <SearchFilter
          placeholder="姓名 / 拼音首字母 / 身份证后四位 / 电话"
          label="快速查找"
          width={320}
          autoFocus
          onSearch={setQ}
        />
        <AreaFilter value={areaId} onChange={setAreaId} style={{ width: 140 }} />
        <SelectFilter
          name="困难类别"
          placeholder="困难类别"
          width={140}
          value={category}
          onChange={setCategory}
          options={namedOptions(categories, 'code')}
        />
        <SelectFilter
          name="状态"
          width={110}
          required
          value={status ?? 'all'}
          onChange={(v) => setStatus(v === 'all' ? undefined : v)}
          options={labelOptions(HOUSEHOLD_STATUSES)}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => go('/ledger/new')}>
          登记新户
        </Button>
        <Button
          icon={<PrinterOutlined />}
          disabled={selected.length === 0}
          onClick={() => go(`/print/cards?ids=${selected.map((r) => r.id).join(',')}&format=a4`)}
        >
          打印服务卡{selected.length ? `（已选 ${selected.length} 户）` : ''}
        </Button>
        <ExportButton exportFile={() => call('households.export', filters)} done={(n) => `已导出 ${n} 户`} />
      </FilterBar>
      <LedgerGrid<HouseholdRow>
        empty={
          narrowed
            ? '没有符合条件的住户。可换个条件查找，或点 登记新户 登记'
            : '台账里还没有住户。点 登记新户 逐户登记；已有花名册可在 数据导入 中导入'
        }
        columns={householdColumns}
        fetchPage={fetchPage}
        onOpen={(r) => go(`/ledger/household/${r.id}`)}
        onSelect={setSelected}
        testId="households-grid"
      />
    </div>
  );
}
