// First start → create admin → sign in → create a clerk → sign out → sign in as the clerk → admin-only screen refused.
import { expect, test } from '@playwright/test';

import { type Host, ledgerFile, startHost } from './host';
import { firstStartAsAdmin, MENUS, signIn, submitFirstStart, watchCsp } from './session';

let host: Host;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  expect(await host.stop()).toBe(0);
});

/** Fails the test on any CSP violation: antd and ag-grid must use the nonce, never need 'unsafe-inline'. */

test('first start to a refused admin screen, as the counter would do it', async ({ page }) => {
  const csp = watchCsp(page);
  await page.goto(host.url);
  await expect(page.getByText('这是一个新台账')).toBeVisible();
  await expect(page).toHaveURL(/#\/$/); // the token left the address bar

  // The center's name is asked first (it goes on every document): left empty, it is asked for at the field.
  await page.getByRole('button', { name: '创建管理员' }).click();
  await expect(page.getByText('请填写中心名称')).toBeVisible();
  // The recovery key is shown once, and must be typed back right; then the admin is in, with no second sign-in.
  await submitFirstStart(page);
  await expect(page.getByText('恢复密钥只显示这一次')).toBeVisible();
  await expect(page.getByText('台账里的数据将再也无法打开')).toBeVisible();
  await page.screenshot({ path: 'test-results/foundation-recovery-key.png' });
  const key = (await page.getByTestId('recovery-key').textContent())!;
  await page.getByLabel('请照着打印的那一页').fill('AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH');
  await page.getByRole('button', { name: '核对并继续' }).click();
  await expect(page.getByText('输入的恢复密钥与显示的不一致，请逐组核对')).toBeVisible();
  await page.getByLabel('请照着打印的那一页').fill(key);
  await page.getByRole('button', { name: '核对并继续' }).click();
  await expect(page.getByTestId('signed-in')).toContainText('王管理');
  await expect(page.getByRole('menuitem')).toHaveText(MENUS);
  // The name typed at first start heads the app and the center's settings.
  await expect(page.getByText('城关镇便民服务中心').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/foundation-home.png' });

  // A wrong password at the next sign-in.
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(
    page.getByRole('heading', { name: /城关镇便民服务中心/ }).or(page.getByText('城关镇便民服务中心')),
  ).toBeVisible();
  await signIn(page, 'admin', 'wrong-password');
  await expect(page.getByText(/^用户名或密码错误，或账号因连续输错已暂时锁定/)).toBeVisible();
  await page.screenshot({ path: 'test-results/foundation-wrong-password.png' });
  await page.getByLabel('密码').fill('admin-pass-1');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByTestId('signed-in')).toContainText('王管理');

  // Create a clerk.
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByRole('tab', { name: '工作人员' }).click();
  await page.getByRole('button', { name: '新增工作人员' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('姓名').fill('李窗口');
  await dialog.getByLabel('用户名').fill('li');
  await dialog.getByLabel('初始密码').fill('short');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('密码至少 8 位')).toBeVisible();
  await dialog.getByLabel('初始密码').fill('clerk-pass-1');
  // No role is ticked for the admin: a person with none is refused at the field.
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('请至少选择一个角色')).toBeVisible();
  await dialog.getByLabel('窗口人员').check();
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('cell', { name: '李窗口' })).toBeVisible();
  await page.screenshot({ path: 'test-results/foundation-staff.png' });

  // The audit log shows it in words (the channel's label and the record's name), paged through the grid.
  await page.getByRole('tab', { name: '审计日志' }).click();
  await expect(page.getByTestId('audit-grid').getByText('添加工作人员「李窗口」')).toBeVisible();
  await expect(page.getByTestId('row-count')).toHaveText(/共 \d+ 条/);
  await page.screenshot({ path: 'test-results/foundation-audit.png' });

  await page.getByRole('button', { name: '退出登录' }).click();
  await signIn(page, 'li', 'clerk-pass-1');
  await expect(page.getByTestId('signed-in')).toContainText('李窗口');
  await expect(page.getByTestId('signed-in')).toContainText('窗口人员');

  // An admin-only screen: main refuses the data, and the screen says so.
  await page.goto(`${host.base}#/settings/staff`);
  await expect(page.getByText('无权访问')).toBeVisible();
  await expect(page.getByText('无权进行此操作：需要管理员权限')).toBeVisible();
  await expect(page.getByRole('cell', { name: '王管理' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/foundation-refused.png' });
  await page.goto(`${host.base}#/settings/audit`);
  await expect(page.getByText('无权进行此操作：需要管理员权限')).toBeVisible();

  expect(csp).toEqual([]);
  const db = ledgerFile(host.db, { readonly: true });
  expect(db.prepare(`SELECT username FROM staff ORDER BY id`).all()).toEqual([
    { username: 'admin' },
    { username: 'li' },
  ]);
  db.close();
});

test('the lock button hides the screen until the password is typed', async ({ page }) => {
  await firstStartAsAdmin(page, host);
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByRole('tab', { name: '中心信息' }).click();
  await page.getByLabel('中心名称').fill('城关镇便民服务中心');
  await page.getByLabel('服务热线').fill('0571-12345678');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已保存')).toBeVisible();

  await page.getByRole('button', { name: '锁定' }).click();
  await expect(page.getByText('已锁定')).toBeVisible();
  await expect(page.getByText('0571-12345678')).toHaveCount(0);
  await expect(page.getByRole('menuitem')).toHaveCount(0);
  // Reloading does not get past the lock: the session lives in main.
  await page.reload();
  await expect(page.getByText('已锁定')).toBeVisible();
  await page.screenshot({ path: 'test-results/foundation-locked.png' });
  await page.getByLabel('密码').fill('wrong-password');
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByText(/用户名或密码错误/)).toBeVisible();
  await page.getByLabel('密码').fill('admin-pass-1');
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByTestId('signed-in')).toContainText('王管理');
  await page.getByRole('menuitem', { name: '首页' }).click();
  await expect(page.getByText('0571-12345678')).toBeVisible();
});

test('a second browser on the same address is told whose session it shares before it shows anything', async ({
  page,
  browser,
}) => {
  await firstStartAsAdmin(page, host);
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const other = await context.newPage();
  await other.goto(host.url);
  await expect(other.getByTestId('elsewhere')).toContainText('本程序已在另一个浏览器窗口中由 王管理（admin）登录');
  await expect(other.getByRole('menuitem')).toHaveCount(0);
  await other.screenshot({ path: 'test-results/foundation-elsewhere.png' });
  // The page that signed in is not asked; the other page goes on once it has chosen to, and after a reload too.
  await page.reload();
  await expect(page.getByTestId('signed-in')).toContainText('王管理');
  await other.getByRole('button', { name: '以 王管理 的身份继续' }).click();
  await expect(other.getByTestId('signed-in')).toContainText('王管理');
  await other.reload();
  await expect(other.getByTestId('signed-in')).toContainText('王管理');
  // 退出登录 from the notice ends the one session: both pages are back at the sign-in screen.
  await other.evaluate(() => sessionStorage.removeItem('bianmin-go-on'));
  await other.reload();
  await other.getByRole('button', { name: '退出登录' }).click();
  await expect(other.getByRole('button', { name: '登录', exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible();
  await context.close();
});
