// 补贴发放: the payments ledger (filters in SQL, net total of the filter), payroll batches, closed months, the check.
import { Tabs } from 'antd';
import { useCallback, useState } from 'react';

import { formatYuan } from '../../../shared/domain/money';
import { type Method, METHODS, REVERSAL_FILTERS } from '../../../shared/domain/payments';
import type { PaymentRow } from '../../../shared/schemas/payments';
import type { SessionState } from '../../../shared/schemas/staff';
import { call } from '../../api';
import { AreaFilter, FilterBar, KindFilter, SelectFilter } from '../../components/filters';
import { LedgerGrid, type PageRequest } from '../../components/LedgerGrid';
import { ListOut } from '../../components/ListOut';
import { labelOptions, valueOptions } from '../../components/options';
import { go } from '../../components/router';
import { monthRange, recentYears, today } from '../../components/today';
import { useReliefKinds } from '../applications/ApplicationsPage';
import { Batches } from './Batches';
import { paymentColumns } from './columns';
import { ClosedMonths, LedgerCheckPanel } from './MonthsAndCheck';

type Sort = { col: 'paidOn' | 'amount'; dir: 'asc' | 'desc' };

/** The last 36 months, newest first, and 全部月份. */

/** The ledger of payments. Its filters start from the URL, so a number of the annual report opens its own rows. */
function PaymentLedger() {
  const kinds = useReliefKinds();
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const drill = params.get('drill') === '1';
  const [month, setMonth] = useState<string | undefined>(
    params.get('month') ?? (params.get('year') ? undefined : today().format('YYYY-MM')),
  );
  const [year, setYear] = useState<number | undefined>(Number(params.get('year')) || undefined);
  const [kindCode, setKind] = useState<string | undefined>(params.get('kind') ?? undefined);
  const [areaId, setArea] = useState<number | undefined>(Number(params.get('area')) || undefined);
  const [method, setMethod] = useState<Method>();
  const [reversed, setReversed] = useState<keyof typeof REVERSAL_FILTERS | undefined>(
    (params.get('reversed') as keyof typeof REVERSAL_FILTERS) ?? undefined,
  );
  const fetchPage = useCallback(
    (req: PageRequest) =>
      call('payments.list', {
        ...req,
        sort: req.sort as Sort | undefined,
        month,
        year,
        kindCode,
        areaId,
        method,
        reversed,
        distinct: drill || undefined,
      }),
    [month, year, kindCode, areaId, method, reversed, drill],
  );
  return (
    <>
      <FilterBar>
        <SelectFilter
          name="月份"
          width={120}
          value={month}
          onChange={(m) => (setMonth(m), m && setYear(undefined))}
          options={valueOptions(monthRange(0, -35))}
        />
        <SelectFilter
          name="年度"
          width={110}
          value={year}
          onChange={(y) => (setYear(y), y && setMonth(undefined))}
          options={valueOptions(recentYears(), (y) => `${y}年`)}
        />
        <KindFilter value={kindCode} onChange={setKind} kinds={kinds} />
        <AreaFilter value={areaId} onChange={setArea} />
        <SelectFilter
          name="发放方式"
          placeholder="发放方式"
          width={110}
          value={method}
          onChange={setMethod}
          options={labelOptions(METHODS)}
        />
        <SelectFilter
          name="冲正"
          placeholder="冲正情况"
          width={170}
          value={reversed}
          onChange={setReversed}
          options={labelOptions(REVERSAL_FILTERS)}
        />
        <ListOut
          list="payments"
          filters={{ month, year, kindCode, areaId, method, reversed }}
          exportFile={() => call('payments.xlsx', { month, year, kindCode, areaId, method, reversed })}
        />
      </FilterBar>
      <LedgerGrid<PaymentRow>
        empty="还没有发放记录。可在 救助申请 → 已审批 的案件中发放，或在 发放批次 中点 新建发放批次"
        columns={paymentColumns}
        fetchPage={fetchPage}
        onOpen={(r) => go(`/payments/record/${r.id}`)}
        summary={(p) => {
          const t = p as { sumFen?: number; persons?: number; households?: number };
          return `${t.persons !== undefined ? `${t.persons} 人、${t.households} 户，` : ''}合计 ${formatYuan(t.sumFen ?? 0)} 元${reversed === 'payments' || reversed === 'reversal' ? '' : '（冲正已抵减）'}`;
        }}
        testId="payments-grid"
      />
    </>
  );
}

const TABS = [
  { key: '/payments', label: '发放记录' },
  { key: '/payments/batches', label: '发放批次' },
  { key: '/payments/months', label: '月度结账' },
  { key: '/payments/check', label: '核对' },
];

export function PaymentsPage({ route, session }: { route: string; session: SessionState }) {
  const path = route.split('?')[0];
  const tab = TABS.find((t) => t.key === path)?.key ?? '/payments';
  const body = {
    '/payments': <PaymentLedger />,
    '/payments/batches': <Batches />,
    '/payments/months': <ClosedMonths session={session} />,
    '/payments/check': <LedgerCheckPanel />,
  }[tab];
  return (
    <div className="page">
      <h1 className="page-title">补贴发放</h1>
      <Tabs activeKey={tab} onChange={go} items={TABS} />
      {body}
    </div>
  );
}
