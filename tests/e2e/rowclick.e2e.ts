// Rows open the way people expect (issue 31.2), on the demo year: one click on a row of every list opens its record,
// ag-grid lists and antd tables alike (Enter does the same: keyboard.e2e.ts). A double-click out of habit opens it
// once, and its second click presses nothing on the page it opened.
import { expect, type Locator, type Page, test } from '@playwright/test';

import { show, signInAs, useDemoHost, YEAR } from './demoHost';
import { api } from './session';

const host = useDemoHost();

/**
 * One click on a plain cell of an ag-grid list's first row (not a link inside it). The lists open on the same spot of
 * the same document, so the click waits out the double-click time of the one before (openRow.ts swallows a second
 * click there for 500 ms, as it must for a clerk's double-click).
 */
async function clickGridRow(page: Page, testId: string) {
  const row = page.getByTestId(testId).locator('.ag-row[row-index="0"]').last();
  await expect(row).toBeVisible();
  await page.waitForTimeout(600);
  await row.locator('.ag-cell').last().click();
}

const pageOf = (l: Locator) => l.page();

/** One click on an antd table's first row that opens, away from its links. */
async function clickTableRow(table: Locator) {
  const row = table.locator('tr.open-row').first();
  await expect(row).toBeVisible();
  await pageOf(table).waitForTimeout(600); // the double-click time of the click before (clickGridRow)
  await row.locator('td').last().click();
}

test('ag-grid lists: one click opens the row', async ({ page }) => {
  await signInAs(page, host(), 'shouli');
  for (const [route, grid, url] of [
    ['/ledger', 'households-grid', /#\/ledger\/household\/\d+$/],
    ['/applications', 'applications-grid', /#\/applications\/\d+$/],
    [`/payments?year=${YEAR}`, 'payments-grid', /#\/payments\/record\/\d+$/],
    ['/payments/batches', 'batches-grid', /#\/payments\/batch\/\d+$/],
    ['/pairings', 'cadres-grid', /#\/pairings\/cadre\/\d+$/],
    ['/pairings/unpaired', 'unpaired-grid', /#\/ledger\/household\/\d+\?tab=pairings$/],
    [`/pairings/visits?year=${YEAR}&figure=visits`, 'visits-grid', /#\/ledger\/household\/\d+\?tab=pairings$/],
    ['/service/wishes', 'wishes-grid', /#\/service\/wish\/\d+$/],
    ['/service/suggestions', 'suggestions-grid', /#\/service\/suggestion\/\d+$/],
    ['/service/disputes', 'disputes-grid', /#\/service\/dispute\/\d+$/],
    ['/cards', 'cards-grid', /#\/ledger\/household\/\d+\?tab=pairings$/],
  ] as const) {
    await show(page, host(), route);
    await clickGridRow(page, grid);
    await expect(page, `${route}: one click opens its row`).toHaveURL(url);
  }
  // A household's own lists: its cases and its payments.
  const paid = await api<{ rows: { householdId: number }[] }>(host(), 'payments.list', { year: YEAR, limit: 1 });
  await show(page, host(), `/ledger/household/${paid.rows[0].householdId}`);
  await page.getByRole('tab', { name: '发放记录' }).click();
  const row = page.locator('.ag-row[row-index="0"]:visible');
  await expect(row).toHaveCount(1);
  await row.locator('.ag-cell').first().click();
  await expect(page).toHaveURL(/#\/payments\/record\/\d+$/);
});

test('antd tables: one click opens the row', async ({ page }) => {
  await signInAs(page, host(), 'shouli');
  // A case's payments.
  const paid = await api<{ rows: { applicationId: number }[] }>(host(), 'payments.list', { year: YEAR, limit: 1 });
  await show(page, host(), `/applications/${paid.rows[0].applicationId}`);
  await clickTableRow(page.locator('.ant-card').filter({ has: page.getByTestId('case-payments') }));
  await expect(page).toHaveURL(/#\/payments\/record\/\d+$/);
  // A cadre's households.
  const cadres = await api<{ rows: { id: number; households: number }[] }>(host(), 'cadres.list', {
    kind: 'official',
    limit: 100,
  });
  await show(page, host(), `/pairings/cadre/${cadres.rows.find((c) => c.households > 0)!.id}`);
  await clickTableRow(page.locator('.ant-table').first());
  await expect(page).toHaveURL(/#\/ledger\/household\/\d+\?tab=pairings$/);
  // Visits overdue.
  await show(page, host(), '/pairings/overdue');
  await clickTableRow(page.locator('.ant-table'));
  await expect(page).toHaveURL(/#\/ledger\/household\/\d+\?tab=pairings$/);
  // 首页's reminders, each that has a row.
  let opened = 0;
  for (const [testId, url] of [
    ['overdue', /#\/applications\/\d+$/],
    ['due-soon', /#\/applications\/\d+$/],
    ['overdue-wishes', /#\/service\/wish\/\d+$/],
    ['overdue-suggestions', /#\/service\/suggestion\/\d+$/],
    ['due-disputes', /#\/service\/dispute\/\d+$/],
    ['unvisited-disputes', /#\/service\/dispute\/\d+$/],
  ] as const) {
    await show(page, host(), '/');
    await expect(page.getByTestId('my-queues')).toBeVisible();
    await page.waitForLoadState('networkidle');
    const table = page.getByTestId(testId);
    if (!(await table.locator('tr.open-row').count())) continue;
    await clickTableRow(table);
    await expect(page).toHaveURL(url);
    opened++;
  }
  expect(opened).toBeGreaterThan(0);
});

test('设置 → 工作人员: one click opens a staff member', async ({ page }) => {
  await signInAs(page, host(), 'admin');
  await show(page, host(), '/settings');
  await page.getByRole('tab', { name: '工作人员' }).click();
  await clickTableRow(page.locator('.ant-table').filter({ hasText: 'shouli' }));
  await expect(page.getByRole('dialog')).toBeVisible();
});

test('a double-click opens the row once; its second click lands on nothing', async ({ page }) => {
  await signInAs(page, host(), 'shouli');
  await show(page, host(), '/ledger');
  const row = page.getByTestId('households-grid').locator('.ag-row[row-index="0"]').last();
  await expect(row).toBeVisible();
  await row.locator('.ag-cell').last().dblclick();
  await expect(page).toHaveURL(/#\/ledger\/household\/\d+$/);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // Checking a row's box selects it and opens nothing.
  await show(page, host(), '/ledger');
  await page.getByTestId('households-grid').locator('.ag-row[row-index="0"] input[type="checkbox"]').first().click();
  await expect(page).toHaveURL(/#\/ledger$/);
});
