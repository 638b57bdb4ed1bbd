// 救助申请: every case, filtered by SQL (kind, state, area, overdue); Enter or double-click opens the case.
import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';

import { APPLICATION_TALLIES, APPLICATION_TALLY_LABELS } from '../../../shared/domain/reports';
import { type Queue, QUEUE_KEYS, QUEUES, type State, STATE_LABELS, STATES } from '../../../shared/domain/workflow';
import type { ApplicationRow, ReliefKind } from '../../../shared/schemas/applications';
import { call } from '../../api';
import { AreaFilter, CheckFilter, FilterBar, KindFilter, SelectFilter } from '../../components/filters';
import { LedgerGrid, type PageRequest } from '../../components/LedgerGrid';
import { ListOut } from '../../components/ListOut';
import { labelOptions } from '../../components/options';
import { go } from '../../components/router';
import { useYearFigure, YearFigureTag } from '../../components/yearFigure';
import { applicationColumns } from './columns';

type Sort = { col: 'acceptanceNo' | 'acceptedOn' | 'deadline' | 'requested'; dir: 'asc' | 'desc' };

export function useReliefKinds(): ReliefKind[] {
  const [kinds, setKinds] = useState<ReliefKind[]>([]);
  useEffect(() => void call('reliefKinds.list', {}).then((r) => r.ok && setKinds(r.value)), []);
  return kinds;
}

export function ApplicationsPage() {
  const kinds = useReliefKinds();
  const [kindCode, setKind] = useState<string>();
  const [state, setState] = useState<State>();
  const [areaId, setArea] = useState<number>();
  const [overdue, setOverdue] = useState(false);
  const [figure, setFigure] = useYearFigure('tally', APPLICATION_TALLIES);
  // 首页's 我的待办 opens the grid on one queue (#/applications?queue=approve).
  const [queue, setQueue] = useState<Queue | undefined>(() => {
    const q = new URLSearchParams(location.hash.split('?')[1] ?? '').get('queue') as Queue | null;
    return q && QUEUE_KEYS.includes(q) ? q : undefined;
  });
  const filters = {
    kindCode,
    state,
    areaId,
    overdue: overdue || undefined,
    queue,
    yearTally: figure && { year: figure.year, tally: figure.value },
  };
  const fetchPage = useCallback(
    (req: PageRequest) => call('applications.list', { ...req, sort: req.sort as Sort | undefined, ...filters }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `filters` is rebuilt each render from these
    [kindCode, state, areaId, overdue, queue, figure],
  );
  return (
    <div className="page">
      <h1 className="page-title">救助申请</h1>
      <FilterBar>
        {queue && (
          <Tag
            color="blue"
            closable
            onClose={() => setQueue(undefined)}
            data-testid="queue-tag"
            style={{ fontSize: 14, padding: '4px 8px' }}
          >
            待办：{QUEUES[queue].label}
          </Tag>
        )}
        {figure && (
          <YearFigureTag
            label={`${figure.year}年${APPLICATION_TALLY_LABELS[figure.value]}的申请`}
            onClose={() => setFigure(undefined)}
          />
        )}
        <KindFilter value={kindCode} onChange={setKind} kinds={kinds} />
        <SelectFilter
          name="状态"
          placeholder="状态"
          width={140}
          value={state}
          onChange={setState}
          options={labelOptions(STATE_LABELS, STATES)}
        />
        <AreaFilter value={areaId} onChange={setArea} />
        <CheckFilter checked={overdue} onChange={setOverdue}>
          只看超期
        </CheckFilter>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => go('/applications/new')}>
          受理新申请
        </Button>
        <Button icon={<PrinterOutlined />} onClick={() => go(`/print/publicity${areaId ? `?area=${areaId}` : ''}`)}>
          打印公示名单
        </Button>
        <ListOut list="applications" filters={filters} exportFile={() => call('applications.xlsx', filters)} />
      </FilterBar>
      <LedgerGrid<ApplicationRow>
        empty="没有符合条件的救助申请。可换个条件，或在住户页面点 受理申请"
        columns={applicationColumns}
        fetchPage={fetchPage}
        onOpen={(r) => go(`/applications/${r.id}`)}
        testId="applications-grid"
      />
    </div>
  );
}
