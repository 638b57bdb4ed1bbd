// Shared e2e steps: first start as admin, sign in, and calls over the same token (the host's one session).
import http from 'node:http';

import { expect, type Locator, type Page, test } from '@playwright/test';

import { type Host, ledgerFile, startHost } from './host';

/** Fills the first-start form of a new ledger (the page must already show it) and creates the admin. */
export async function submitFirstStart(page: Page, center = '城关镇便民服务中心'): Promise<void> {
  await page.getByLabel('中心名称').fill(center);
  await page.getByLabel('管理员姓名').fill('王管理');
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码', { exact: true }).fill('admin-pass-1');
  await page.getByLabel('再次输入密码').fill('admin-pass-1');
  await page.getByRole('button', { name: '创建管理员' }).click();
}

/** The first start, then the recovery key typed back; answers the key. */
export async function createAdmin(page: Page, o: { screenshot?: string; center?: string } = {}): Promise<string> {
  await submitFirstStart(page, o.center);
  const key = (await page.getByTestId('recovery-key').textContent())!;
  expect(key).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
  if (o.screenshot) await page.screenshot({ path: o.screenshot });
  await page.getByLabel('请照着打印的那一页').fill(key.replace(/-/g, ' ').toLowerCase());
  await page.getByRole('button', { name: '核对并继续' }).click();
  return key;
}

export async function firstStartAsAdmin(page: Page, host: Host, center?: string): Promise<void> {
  await page.goto(host.url);
  await createAdmin(page, { center }); // and in: no second sign-in after the recovery key
  await expect(page.getByTestId('signed-in')).toContainText('王管理');
}

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible();
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** Signs out and in again as a staff member (password staff-pass-1). */
export async function switchTo(page: Page, username: string): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await signIn(page, username, 'staff-pass-1');
  await expect(page.getByTestId('signed-in')).toBeVisible();
}

/**
 * A call through the web host as the signed-in page would make it (same token, same session), on a connection of its
 * own: a pooled keep-alive socket may be one the host closed while the test blocked in execFileSync (pdftotext,
 * zbarimg), and a write on it fails (reset) without telling whether the call arrived.
 */
export async function api<T = unknown>(host: Host, channel: string, input: unknown): Promise<T> {
  const data = JSON.stringify(input);
  const text = await new Promise<string>((resolve, reject) => {
    const req = http.request(
      `${host.base}api/${channel}`,
      {
        method: 'POST',
        agent: false,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(data),
          'X-Bianmin-Token': host.token,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(data);
  });
  const body = JSON.parse(text) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
  return body.value;
}

/** The usual counter: three people, since a reviewer may not approve what they reviewed. */
export const COUNTER_STAFF = [
  ['li', '李窗口', 'clerk'],
  ['zhao', '赵审核', 'reviewer'],
  ['qian', '钱审批', 'approver'],
] as const;

/** The center's settings (城关镇便民服务中心) and its staff (password staff-pass-1), through the admin's API session. */
export async function setUpCenter(
  host: Host,
  o: { address?: string; idleLockMinutes?: number; staff?: readonly (readonly [string, string, string])[] } = {},
): Promise<void> {
  await api(host, 'settings.save', {
    name: '城关镇便民服务中心',
    address: o.address ?? '',
    hotline: '0571-12345678',
    officeHours: '工作日 8:30–17:30',
    idleLockMinutes: o.idleLockMinutes ?? 15,
  });
  for (const [username, displayName, role] of o.staff ?? COUNTER_STAFF)
    await api(host, 'staff.create', { username, displayName, password: 'staff-pass-1', roles: [role] });
}

/** Today and n days ago, as the web host (on the machine's clock, China time) sees them. */
export const dayCn = (daysAgo = 0) =>
  new Date(Date.now() - daysAgo * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * Moves a case's 公示 back by `days` in the ledger file, as if it had begun then: the app starts a notice no earlier
 * than today and the host runs on the real clock, so a test cannot wait out the seven days.
 */
export function noticeBegan(host: Host, id: number, days: number): void {
  const db = ledgerFile(host.db);
  try {
    db.prepare(
      `UPDATE applications
        SET publicity_from = date(publicity_from, ?), publicity_to = date(publicity_to, ?)
        WHERE id = ?`,
    ).run(`-${days} days`, `-${days} days`, id);
  } finally {
    db.close();
  }
}

/**
 * A case carried to approval through the API by three people — li registers and investigates, zhao reviews and
 * publicizes (moved eight days back, so the notice period is over), qian approves; the UI of these steps has its own
 * e2e.
 */
export async function approvedCase(
  host: Host,
  c: { householdId: number; personId: number; kindCode: string; reason: string; amount: string },
): Promise<number> {
  const as = (username: string) => api(host, 'session.signIn', { username, password: 'staff-pass-1' });
  await as('li');
  // Every material on the kind's checklist is in hand, so 审批 needs no 容缺 reason.
  const kinds = await api<{ code: string; materials: string[] }[]>(host, 'reliefKinds.list', {});
  const materials = kinds.find((k) => k.code === c.kindCode)!.materials;
  const a = await api<{ id: number }>(host, 'applications.register', { ...c, materials });
  await api(host, 'applications.investigate', {
    id: a.id,
    investigators: ['李一', '王二'],
    visitedOn: dayCn(), // not before the case was accepted, today
    findings: '情况属实',
  });
  await as('zhao');
  await api(host, 'applications.review', { id: a.id, opinion: '同意' });
  await api(host, 'applications.publicize', { id: a.id, fromDate: dayCn() });
  noticeBegan(host, a.id, 8);
  await as('qian');
  await api(host, 'applications.approve', { id: a.id, amount: c.amount });
  return a.id;
}

/** Collects every CSP violation the page reports (the app's CSP allows no inline script or style). */
export function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  void page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(
        `CSP violation: ${e.violatedDirective} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`,
      ),
    ),
  );
  page.on('console', (m) => {
    if (/Content Security Policy|CSP violation/.test(m.text())) violations.push(m.text());
  });
  return violations;
}

/** A fresh web host on a new ledger for each test of the file; after it, the host must stop cleanly (exit 0). */
export function hostPerTest(set: (host: Host) => void): void {
  let host: Host;
  test.beforeEach(async () => set((host = await startHost())));
  test.afterEach(async () => {
    if (host.stderr()) console.log(host.stderr());
    expect(await host.stop()).toBe(0);
  });
}

/**
 * Picks an option of an antd Select (found by its label) and waits until the select shows it. A modal still opening
 * can take the focus back and close the dropdown under the click (seen about once in ten runs), so the pick is
 * retried until it holds.
 */
export async function choose(page: Page, scope: Page | Locator, label: string, option: string): Promise<void> {
  const select = scope.getByLabel(label, { exact: true });
  const shown = select.locator(`xpath=ancestor::div[contains(concat(' ', @class, ' '), ' ant-select ')][1]`);
  await expect(async () => {
    if ((await select.getAttribute('aria-expanded')) !== 'true') await select.click();
    await page.locator('.ant-select-item-option', { hasText: option }).click({ timeout: 2000 });
    await expect(shown).toContainText(option, { timeout: 1000 });
  }).toPass({ timeout: 10_000 });
}

/** The township's menu, top to bottom, as every signed-in staff member sees it. */
export const MENUS = [
  '首页',
  '台账',
  '救助申请',
  '补贴发放',
  '结对帮扶',
  '群众服务',
  '便民服务卡',
  '年度统计',
  '数据导入',
  '设置',
];
