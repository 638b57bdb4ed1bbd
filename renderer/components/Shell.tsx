// The frame around every screen: the left menu, the signed-in staff member, lock and sign-out.
import {
  AuditOutlined,
  BarChartOutlined,
  ClusterOutlined,
  FileTextOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  ImportOutlined,
  LockOutlined,
  LogoutOutlined,
  MoneyCollectOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Tag, Tooltip } from 'antd';
import type { ReactNode } from 'react';

import { ROLE_LABELS } from '../../shared/domain/roles';
import type { SessionState } from '../../shared/schemas/staff';
import { call } from '../api';
import { ApplicationPage } from '../pages/applications/ApplicationPage';
import { ApplicationsPage } from '../pages/applications/ApplicationsPage';
import { RegisterApplication } from '../pages/applications/RegisterApplication';
import { CardsPage } from '../pages/cards/CardsPage';
import { HomePage } from '../pages/home/HomePage';
import { ImportPage } from '../pages/imports/ImportPage';
import { HouseholdPage } from '../pages/ledger/HouseholdPage';
import { LedgerPage } from '../pages/ledger/LedgerPage';
import { RegisterPage } from '../pages/ledger/RegisterPage';
import { CadrePage } from '../pages/pairings/CadrePage';
import { PairingsPage } from '../pages/pairings/PairingsPage';
import { BatchPage } from '../pages/payments/BatchPage';
import { PaymentPage } from '../pages/payments/PaymentPage';
import { PaymentsPage } from '../pages/payments/PaymentsPage';
import { ReportPage } from '../pages/reports/ReportPage';
import { RollupPage } from '../pages/rollup/RollupPage';
import { ServicePage } from '../pages/service/ServicePage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { go, useRoute } from './router';

interface Area {
  key: string;
  label: string;
  icon: ReactNode;
  page: (session: SessionState, route: string) => ReactNode;
}

const SETTINGS: Area = {
  key: '/settings',
  label: '设置',
  icon: <SettingOutlined />,
  page: (s, r) => <SettingsPage session={s} route={r} county={false} />,
};

const AREAS: Area[] = [
  { key: '/', label: '首页', icon: <HomeOutlined />, page: (s) => <HomePage session={s} /> },
  { key: '/ledger', label: '台账', icon: <TeamOutlined />, page: (s, r) => ledgerPage(s, r) },
  { key: '/applications', label: '救助申请', icon: <FileTextOutlined />, page: (s, r) => applicationsPage(s, r) },
  { key: '/payments', label: '补贴发放', icon: <MoneyCollectOutlined />, page: (s, r) => paymentsPage(s, r) },
  { key: '/pairings', label: '结对帮扶', icon: <AuditOutlined />, page: (s, r) => pairingsPage(s, r) },
  {
    key: '/service',
    label: '群众服务',
    icon: <HeartOutlined />,
    page: (s, r) => <ServicePage route={r} session={s} />,
  },
  { key: '/cards', label: '便民服务卡', icon: <IdcardOutlined />, page: (_, r) => <CardsPage route={r} /> },
  {
    key: '/reports',
    label: '年度统计',
    icon: <BarChartOutlined />,
    page: (s, r) => <ReportPage route={r} session={s} />,
  },
  { key: '/imports', label: '数据导入', icon: <ImportOutlined />, page: (s) => <ImportPage session={s} /> },
  SETTINGS,
];

/** The county office's menu (--county, --pg): its figures over the townships, and its own settings. */
const COUNTY_AREAS: Area[] = [
  {
    key: '/rollup',
    label: '县级汇总',
    icon: <ClusterOutlined />,
    page: (s, r) => <RollupPage session={s} route={r} />,
  },
  { ...SETTINGS, page: (s, r) => <SettingsPage session={s} route={r} county /> },
];

function ledgerPage(session: SessionState, route: string): ReactNode {
  if (route === '/ledger/new') return <RegisterPage />;
  const m = /^\/ledger\/household\/(\d+)(\?.*)?$/.exec(route);
  return m ? <HouseholdPage key={m[1]} id={Number(m[1])} session={session} /> : <LedgerPage />;
}

function pairingsPage(session: SessionState, route: string): ReactNode {
  const m = /^\/pairings\/cadre\/(\d+)$/.exec(route);
  return m ? <CadrePage key={m[1]} id={Number(m[1])} /> : <PairingsPage route={route} session={session} />;
}

function paymentsPage(session: SessionState, route: string): ReactNode {
  const batch = /^\/payments\/batch\/(\d+)$/.exec(route);
  if (batch) return <BatchPage key={batch[1]} id={Number(batch[1])} session={session} />;
  const record = /^\/payments\/record\/(\d+)$/.exec(route);
  if (record) return <PaymentPage key={record[1]} id={Number(record[1])} session={session} />;
  return <PaymentsPage route={route} session={session} />;
}

function applicationsPage(session: SessionState, route: string): ReactNode {
  const [path, query] = route.split('?');
  if (path === '/applications/new')
    return <RegisterApplication householdId={Number(new URLSearchParams(query).get('household')) || undefined} />;
  const m = /^\/applications\/(\d+)$/.exec(path);
  return m ? <ApplicationPage key={m[1]} id={Number(m[1])} session={session} /> : <ApplicationsPage />;
}

/** The area of a route; the first is the home of '/'. */
const areaOf = (areas: Area[], route: string) => {
  const path = route.split('?')[0];
  return areas.slice(1).find((a) => path === a.key || path.startsWith(a.key + '/')) ?? areas[0];
};

export function Shell({
  session,
  county,
  onSession,
}: {
  session: SessionState;
  county: boolean;
  onSession: (s: SessionState) => void;
}) {
  const route = useRoute();
  const areas = county ? COUNTY_AREAS : AREAS;
  const area = areaOf(areas, route);
  const staff = session.staff!;

  const run = async (channel: 'session.lock' | 'session.signOut') => {
    const r = await call(channel, {});
    if (r.ok) {
      if (channel === 'session.signOut') go('/');
      onSession(r.value);
    }
  };

  return (
    <Layout style={{ minHeight: '100%' }}>
      <Layout.Sider width={200} breakpoint="lg" collapsedWidth={64}>
        <div className="brand">{county ? '县级汇总' : '便民服务台账'}</div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[area.key]}
          items={areas.map((a) => ({ key: a.key, icon: a.icon, label: a.label }))}
          onClick={({ key }) => go(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
          }}
        >
          <Space size="middle">
            <span data-testid="signed-in">
              <UserOutlined /> {staff.displayName}
              {staff.roles.map((r) => (
                <Tag key={r} style={{ marginLeft: 6 }}>
                  {ROLE_LABELS[r]}
                </Tag>
              ))}
            </span>
            <Tooltip title={`离开时锁定屏幕（无操作 ${session.idleLockMinutes} 分钟后自动锁定）`}>
              <Button icon={<LockOutlined />} onClick={() => run('session.lock')}>
                锁定
              </Button>
            </Tooltip>
            <Button icon={<LogoutOutlined />} onClick={() => run('session.signOut')}>
              退出登录
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content>{area.page(session, route)}</Layout.Content>
      </Layout>
    </Layout>
  );
}
