// 设置: the center's details, areas, relief kinds, pick lists, holidays, staff, the audit log, backups, the county
// push, and one's own password. Tabs are routes.
import { Tabs } from 'antd';

import type { SessionState } from '../../../shared/schemas/staff';
import { go } from '../../components/router';
import { AreasAdmin } from './AreasAdmin';
import { AuditLog } from './AuditLog';
import { Backups } from './Backups';
import { CenterForm } from './CenterForm';
import { ChoicesAdmin } from './ChoicesAdmin';
import { CountyLink } from './CountyLink';
import { HolidaysAdmin } from './HolidaysAdmin';
import { MyPassword } from './MyPassword';
import { ReliefKindsAdmin } from './ReliefKindsAdmin';
import { StaffAdmin } from './StaffAdmin';

const TOWNSHIP_ONLY = new Set(['areas', 'kinds', 'choices', 'holidays', 'county']);

/** `county`: the county office keeps no households, so only its own center, staff, log, backups and password. */
export function SettingsPage({ session, route, county }: { session: SessionState; route: string; county: boolean }) {
  const isAdmin = session.staff!.roles.includes('admin');
  const tab = route.split('/')[2] || 'center';
  return (
    <div className="page">
      <h1 className="page-title">设置</h1>
      <Tabs
        activeKey={tab}
        onChange={(k) => go(`/settings/${k}`)}
        destroyOnHidden
        items={[
          { key: 'center', label: '中心信息', children: <CenterForm editable={isAdmin} /> },
          { key: 'areas', label: '村/社区', children: <AreasAdmin editable={isAdmin} /> },
          { key: 'kinds', label: '救助类别', children: <ReliefKindsAdmin editable={isAdmin} /> },
          { key: 'choices', label: '岗位与类别', children: <ChoicesAdmin editable={isAdmin} /> },
          { key: 'holidays', label: '节假日', children: <HolidaysAdmin editable={isAdmin} /> },
          { key: 'staff', label: '工作人员', children: <StaffAdmin self={session.staff!.id} /> },
          { key: 'audit', label: '审计日志', children: <AuditLog /> },
          { key: 'backup', label: '备份与恢复', children: <Backups /> },
          { key: 'county', label: '县级上报', children: <CountyLink editable={isAdmin} /> },
          { key: 'password', label: '修改密码', children: <MyPassword /> },
        ].filter((t) => !county || !TOWNSHIP_ONLY.has(t.key))}
      />
    </div>
  );
}
