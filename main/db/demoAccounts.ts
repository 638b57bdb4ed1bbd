// The demo's staff and their one password: constants of the demo, shown on its sign-in screen. The key file of a demo
// ledger holds only a flag (demo: true), never the password.
import type { Role } from '../../shared/domain/roles';
import type { DemoAccounts } from '../../shared/schemas/staff';

export const DEMO_PASSWORD = 'demo-pass-1';
export const DEMO_STAFF: { username: string; displayName: string; roles: Role[] }[] = [
  { username: 'admin', displayName: '周建华', roles: ['admin'] },
  { username: 'shouli', displayName: '李晓燕', roles: ['clerk'] },
  { username: 'shenhe', displayName: '赵丽', roles: ['reviewer'] },
  { username: 'shenpi', displayName: '钱国庆', roles: ['approver'] },
];
export const DEMO_ACCOUNTS: DemoAccounts = { password: DEMO_PASSWORD, accounts: DEMO_STAFF };
