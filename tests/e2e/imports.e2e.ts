// The first day: a township's own workbook imported through the screen, its preview looked at, the problem rows
// downloaded, fixed and imported alone, and the first import undone.
import fs from 'node:fs';
import path from 'node:path';

import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';

import { idNumberFor } from '../../main/demo/fictional';
import type { Host } from './host';
import { ledgerFile } from './host';
import { api, firstStartAsAdmin, hostPerTest } from './session';

let host: Host;
hostPerTest((h) => (host = h));

const ID = (birth: string, nth: number) => idNumberFor(birth, nth, false);
const GOOD = [ID('1958-02-11', 1), ID('1960-06-06', 2), ID('1971-09-09', 3)];
const BAD = ID('1980-01-01', 4);
const WRONG = BAD.slice(0, 17) + (BAD[17] === '1' ? '2' : '1');

async function roster(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('2026年花名册');
  ws.addRow(['城关镇困难群众花名册']);
  ws.addRow(['序号', '户主信息', null, '所在村组', '困难类别']);
  ws.addRow([null, '户主姓名', '身份证号码', null, null]);
  ws.addRow([1, '赵一', GOOD[0], '东山村', '低保']);
  ws.addRow([2, '钱二', GOOD[1], '东山村', '特困']);
  ws.addRow([3, '孙三', GOOD[2], '西河村', '孤寡老人']);
  ws.addRow([4, '李四', WRONG, '西河村', '低保']);
  ws.addRow([5, '周五', ID('1966-03-03', 5), '南山村', '低保']);
  ws.addRow(['合计', '5户']);
  ws.mergeCells('A1:E1');
  ws.mergeCells('B2:C2');
  for (const m of ['A2:A3', 'D2:D3', 'E2:E3']) ws.mergeCells(m);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('a roster imported through the screen: preview, problem rows fixed in a second file, first import undone', async ({
  page,
}) => {
  await firstStartAsAdmin(page, host);
  for (const name of ['东山村', '西河村']) await api(host, 'areas.save', { name });
  await page.goto(`${host.base}#/imports`);
  await expect(page.getByText('第一次使用：先下载导入模板')).toBeVisible();

  await page
    .getByTestId('import-file')
    .setInputFiles({ name: '花名册.xlsx', mimeType: 'application/octet-stream', buffer: await roster() });
  const counts = page.getByTestId('import-counts');
  await expect(counts).toContainText('共 5 行 — 可导入 3 行，需确认 0 行，不能导入 2 行（空行和合计行 1 行已忽略）');
  await expect(counts).toContainText('表头在第 2、3 行');
  await expect(page.getByTestId('import-rows')).toContainText('校验位不对');
  await expect(page.getByTestId('import-rows')).toContainText('村（社区）“南山村”不在台账中');
  await expect(page.getByText('台账中没有的村（社区）')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('import-preview.png'), fullPage: true });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /下载问题行/ }).click(),
  ]);
  const problems = new ExcelJS.Workbook();
  await problems.xlsx.readFile((await download.path())!);
  const ws = problems.worksheets[0];
  expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
    '序号',
    '户主姓名',
    '身份证号码',
    '所在村组',
    '困难类别',
    '错误原因',
  ]);
  expect(ws.rowCount).toBe(3);

  await page.getByRole('button', { name: '确认导入' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByText('导入完成：3 户、3 人、3 个困难类别')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0); // the confirmation has closed, not only been answered
  await expect(page.getByTestId('import-history')).toContainText('花名册.xlsx');

  // The clerk fixes the two rows in Excel: the right number, a village the ledger has; the reason column stays.
  ws.getCell(2, 3).value = BAD;
  ws.getCell(3, 4).value = '西河村';
  const fixed = Buffer.from(await problems.xlsx.writeBuffer());
  fs.writeFileSync(test.info().outputPath('fixed.xlsx'), fixed);
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: '花名册-改.xlsx', mimeType: 'application/octet-stream', buffer: fixed });
  await expect(counts).toContainText('共 2 行 — 可导入 2 行，需确认 0 行，不能导入 0 行');
  await page.getByRole('button', { name: '确认导入' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByText('导入完成：2 户、2 人')).toBeVisible();

  // Undo the first import: its three households go, the second import's two stay.
  const history = page.getByTestId('import-history');
  await expect(history.locator('.ag-row')).toHaveCount(2);
  await history
    .locator('.ag-row', { hasText: '花名册.xlsx' })
    .filter({ hasNotText: '改' })
    .getByRole('button', { name: '撤销本次导入' })
    .click();
  await page.getByRole('dialog').getByRole('button', { name: '撤销本次导入' }).click();
  await expect(page.getByText('已撤销本次导入')).toBeVisible();
  await expect(history).toContainText('已撤销');
  const db = ledgerFile(host.db, { readonly: true });
  try {
    const ids = (db.prepare('SELECT id_number AS id FROM persons ORDER BY id_number').all() as { id: string }[]).map(
      (r) => r.id,
    );
    expect(ids).toEqual([BAD, ID('1966-03-03', 5)].sort());
  } finally {
    db.close();
  }
  expect(path.basename(host.db)).toMatch(/sqlite$/);
});
