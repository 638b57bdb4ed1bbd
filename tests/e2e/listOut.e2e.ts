// A list leaves the screen (issue 31.3): 救助申请 filtered to one village, exported to .xlsx (read back: the heading,
// the grid's count, no whole ID or phone) and printed on A4 with the center and the filter in its heading; both
// audited, and the audit log says so in Chinese, its raw entry behind 详情.
import fs from 'node:fs';

import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';

import { DEMO_PASSWORD } from '../../main/demo/year';
import { type Host, ledgerFile, startHost } from './host';
import { ID_NUMBERS, pdfInfo, pdfText, PERSONAL_NUMBERS, printToPdf } from './pdf';
import { choose, signIn } from './session';

let host: Host;
test.beforeEach(async () => {
  host = await startHost({ args: ['--demo'] });
});
test.afterEach(async () => {
  expect(await host.stop()).toBe(0);
});

test('救助申请 of one village: exported, printed on A4, both in the audit log in words', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(host.url);
  await signIn(page, 'admin', DEMO_PASSWORD);
  await expect(page.getByTestId('signed-in')).toBeVisible();
  await page.getByRole('menuitem', { name: '救助申请' }).click();
  const shown = async () =>
    Number(/共 ([\d,]+) 条/.exec((await page.getByTestId('row-count').first().textContent()) ?? '')?.[1] ?? NaN);
  await expect.poll(shown).toBeGreaterThan(0);
  const all = await shown();
  await choose(page, page, '村/社区筛选', '东山村');
  // The count is read once the grid has answered the filter (under load the answer can come after networkidle).
  await expect.poll(shown).toBeLessThan(all);
  const count = await shown();
  expect(count).toBeGreaterThan(0);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 Excel' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^救助申请-\d{4}-\d{2}-\d{2}\.xlsx$/);
  await download.saveAs('test-results/list-applications.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync('test-results/list-applications.xlsx') as never);
  const ws = wb.worksheets[0];
  const db = ledgerFile(host.db, { readonly: true }, { username: 'admin', password: DEMO_PASSWORD });
  const center = (
    JSON.parse((db.prepare(`SELECT value FROM settings WHERE key = 'center'`).get() as { value: string }).value) as {
      name: string;
    }
  ).name;
  expect(String(ws.getCell(1, 1).value)).toContain(`${center} 救助申请（筛选：村/社区：东山村；`);
  expect(ws.getCell(2, 1).value).toBe('受理编号');
  expect(ws.rowCount).toBe(2 + count);
  const cells: string[] = [];
  ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.text))));
  expect(cells.join('\n')).not.toMatch(PERSONAL_NUMBERS);
  const villages = new Set<string>();
  for (let r = 3; r <= ws.rowCount; r++) villages.add(String(ws.getCell(r, 4).value));
  expect([...villages]).toEqual(['东山村']);

  await page.getByRole('button', { name: '打印列表' }).click();
  await expect(page.getByRole('heading', { name: '救助申请' })).toBeVisible();
  await expect(page.locator('.sheet .sub')).toContainText(`${center}　筛选：村/社区：东山村　共 ${count} 条`);
  await expect(page.locator('.sheet table.list tbody tr')).toHaveCount(count);
  await printToPdf(page, 'test-results/list-applications.pdf');
  const info = pdfInfo('test-results/list-applications.pdf');
  expect(Math.round(info.widthMm)).toBe(297); // A4 turned sideways for a dozen columns
  expect(Math.round(info.heightMm)).toBe(210);
  const text = pdfText('test-results/list-applications.pdf').replace(/\s+/g, '');
  expect(text).toContain(center.replace(/\s+/g, ''));
  expect(text).toContain('筛选：村/社区：东山村');
  expect(text).not.toMatch(ID_NUMBERS);

  const audited = db
    .prepare(`SELECT channel, entity FROM audit_log WHERE entity IN ('export', 'print') ORDER BY id DESC LIMIT 2`)
    .all() as { channel: string; entity: string }[];
  expect(audited).toEqual([
    { channel: 'applications.print', entity: 'print' },
    { channel: 'applications.xlsx', entity: 'export' },
  ]);
  db.close();

  // The audit log says it in Chinese; the raw entry is behind 详情.
  await page.getByRole('button', { name: '返回' }).click();
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByRole('tab', { name: '审计日志' }).click();
  await choose(page, page, '操作类别筛选', '打印');
  const grid = page.getByTestId('audit-grid');
  await expect(grid).toContainText(`打印救助申请列表（${count} 行）`);
  await expect(grid).toContainText('本机');
  await expect(grid).not.toContainText('applications.print');
  await grid.getByRole('button', { name: '详情' }).first().click();
  await expect(page.getByRole('dialog')).toContainText('applications.print');
  await expect(page.getByTestId('audit-sentence')).toContainText(`在本机打印救助申请列表（${count} 行）。`);
  await page.screenshot({ path: 'test-results/list-audit.png' });
});
