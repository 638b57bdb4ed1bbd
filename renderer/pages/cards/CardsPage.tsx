// 便民服务卡: the cards issued (and those due for reprint after a cadre change), and batch printing by area.
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Radio, Tabs, Tooltip } from 'antd';
import { useCallback, useState } from 'react';

import type { CardRow } from '../../../shared/schemas/pairings';
import { call } from '../../api';
import { AreaFilter, FilterBar } from '../../components/filters';
import { LedgerGrid, type PageRequest } from '../../components/LedgerGrid';
import { go } from '../../components/router';
import { useYearFigure, YearFigureTag } from '../../components/yearFigure';
import { cardColumns } from '../pairings/columns';

export function CardsPage({ route }: { route: string }) {
  const reprintOnly = route.startsWith('/cards/reprint');
  const [areaId, setArea] = useState<number>();
  const [format, setFormat] = useState<'a4' | 'cr80'>('a4');
  const [figure, setFigure] = useYearFigure('figure', ['issued'] as const);
  const fetchPage = useCallback(
    (req: PageRequest) =>
      call('cards.list', {
        offset: req.offset,
        limit: req.limit,
        areaId,
        reprintOnly: reprintOnly || undefined,
        issuedIn: figure?.year,
      }),
    [areaId, reprintOnly, figure],
  );
  const print = (what: string) => go(`/print/cards?${what}&format=${format}`);
  return (
    <div className="page">
      <h1 className="page-title">便民服务卡</h1>
      <Tabs
        activeKey={reprintOnly ? '/cards/reprint' : '/cards'}
        onChange={go}
        items={[
          { key: '/cards', label: '已制卡片' },
          { key: '/cards/reprint', label: '待重印' },
        ]}
      />
      <FilterBar>
        {figure && (
          <YearFigureTag label={`${figure.year}年制发的卡（含已作废）`} onClose={() => setFigure(undefined)} />
        )}
        <AreaFilter value={areaId} onChange={setArea} />
        <Radio.Group
          value={format}
          onChange={(e) => setFormat(e.target.value)}
          options={[
            { value: 'a4', label: 'A4 每页 10 张' },
            { value: 'cr80', label: 'CR80 单张' },
          ]}
          optionType="button"
        />
        <Tooltip title={areaId ? '' : '请先在左边选择村/社区'}>
          <Button type="primary" icon={<PrinterOutlined />} disabled={!areaId} onClick={() => print(`area=${areaId}`)}>
            打印本村/社区全部在册户
          </Button>
        </Tooltip>
        {!areaId && <span className="muted">先选择村/社区，再打印该村全部在册户</span>}
        <Button icon={<PrinterOutlined />} onClick={() => print(`reprint=1${areaId ? `&area=${areaId}` : ''}`)}>
          打印待重印的卡
        </Button>
      </FilterBar>
      <div className="muted" style={{ marginBottom: 8 }}>
        也可在“台账”中勾选若干户后打印。卡上不印身份证号；二维码内容为卡号、服务热线和帮扶干部电话。
      </div>
      <LedgerGrid<CardRow>
        empty="还没有制发服务卡。在上方选择村/社区，或在 台账 中勾选住户，再点 制卡打印"
        columns={cardColumns}
        fetchPage={fetchPage}
        onOpen={(c) => go(`/ledger/household/${c.householdId}?tab=pairings`)}
        testId="cards-grid"
      />
    </div>
  );
}
