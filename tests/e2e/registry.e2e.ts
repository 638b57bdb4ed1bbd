// The registry at the counter: keyboard-only registration, finding by pinyin initials and ID tail, a duplicate ID
// refused, rare characters and · unchanged from form to grid to .xlsx, and the export read back.
import { expect, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';

import { idNumberFor } from '../../main/demo/fictional';
import { type Host, ledgerFile, startHost } from './host';
import { api, firstStartAsAdmin } from './session';

let host: Host;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  expect(await host.stop()).toBe(0);
});

const HEAD = { name: '阿依古丽·买买提', id: idNumberFor('1968-04-12', 3, true) };
const SPOUSE = { name: '买买提·艾力', id: idNumberFor('1966-09-30', 1, false) };
const RARE = { name: '𠮷㛃', id: idNumberFor('1990-01-08', 0, false) };

/** A select closes its list after Enter; Tab before that lands back in the select. */
const closedDropdown = (page: Page) =>
  expect(page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')).toHaveCount(0);

/** Registers a household without the mouse: type, Tab, Enter in the selects, Alt+N for a member, Ctrl+Enter to save. */
async function registerByKeyboard(
  page: Page,
  area: string,
  members: { name: string; id: string; relation?: string }[],
) {
  await page.goto(`${host.base}#/ledger`);
  // The list must be on screen before the form is asked for: two hash changes in one tick keep the old form mounted.
  await expect(page.getByRole('heading', { name: '困难群众台账' })).toBeVisible();
  await page.goto(`${host.base}#/ledger/new`);
  const k = page.keyboard;
  await expect(page.getByRole('combobox', { name: '村/社区' })).toBeFocused();
  await k.type(area);
  await expect(page.locator('.ant-select-item-option-active', { hasText: area })).toBeVisible();
  await k.press('Enter');
  await closedDropdown(page);
  await k.press('Tab');
  for (const [i, m] of members.entries()) {
    if (i > 0) await k.press('Alt+N');
    await expect(page.locator(`#members_${i}_name`)).toBeFocused();
    await k.type(m.name);
    await k.press('Tab');
    await k.type(m.id);
    await k.press('Tab'); // leaving the field: derived birth date and gender show, main checks for a holder
    await expect(page.getByTestId('id-derived').nth(i)).toContainText('出生日期');
    if (i > 0) {
      await expect(page.locator(`#members_${i}_relation`)).toBeFocused();
      await k.type(m.relation ?? '配偶');
      await expect(page.locator('.ant-select-item-option-active', { hasText: m.relation ?? '配偶' })).toBeVisible();
      await k.press('Enter');
      await closedDropdown(page);
    }
  }
  await k.press('Control+Enter');
}

test('keyboard-only registration, search by pinyin initials and ID tail, duplicate refused, export round trip', async ({
  page,
}) => {
  await firstStartAsAdmin(page, host);
  // The first day: the empty ledger says what to do, in the words of its button.
  await page.getByRole('menuitem', { name: '台账' }).first().click();
  await expect(page.getByText('台账里还没有住户。点 登记新户 逐户登记；已有花名册可在 数据导入 中导入')).toBeVisible();
  await expect(page.getByRole('button', { name: '登记新户' })).toBeVisible();
  await page.screenshot({ path: 'test-results/registry-empty.png' });
  await api(host, 'areas.save', { name: '东山村' });
  await api(host, 'areas.save', { name: '西河村' });
  await api(host, 'settings.save', {
    name: '城关镇便民服务中心',
    address: '',
    hotline: '0571-12345678',
    officeHours: '工作日',
    idleLockMinutes: 15,
  });

  await registerByKeyboard(page, '东山', [HEAD, SPOUSE]);
  await expect(page.getByRole('heading', { name: new RegExp(`户号 \\d+ · ${HEAD.name}`) })).toBeVisible();
  await expect(page.getByRole('cell', { name: SPOUSE.name, exact: true })).toBeVisible();
  await expect(page.getByText(`9901**********${HEAD.id.slice(-4)}`)).toBeVisible();
  await page.screenshot({ path: 'test-results/registry-household.png' });

  // The ID field reads the number as it is typed.
  await page.goto(`${host.base}#/ledger/new`);
  // The form is ready (areas loaded, focus given) before anything is typed into it.
  await expect(page.getByRole('combobox', { name: '村/社区' })).toBeFocused();
  await page.locator('#members_0_idNumber').fill(RARE.id.toLowerCase());
  await expect(page.getByTestId('id-derived').first()).toHaveText('出生日期 1990-01-08 · 男');
  await registerByKeyboard(page, '西河', [RARE]);
  await expect(page.getByRole('heading', { name: /户号 \d+ · 𠮷㛃/ })).toBeVisible();

  // A duplicate ID number: refused at the field, naming the holder, with a link; nothing written.
  await registerByKeyboard(page, '西河', [{ name: '冒名者', id: SPOUSE.id }]);
  await expect(page.getByText(`这个身份证号已登记：${SPOUSE.name}，东山村`).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/registry-duplicate.png' });
  await page.getByRole('link', { name: '打开该户' }).click();
  await expect(page.getByRole('heading', { name: new RegExp(HEAD.name) })).toBeVisible();

  // Find by pinyin initials (of a member, not only the head) and by ID tail.
  await page.goto(`${host.base}#/ledger`);
  const grid = page.getByTestId('households-grid');
  await expect(grid.getByTestId('row-count')).toHaveText('共 2 条');
  await expect(grid.getByText(RARE.name, { exact: true })).toBeVisible();
  await page.getByLabel('快速查找').fill('mmtal');
  await page.getByLabel('快速查找').press('Enter');
  await expect(grid.getByTestId('row-count')).toHaveText('共 1 条');
  await expect(grid.getByText(HEAD.name, { exact: true })).toBeVisible();
  await page.getByLabel('快速查找').fill(RARE.id.slice(-5));
  await page.getByLabel('快速查找').press('Enter');
  await expect(grid.getByText(RARE.name, { exact: true })).toBeVisible();
  await expect(grid.getByTestId('row-count')).toHaveText('共 1 条');
  await page.screenshot({ path: 'test-results/registry-grid.png' });
  // Enter on a focused row, and a double-click, open the household.
  await grid.getByText(RARE.name, { exact: true }).click();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /户号 \d+ · 𠮷㛃/ })).toBeVisible();
  await page.goBack();
  await grid.getByText(RARE.name, { exact: true }).dblclick();
  await expect(page.getByRole('heading', { name: /户号 \d+ · 𠮷㛃/ })).toBeVisible();
  await page.goto(`${host.base}#/ledger`);

  // Export the whole (unfiltered) view and read it back.
  await page.getByLabel('快速查找').fill('');
  await page.getByLabel('快速查找').press('Enter');
  await expect(grid.getByTestId('row-count')).toHaveText('共 2 条');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const file = `${host.dir}/export.xlsx`;
  await (await download).saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('困难群众台账')!;
  expect(String(ws.getCell('A1').value)).toMatch(/^城关镇便民服务中心 困难群众台账（导出日期 \d{4}-\d{2}-\d{2}）$/);
  expect(ws.getRow(2).values).toEqual([
    undefined,
    '户号',
    '户主',
    '身份证号',
    '村/社区',
    '困难类别',
    '人口',
    '联系电话',
    '一卡通账号',
    '状态',
  ]);
  const rows = [3, 4].map((r) => ws.getRow(r));
  const byName = new Map(rows.map((r) => [String(r.getCell(2).value), r]));
  expect([...byName.keys()].sort()).toEqual([HEAD.name, RARE.name].sort());
  expect(byName.get(HEAD.name)!.getCell(3).value).toBe(`9901**********${HEAD.id.slice(-4)}`);
  expect(byName.get(HEAD.name)!.getCell(3).type).toBe(ExcelJS.ValueType.String);
  expect(byName.get(HEAD.name)!.getCell(6).value).toBe(2);
  const text = JSON.stringify(rows.map((r) => r.values));
  for (const id of [HEAD.id, SPOUSE.id, RARE.id]) expect(text).not.toContain(id.slice(4, 14));

  // And in the ledger file, exactly as typed.
  const db = ledgerFile(host.db, { readonly: true });
  expect(db.prepare('SELECT name FROM persons ORDER BY id').all()).toEqual([
    { name: HEAD.name },
    { name: SPOUSE.name },
    { name: RARE.name },
  ]);
  expect(db.prepare(`SELECT count(*) AS n FROM persons WHERE name = '冒名者'`).get()).toEqual({ n: 0 });
  db.close();
});
