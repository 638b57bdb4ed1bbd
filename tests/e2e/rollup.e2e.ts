// The county office in one command (`--county`): its PostgreSQL starts beside its ledger, the admin registers two
// townships from the screen and hands each its file; the townships (demo years, in this process) push; the county's
// totals, comparison, copy status, check of sameness and cross-township checks show on its menu, a reveal asks why, a
// hit is marked 核实中; a county clerk prints 乡镇对比 (its A4 route to PDF, read back) and exports 跨乡镇核查 filtered.
import fs from 'node:fs';
import path from 'node:path';

import { expect, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import pg from 'pg';

import { serverDirOf } from '../../main/county/office';
import { push } from '../../main/county/push';
import type { EnrolmentFile } from '../../main/county/store';
import { annualReport, reportSections } from '../../main/reports/reports';
import { maskIdNumber } from '../../shared/domain/idNumber';
import { formatYuan } from '../../shared/domain/money';
import { adviceOf } from '../../shared/domain/rollup';
import { dateCn } from '../../shared/domain/time';
import { DEFAULT_CENTER } from '../../shared/schemas/settings';
import { demoTownship, type Handed, plantTwin, type Township } from '../unit/townships';
import { startHost, tempDir } from './host';
import { pdfInfo, pdfPictures, pdfText, PERSONAL_NUMBERS, printToPdf } from './pdf';
import { api, choose, firstStartAsAdmin, switchTo } from './session';

/**
 * Registers a township on the 乡镇登记 tab: the dialog names the LAN address the file will carry; reads the downloaded
 * file and the one-time code the screen shows once.
 */
async function enrolOnScreen(page: Page, t: { code: string; name: string }): Promise<Handed> {
  await page.getByRole('tab', { name: '乡镇登记' }).click();
  await page.getByRole('button', { name: '登记乡镇' }).click();
  await expect(page.getByRole('dialog')).toContainText(/乡镇连接 postgres:\/\/127\.0\.0\.2:\d+\/postgres/);
  await expect(page.getByRole('dialog')).toContainText('加密连接，乡镇核对县级证书');
  await expect(page.getByLabel(/上报地址/)).toHaveCount(0);
  await page.getByLabel('乡镇名称').fill(t.name);
  await page.getByLabel('统计用区划代码（12 位）').fill(t.code);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '登记并下载登记文件' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${t.name}县级汇总登记文件.json`);
  const file = path.join(tempDir(), download.suggestedFilename());
  await download.saveAs(file);
  await expect(page.getByRole('dialog', { name: /请把验证码告诉乡镇管理员/ })).toBeVisible();
  await expect(page.locator('.ant-zoom-appear, .ant-zoom-enter, .ant-zoom-leave')).toHaveCount(0); // opened, not fading
  const oneTimeCode = (await page.getByTestId('enrol-one-time-code').textContent())!;
  expect(oneTimeCode).toMatch(/^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/);
  await page.screenshot({ path: `test-results/rollup-enrol-code-${t.code}.png` });
  await page.getByRole('button', { name: '我已记下验证码' }).click();
  await expect(page.getByTestId('enrol-one-time-code')).toHaveCount(0);
  return { file: JSON.parse(fs.readFileSync(file, 'utf8')) as EnrolmentFile, oneTimeCode };
}

test('--county: registers townships on screen, shows their pushed year, its sameness and the cross-township checks', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const dir = tempDir();
  // As root (CI) the server runs as postgres, which must reach its folder inside this one.
  fs.chmodSync(dir, 0o711);
  // On a LAN address besides 127.0.0.1 (another loopback address here): townships push over TLS with verify-full.
  const host = await startHost({ db: path.join(dir, 'office.sqlite'), args: ['--county', '--listen', '127.0.0.2'] });
  const towns: Township[] = [];
  try {
    // An office that keeps the default name (DEFAULT_CENTER's) at first start is refused at registration below.
    await firstStartAsAdmin(page, host, DEFAULT_CENTER.name);
    expect(fs.existsSync(path.join(serverDirOf(host.db), 'data', 'PG_VERSION'))).toBe(true);
    await expect(page.getByRole('menuitem', { name: '县级汇总' })).toBeVisible();
    await expect(page.getByRole('menuitem', { name: '补贴发放' })).toHaveCount(0);
    await page.getByRole('tab', { name: '乡镇对比' }).click();
    await expect(page.getByText('还没有登记任何乡镇')).toBeVisible();
    await page.screenshot({ path: 'test-results/rollup-empty.png' });

    // A bad code is refused at its field; nothing is registered.
    await page.getByRole('tab', { name: '乡镇登记' }).click();
    await page.getByRole('button', { name: '登记乡镇' }).click();
    await page.getByLabel('乡镇名称').fill('短码乡');
    await page.getByLabel('统计用区划代码（12 位）').fill('33012');
    await page.getByRole('button', { name: '登记并下载登记文件' }).click();
    await expect(page.getByText('统计用区划代码应为 12 位数字')).toBeVisible();
    // The county's name goes into every file: until the office's name is set, a registration is refused.
    await page.getByLabel('统计用区划代码（12 位）').fill('330122300000');
    await page.getByRole('button', { name: '登记并下载登记文件' }).click();
    await expect(page.getByText(/请先在 设置 → 中心信息 把名称改为本单位的名称/)).toBeVisible();
    await page.getByRole('button', { name: '取消' }).click();
    await page.getByRole('menuitem', { name: '设置' }).click();
    await page.getByLabel('中心名称').fill('青山县民政局');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByText('已保存')).toBeVisible();
    await page.getByRole('menuitem', { name: '县级汇总' }).click();

    // Two townships: each admin loads its file under 设置 → 县级上报 (demoTownship does, through the same channel).
    for (const day of ['2026-09-15', '2026-11-20']) {
      let handed: Handed | null = null;
      const t = await demoTownship(day, async (x) => (handed = await enrolOnScreen(page, x)));
      const file = handed!.file;
      expect(file.url).toMatch(/^postgres:\/\/township_[0-9a-f]{16}@127\.0\.0\.2:\d+\/postgres\?sslmode=verify-full$/);
      expect(file.county).toBe('青山县民政局');
      expect(JSON.stringify(file)).not.toContain(t.e.key);
      expect(file.ca).toContain('BEGIN CERTIFICATE');
      await push(t.w.ledger);
      towns.push(t);
    }
    await expect(page.getByTestId('rollup-enrolled')).toContainText(towns[1].e.township);
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/rollup-enrolled.png' });

    // The comparison: each township's total is its own report's; each copy is complete.
    await page.getByRole('tab', { name: '乡镇对比' }).click();
    const table = page.getByTestId('rollup-townships');
    for (const t of towns) {
      const own = annualReport(t.w.ledger.db, 2026, dateCn(t.w.clock.now())).total;
      const row = table.getByRole('row', { name: new RegExp(t.e.township) });
      await expect(row).toContainText(formatYuan(own.fen));
      await expect(row).toContainText('完整');
    }
    const sections = page.getByTestId('rollup-sections-table');
    for (const t of towns) {
      const own = reportSections(t.w.ledger.db, 2026, dateCn(t.w.clock.now()));
      await expect(sections.getByRole('row', { name: new RegExp(t.e.township) })).toContainText(
        String(own.applications.accepted),
      );
    }
    await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/rollup-townships.png', fullPage: true });

    // One township's year by kind and area.
    await table.getByRole('link', { name: towns[0].e.township }).click();
    await expect(page.getByTestId('rollup-summary')).toContainText(`2026年${towns[0].e.township}共救助`);
    await expect(page.getByTestId('rollup-areas')).toBeVisible();
    await expect(page.getByTestId('rollup-sections')).toContainText('微心愿');
    await expect(page.getByTestId('rollup-sections')).toContainText('矛盾纠纷调解');
    await page.screenshot({ path: 'test-results/rollup-township.png', fullPage: true });

    await page.getByRole('tab', { name: '一致性核对' }).click();
    await expect(page.getByTestId('rollup-sameness').getByText('一致', { exact: true }).first()).toBeVisible();
    await expect(page.getByText('处不一致')).toHaveCount(0);
    await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
    await expect(page.locator('.ant-message-notice')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/rollup-sameness.png' });

    // A person of the later township planted in the earlier one: three hits, masked; the reveal asks why.
    const twin = plantTwin(towns[1].w, towns[0].w);
    await push(towns[0].w.ledger);
    await page.getByRole('tab', { name: '跨乡镇核查' }).click();
    const checks = page.getByTestId('rollup-checks');
    await expect(checks.getByText('重复享受')).toBeVisible();
    await expect(checks.getByText('重复登记')).toBeVisible();
    await expect(checks.getByText('共用账户')).toBeVisible();
    await expect(checks).not.toContainText(twin.idNumber);
    const row = checks.getByRole('row', { name: /重复享受/ });
    await row.getByRole('button', { name: '显示' }).click();
    await page.getByRole('button', { name: '查看', exact: true }).click();
    await expect(page.getByText('请写明查看原因')).toBeVisible();
    await page.getByLabel('查看原因').fill('重复享受核查，需与乡镇核对');
    await page.getByRole('button', { name: '查看', exact: true }).click();
    await expect(row).toContainText(twin.idNumber);
    await row.getByRole('button', { name: '写备注' }).click();
    await page.getByLabel('新备注').fill('已电话联系两镇核对');
    await page.getByRole('button', { name: '保存备注' }).click();
    await expect(page.getByTestId('rollup-notes')).toContainText('已电话联系两镇核对');
    await page.screenshot({ path: 'test-results/rollup-note.png' });
    await page.keyboard.press('Escape');
    await expect(row.getByRole('button', { name: '1 条备注' })).toBeVisible();
    await expect(page.locator('.ant-drawer-open')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/rollup-checks.png' });

    // 核实 → 已处理 on the screen: the person's hit marked 核实中 with what was found.
    await row.getByRole('button', { name: '核实', exact: true }).click();
    await page.getByRole('button', { name: '标记为核实中' }).click();
    await expect(page.getByText('请写明核实情况或处理结果')).toBeVisible();
    await page.getByLabel('核实情况或处理结果').fill('已与两镇电话核实，户籍在第一个乡镇');
    await page.getByRole('button', { name: '标记为核实中' }).click();
    await expect(row).toContainText('核实中');
    await expect(row.getByRole('button', { name: '已处理' })).toBeVisible();

    // A county clerk's report upward: 乡镇对比 on A4 from its own print layout, without the menu, names whole.
    await api(host, 'staff.create', {
      username: 'kezhang',
      displayName: '孙科员',
      password: 'staff-pass-1',
      roles: ['clerk'],
    });
    await switchTo(page, 'kezhang');
    await page.evaluate(() => (location.hash = '/rollup/townships?year=2026'));
    await expect(page.getByTestId('rollup-townships')).toContainText(towns[1].e.township);
    await page.getByRole('button', { name: '打印' }).click();
    const sheet = page.getByTestId('rollup-print');
    await expect(sheet).toContainText('2026年各乡镇救助情况对比');
    await expect(page.getByRole('menuitem')).toHaveCount(0);
    const pdf = path.join(tempDir(), '乡镇对比.pdf');
    await printToPdf(page, pdf);
    const info = pdfInfo(pdf);
    expect([Math.round(info.widthMm), Math.round(info.heightMm)]).toEqual([297, 210]); // A4, turned for its columns
    pdfPictures(pdf, 'test-results/rollup-print-townships', 1, info.pages);
    const printed = pdfText(pdf);
    expect(printed).toContain('青山县民政局');
    for (const t of towns) {
      const own = annualReport(t.w.ledger.db, 2026, dateCn(t.w.clock.now())).total;
      // Each township on one line with its code and amount: a name broken a character a line would not match.
      expect(printed).toMatch(
        new RegExp(`${t.e.township}\\s+${t.e.code}\\s+.*${formatYuan(own.fen).replace(/\./g, '\\.')}`),
      );
    }
    for (const menu of ['补贴发放', '县级备注', '退出登录', '跨乡镇核查']) expect(printed).not.toContain(menu);
    expect(printed).not.toMatch(PERSONAL_NUMBERS);
    await page.getByRole('button', { name: '返回' }).click();

    // 跨乡镇核查 filtered to 重复享受 and exported: the .xlsx holds the screen's rows, masked.
    await page.getByRole('tab', { name: '跨乡镇核查' }).click();
    await choose(page, page, '类型筛选', '重复享受');
    await expect(checks.getByRole('row')).toHaveCount(2); // the header and the person
    await expect(checks).toContainText('核实中');
    await expect(checks).toContainText('怎么办：');
    // The table's fade after loading is finished at once (a grey picture otherwise).
    await expect(page.locator('.ant-spin-spinning, .ant-spin-blur')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/rollup-checks-grouped.png', fullPage: true, animations: 'disabled' });
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/^2026年跨乡镇核查-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const saved = path.join(tempDir(), xlsx.suggestedFilename());
    await xlsx.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    const cells = wb.worksheets[0].getSheetValues().flatMap((r) => (Array.isArray(r) ? r.slice(1).map(String) : []));
    expect(cells).toContain('重复享受\n重复登记');
    expect(cells).toContain(maskIdNumber(twin.idNumber));
    expect(cells).toContain(adviceOf(['paidTwice', 'registeredTwice']));
    expect(cells.join(' ')).toContain('筛选：类型：重复享受');
    expect(cells.join(' ')).not.toContain(twin.idNumber);
    // And on A4 as filtered: what to do beside each hit, the number masked.
    await page.getByRole('button', { name: '打印' }).click();
    await expect(page.getByTestId('rollup-print')).toContainText('筛选：类型：重复享受');
    const checksPdf = path.join(tempDir(), '跨乡镇核查.pdf');
    await printToPdf(page, checksPdf);
    pdfPictures(checksPdf, 'test-results/rollup-print-checks', 1, pdfInfo(checksPdf).pages);
    const checksText = pdfText(checksPdf);
    expect(checksText).toContain(maskIdNumber(twin.idNumber));
    expect(checksText).toContain('核实中');
    expect(checksText).not.toMatch(PERSONAL_NUMBERS);
    await page.getByRole('button', { name: '返回' }).click();
    // Every other screen on A4 too, by its own route: each a page or more, without the menu.
    const others: [string, string][] = [
      ['figures', `2026年${towns[0].e.township}救助资金发放情况`],
      ['figures', '2026年全县救助资金发放情况'],
      ['sameness', '一致性核对'],
      ['enrol', '乡镇登记'],
      ['notes', '县级备注'],
    ];
    for (const [i, [screen, title]] of others.entries()) {
      const code = i === 0 ? `&code=${towns[0].e.code}` : '';
      await page.evaluate((h) => (location.hash = h), `/print/rollup/${screen}?year=2026${code}`);
      await expect(page.getByTestId('rollup-print')).toContainText(title);
      const file = path.join(tempDir(), `${screen}-${i}.pdf`);
      await printToPdf(page, file);
      const size = pdfInfo(file);
      expect([Math.round(size.widthMm), Math.round(size.heightMm)].sort()).toEqual([210, 297]);
      pdfPictures(file, `test-results/rollup-print-${screen}-${i}`, 1, 1);
      expect(pdfText(file)).not.toContain('退出登录');
    }

    // The reveal is in the county's own log, with who asked and why, and without the number.
    const url = `postgres://postgres:${fs.readFileSync(path.join(serverDirOf(host.db), 'superuser'), 'utf8')}@127.0.0.1:${fs.readFileSync(path.join(serverDirOf(host.db), 'port'), 'utf8')}/postgres`;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query(`SELECT detail FROM county.audit_log WHERE action = 'reveal'`);
    await c.end();
    expect(rows.map((r) => [r.detail.by, r.detail.why])).toEqual([['王管理', '重复享受核查，需与乡镇核对']]);
    expect(JSON.stringify(rows)).not.toContain(twin.idNumber);
  } finally {
    for (const t of towns) await t.w.ledger.close({ backup: false });
    // Stopping the host stops its server.
    await host.stop();
  }
  expect(fs.existsSync(path.join(serverDirOf(host.db), 'data', 'postmaster.pid'))).toBe(false);
});
