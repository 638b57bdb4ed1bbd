// Layout at the counter's usual screen, 1366×768 (issue 31.8), on the demo year: every menu entry and each of its
// tabs, the detail pages of demo records (and their tabs), the forms and the print routes. Each is screenshot into
// test-results/layout-*.png; none may be wider than the window (a sideways scroll), and none may show English error
// text or throw.
import { expect, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';

import { idNumberFor } from '../../main/demo/fictional';
import { signInAs, useDemoHost, YEAR } from './demoHost';
import { api, MENUS } from './session';

test.use({ viewport: { width: 1366, height: 768 } });

const host = useDemoHost();

/** Words of a failure a clerk must never read: a thrown error, an unfilled value, a server's English. */
const ENGLISH_ERROR =
  /\b(Error|error|undefined|null|NaN|Invalid Date|Cannot|cannot|Failed|failed|Unexpected|Exception|not found|Not Found)\b/;

type Problem = string;

/** Waits for the screen to settle, screenshots it, and answers what is wrong with it (nothing, mostly). */
async function look(page: Page, name: string): Promise<Problem[]> {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0, { timeout: 15_000 });
  await page.screenshot({ path: `test-results/layout-${name.replace(/\//g, '')}.png`, fullPage: true });
  const seen = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    width: window.innerWidth,
    text: document.body.innerText,
  }));
  const problems: Problem[] = [];
  if (seen.scrollWidth > seen.width) problems.push(`${name}: ${seen.scrollWidth} px wide in a ${seen.width} px window`);
  const english = ENGLISH_ERROR.exec(seen.text);
  if (english) problems.push(`${name}: shows “${english[0]}”`);
  return problems;
}

/** Each tab of the page's own Tabs (not a dialog's), in turn, each looked at. */
async function lookAtTabs(page: Page, name: string): Promise<Problem[]> {
  const problems: Problem[] = [];
  const tabs = page.locator('.ant-layout-content .ant-tabs-nav').first().getByRole('tab');
  const n = await tabs.count();
  for (let i = 1; i < n; i++) {
    const tab = tabs.nth(i);
    const label = (await tab.textContent())!.trim();
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    problems.push(...(await look(page, `${name}-${label}`)));
  }
  return problems;
}

async function route(page: Page, path: string, name: string, o: { tabs?: boolean } = {}): Promise<Problem[]> {
  await page.goto(`${host().base}#${path}`);
  const problems = await look(page, name);
  if (o.tabs) problems.push(...(await lookAtTabs(page, name)));
  return problems;
}

const first = async <T>(channel: string, input: object): Promise<T> =>
  (await api<{ rows: T[] }>(host(), channel, { limit: 1, ...input })).rows[0];

test('every route at 1366×768: no sideways scroll, no English error', async ({ page }) => {
  test.setTimeout(300_000);
  const thrown: string[] = [];
  page.on('pageerror', (e) => thrown.push(e.message));
  await signInAs(page, host(), 'admin');

  const problems: Problem[] = [];
  // Every menu entry as the clerk reaches it, and every tab it has.
  for (const [i, menu] of MENUS.entries()) {
    await page.getByRole('menuitem', { name: menu }).click();
    problems.push(...(await look(page, `${i + 1}-${menu}`)));
    problems.push(...(await lookAtTabs(page, `${i + 1}-${menu}`)));
  }

  // The forms that are pages of their own.
  problems.push(...(await route(page, '/ledger/new', 'form-登记新户')));
  problems.push(...(await route(page, '/applications/new', 'form-受理申请')));
  problems.push(...(await route(page, `/reports?year=${YEAR}`, 'report-year')));

  // A demo record of each kind, with its tabs.
  const household = await first<{ id: number }>('households.list', { status: 'registered' });
  const paid = await first<{ id: number }>('applications.list', { state: 'paid' });
  const rejected = await first<{ id: number }>('applications.list', { state: 'rejected' });
  const payment = await first<{ id: number }>('payments.list', { year: YEAR });
  const batch = await first<{ id: number }>('payroll.list', {});
  const cadre = (
    await api<{ rows: { id: number; households: number }[] }>(host(), 'cadres.list', { limit: 100 })
  ).rows.find((c) => c.households > 0)!;
  const wish = await first<{ id: number }>('wishes.list', {});
  const suggestion = await first<{ id: number }>('suggestions.list', {});
  const settled = await first<{ id: number }>('disputes.list', { status: 'settled' });
  const dispute = await api<{ sessions: { id: number }[] }>(host(), 'disputes.get', { id: settled.id });
  problems.push(...(await route(page, `/ledger/household/${household.id}`, 'detail-household', { tabs: true })));
  problems.push(...(await route(page, `/applications/${paid.id}`, 'detail-application')));
  problems.push(...(await route(page, `/applications/${rejected.id}`, 'detail-application-rejected')));
  problems.push(...(await route(page, `/payments/record/${payment.id}`, 'detail-payment')));
  problems.push(...(await route(page, `/payments/batch/${batch.id}`, 'detail-batch')));
  problems.push(...(await route(page, `/pairings/cadre/${cadre.id}`, 'detail-cadre')));
  problems.push(...(await route(page, `/service/wish/${wish.id}`, 'detail-wish')));
  problems.push(...(await route(page, `/service/suggestion/${suggestion.id}`, 'detail-suggestion')));
  problems.push(...(await route(page, `/service/dispute/${settled.id}`, 'detail-dispute')));

  // The print routes, as each page opens them.
  for (const [path, name] of [
    [`/print/receipt/${paid.id}`, 'receipt'],
    [`/print/notice/${paid.id}`, 'notice'],
    [`/print/rejection/${rejected.id}`, 'rejection'],
    ['/print/publicity', 'publicity'],
    [`/print/payment/${payment.id}`, 'payment'],
    [`/print/roster/${batch.id}`, 'roster'],
    [`/print/report?year=${YEAR}`, 'report'],
    [`/print/cards?ids=${household.id}&format=cr80`, 'card'],
    [`/print/cards?ids=${household.id}&format=a4`, 'cards-a4'],
    ['/print/wall', 'wall'],
    [`/print/agreement/${settled.id}`, 'agreement'],
    ...(dispute.sessions[0] ? [[`/print/record/${settled.id}?session=${dispute.sessions[0].id}`, 'record']] : []),
  ])
    problems.push(...(await route(page, path, `print-${name}`)));

  // 数据导入's preview of a roster (a village the ledger lacks, so its table of villages shows too).
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['户主姓名', '身份证号码', '所在村组', '困难类别']);
  ws.addRow(['赵一', idNumberFor('1961-01-01', 71, false), '东山村', '低保']);
  ws.addRow(['钱二', idNumberFor('1962-02-02', 72, true), '南山村', '特困']);
  await page.goto(`${host().base}#/imports`);
  await page.getByTestId('import-file').setInputFiles({
    name: '花名册.xlsx',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(await wb.xlsx.writeBuffer()),
  });
  await expect(page.getByTestId('import-counts')).toContainText('共 2 行');
  problems.push(...(await look(page, 'import-preview')));
  await expect(page.locator('.page-title')).toBeInViewport();

  expect(problems).toEqual([]);
  expect(thrown).toEqual([]);
});
