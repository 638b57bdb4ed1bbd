// Keyboard at the counter, on the demo year: on every list screen Tab reaches the rows, Enter opens the row's
// record (ag-grid lists and antd tables alike), and Esc closes the screen's dialogs.
import { expect, type Locator, type Page, test } from '@playwright/test';

import { show, signInAs, useDemoHost, YEAR } from './demoHost';
import { api } from './session';

const host = useDemoHost();

/** Tab, from the page's title on, until the focus is inside `target` (as a clerk would reach it). */
async function tabInto(page: Page, target: Locator) {
  await page.locator('.page-title').first().click();
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el.contains(document.activeElement))) return;
  }
  throw new Error('Tab never reached the table');
}

/** An ag-grid list: Tab into it (its header), down to the first row, Enter. */
async function enterGridRow(page: Page, testId: string) {
  const grid = page.getByTestId(testId);
  await expect(grid.locator('.ag-row').first()).toBeVisible();
  await tabInto(page, grid.locator('.ag-root'));
  if (await page.evaluate(() => !!document.activeElement?.closest('.ag-header')))
    await page.keyboard.press('ArrowDown');
  await expect(grid.locator('.ag-row[row-index="0"] .ag-cell-focus')).toHaveCount(1);
  await page.screenshot({ path: `test-results/keyboard-${testId}.png` });
  await page.keyboard.press('Enter');
}

/** An antd table: Tab to its first row, Enter. */
async function enterTableRow(page: Page, table: Locator) {
  const row = table.locator('tr.open-row').first();
  await expect(row).toBeVisible();
  await tabInto(page, row);
  await expect(row).toBeFocused();
  await page.screenshot({
    path: `test-results/keyboard-row-${(await table.getAttribute('data-testid')) ?? 'table'}.png`,
  });
  await page.keyboard.press('Enter');
}

/** The button opens a dialog (antd Modal or Drawer); Esc closes it. */
async function escCloses(page: Page, button: string) {
  await page.getByRole('button', { name: button }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

test('台账: Enter opens a household, Esc closes its dialog', async ({ page }) => {
  await signInAs(page, host(), 'shouli');
  await show(page, host(), '/ledger');
  await enterGridRow(page, 'households-grid');
  await expect(page).toHaveURL(/#\/ledger\/household\/\d+$/);
  await escCloses(page, '添加成员');
  await escCloses(page, '退出台账');
});

test('救助申请: Enter opens a case, and a payment from the case; Esc closes a dialog', async ({ page }) => {
  await signInAs(page, host(), 'shouli');
  await show(page, host(), '/applications');
  await enterGridRow(page, 'applications-grid');
  await expect(page).toHaveURL(/#\/applications\/\d+$/);
  // A case with payments: its table of payments opens each one.
  const paid = await api<{ rows: { id: number; applicationId: number }[] }>(host(), 'payments.list', {
    year: YEAR,
    limit: 1,
  });
  await show(page, host(), `/applications/${paid.rows[0].applicationId}`);
  await enterTableRow(page, page.locator('.ant-card').filter({ has: page.getByTestId('case-payments') }));
  await expect(page).toHaveURL(/#\/payments\/record\/\d+$/);
  await show(page, host(), '/payments/batches');
  await escCloses(page, '新建发放批次');
});

test('补贴发放: Enter opens a payment and a batch', async ({ page }) => {
  await signInAs(page, host(), 'shouli');
  await show(page, host(), `/payments?year=${YEAR}`);
  await enterGridRow(page, 'payments-grid');
  await expect(page).toHaveURL(/#\/payments\/record\/\d+$/);
  await show(page, host(), '/payments/batches');
  await enterGridRow(page, 'batches-grid');
  await expect(page).toHaveURL(/#\/payments\/batch\/\d+$/);
});

test('结对帮扶: Enter opens a cadre, a paired household, an unpaired one, a visit, an overdue visit', async ({
  page,
}) => {
  await signInAs(page, host(), 'shouli');
  await show(page, host(), '/pairings');
  await escCloses(page, '新增服务人员');
  await enterGridRow(page, 'cadres-grid');
  await expect(page).toHaveURL(/#\/pairings\/cadre\/\d+$/);
  // A cadre's households (an antd table).
  const cadres = await api<{ rows: { id: number; households: number }[] }>(host(), 'cadres.list', {
    kind: 'official',
    limit: 100,
  });
  await show(page, host(), `/pairings/cadre/${cadres.rows.find((c) => c.households > 0)!.id}`);
  await enterTableRow(page, page.locator('.ant-table').first());
  await expect(page).toHaveURL(/#\/ledger\/household\/\d+\?tab=pairings$/);
  for (const [route, grid] of [
    ['/pairings/unpaired', 'unpaired-grid'],
    [`/pairings/visits?year=${YEAR}&figure=visits`, 'visits-grid'],
  ]) {
    await show(page, host(), route);
    await enterGridRow(page, grid);
    await expect(page).toHaveURL(/#\/ledger\/household\/\d+\?tab=pairings$/);
  }
  await show(page, host(), '/pairings/overdue');
  await enterTableRow(page, page.locator('.ant-table'));
  await expect(page).toHaveURL(/#\/ledger\/household\/\d+\?tab=pairings$/);
});

test('群众服务: Enter opens a wish, a suggestion, a dispute; Esc closes each registration', async ({ page }) => {
  await signInAs(page, host(), 'shouli');
  for (const [list, grid, record, button] of [
    ['wishes', 'wishes-grid', 'wish', '登记心愿'],
    ['suggestions', 'suggestions-grid', 'suggestion', '登记意见建议'],
    ['disputes', 'disputes-grid', 'dispute', '登记纠纷'],
  ]) {
    await show(page, host(), `/service/${list}`);
    await escCloses(page, button);
    await enterGridRow(page, grid);
    await expect(page).toHaveURL(new RegExp(`#/service/${record}/\\d+$`));
  }
});

test('便民服务卡: Enter opens the card holder', async ({ page }) => {
  await signInAs(page, host(), 'shouli');
  await show(page, host(), '/cards');
  await enterGridRow(page, 'cards-grid');
  await expect(page).toHaveURL(/#\/ledger\/household\/\d+\?tab=pairings$/);
});

test('首页: Enter opens a row of each reminder that has one', async ({ page }) => {
  await signInAs(page, host(), 'shouli');
  const reminders = [
    ['overdue', /#\/applications\/\d+$/],
    ['due-soon', /#\/applications\/\d+$/],
    ['overdue-wishes', /#\/service\/wish\/\d+$/],
    ['overdue-suggestions', /#\/service\/suggestion\/\d+$/],
    ['due-disputes', /#\/service\/dispute\/\d+$/],
    ['unvisited-disputes', /#\/service\/dispute\/\d+$/],
  ] as const;
  let opened = 0;
  for (const [testId, url] of reminders) {
    await show(page, host(), '/');
    await expect(page.getByTestId('my-queues')).toBeVisible();
    await page.waitForLoadState('networkidle');
    const table = page.getByTestId(testId);
    if (!(await table.locator('tr.open-row').count())) continue;
    await enterTableRow(page, table);
    await expect(page).toHaveURL(url);
    opened++;
  }
  expect(opened).toBeGreaterThan(0);
});

test('设置 → 工作人员: Enter opens a staff member, Esc closes it', async ({ page }) => {
  await signInAs(page, host(), 'admin');
  await show(page, host(), '/settings');
  await page.getByRole('tab', { name: '工作人员' }).click();
  await enterTableRow(page, page.locator('.ant-table').filter({ hasText: 'shouli' }));
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: 'test-results/keyboard-staff-dialog.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
