// 县级汇总: the county office's menu, over every township's copy in PostgreSQL. Tabs are routes; the year is in the
// query (/rollup/figures?year=2026). Read-only, except the county's notes, enrolments and carried files.
import { Select, Space, Tabs } from 'antd';

import type { SessionState } from '../../../shared/schemas/staff';
import { valueOptions } from '../../components/options';
import { go } from '../../components/router';
import { recentYears, today } from '../../components/today';
import { Checks } from './Checks';
import { CountyFigures } from './CountyFigures';
import { Enrolment } from './Enrolment';
import { Notes } from './Notes';
import { Sameness } from './Sameness';
import { Townships } from './Townships';
import { TownshipSections } from './TownshipSections';

export function RollupPage({ session, route }: { session: SessionState; route: string }) {
  const [path, query] = route.split('?');
  const params = new URLSearchParams(query ?? '');
  const tab = path.split('/')[2] || 'figures';
  const year = Number(params.get('year')) || today().year();
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
          </Space>
        }
        items={[
          {
            key: 'figures',
            label: '全县总数',
            children: <CountyFigures year={year} code={params.get('code') ?? undefined} />,
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
            children: <Checks year={year} mayReveal={roles.some((r) => r !== 'clerk')} />,
          },
          { key: 'sameness', label: '一致性核对', children: <Sameness /> },
          { key: 'enrol', label: '乡镇登记', children: <Enrolment admin={roles.includes('admin')} /> },
          { key: 'notes', label: '县级备注', children: <Notes topic="" /> },
        ]}
      />
    </div>
  );
}
