// 县级汇总: the county office's menu, over every township's copy in PostgreSQL. Tabs are routes; the year and what a
// tab shows are in the query (/rollup/figures?year=2026&code=…, /rollup/checks?year=2026&kind=paidTwice), so that
// its print and its export (RollupOut) show the same. Read-only, except the county's notes, its marks on the
// cross-township checks, enrolments and carried files.
import { Select, Space, Tabs } from 'antd';

import type { CheckKind, CheckState, RollupScreen } from '../../../shared/domain/rollup';
import type { SessionState } from '../../../shared/schemas/staff';
import { valueOptions } from '../../components/options';
import { go } from '../../components/router';
import { recentYears, today } from '../../components/today';
import { type CheckFilters, Checks } from './Checks';
import { CountyFigures } from './CountyFigures';
import { Enrolment } from './Enrolment';
import { Notes } from './Notes';
import { RollupOut } from './RollupOut';
import { Sameness } from './Sameness';
import { Townships } from './Townships';
import { TownshipSections } from './TownshipSections';

export function RollupPage({ session, route }: { session: SessionState; route: string }) {
  const [path, query] = route.split('?');
  const params = new URLSearchParams(query ?? '');
  const tab = (path.split('/')[2] || 'figures') as RollupScreen;
  const year = Number(params.get('year')) || today().year();
  const code = params.get('code') ?? undefined;
  const filters: CheckFilters = {
    township: params.get('township') ?? undefined,
    kind: (params.get('kind') as CheckKind | null) ?? undefined,
    state: (params.get('state') as CheckState | null) ?? undefined,
  };
  const roles = session.staff!.roles;
  const to = (t: string, y = year) => go(`/rollup/${t}?year=${y}`);
  return (
    <div className="page">
      <h1 className="page-title">县级汇总</h1>
      <Tabs
        activeKey={tab}
        onChange={(k) => to(k)}
        destroyOnHidden
        tabBarExtraContent={
          <Space>
            <Select
              value={year}
              style={{ width: 120 }}
              onChange={(y) => to(tab, y)}
              options={valueOptions(recentYears(), (y) => `${y}年`)}
              aria-label="年度"
            />
            <RollupOut
              screen={tab}
              input={{ year, ...(tab === 'figures' && { code }), ...(tab === 'checks' && filters) }}
            />
          </Space>
        }
        items={[
          {
            key: 'figures',
            label: '全县总数',
            children: <CountyFigures year={year} code={code} />,
          },
          {
            key: 'townships',
            label: '乡镇对比',
            children: (
              <>
                <Townships year={year} />
                <h3 style={{ margin: '20px 0 8px' }}>申请办理、结对帮扶与群众服务</h3>
                <TownshipSections year={year} />
              </>
            ),
          },
          {
            key: 'checks',
            label: '跨乡镇核查',
            children: <Checks key={query} year={year} filters={filters} mayReveal={roles.some((r) => r !== 'clerk')} />,
          },
          { key: 'sameness', label: '一致性核对', children: <Sameness /> },
          { key: 'enrol', label: '乡镇登记', children: <Enrolment admin={roles.includes('admin')} /> },
          { key: 'notes', label: '县级备注', children: <Notes topic="" /> },
        ]}
      />
    </div>
  );
}
