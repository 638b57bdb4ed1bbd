// 结对帮扶 at the counter: a cadre created, paired with a household, a visit with aid recorded, the household's card
// printed at CR80; then a whole area's cards on A4 sheets of ten. PDFs read back, every QR code decoded with zbarimg.
import { execFileSync } from 'node:child_process';

import { expect, type Page, test } from '@playwright/test';

import { idNumberFor } from '../../main/demo/fictional';
import { cardQrText } from '../../shared/domain/cards';
import type { Host } from './host';
import { ledgerFile } from './host';
import { ID_NUMBERS, pdfInfo, pdfPictures, pdfText, PERSONAL_NUMBERS, printToPdf } from './pdf';
import { api, choose, dayCn, firstStartAsAdmin, hostPerTest, switchTo, watchCsp } from './session';

let host: Host;
hostPerTest((h) => (host = h));

const HOTLINE = '0571-12345678';

const DPI = 300;
const px = (mm: number) => Math.round((mm * DPI) / 25.4);

/**
 * The QR code in a region of a PDF page (mm from the top left; the whole page if none), decoded by zbarimg from a
 * 300 dpi picture. -Sbinary keeps the UTF-8 bytes as they are (zbar would otherwise guess Shift-JIS), so each region
 * must hold one code.
 */
function qrCode(pdf: string, page: number, region?: { x: number; y: number; w: number; h: number }): string {
  const png = `${pdf}-qr-${page}-${region ? `${region.x}-${region.y}` : 'page'}`;
  const crop = region
    ? ['-x', String(px(region.x)), '-y', String(px(region.y)), '-W', String(px(region.w)), '-H', String(px(region.h))]
    : [];
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    String(DPI),
    '-f',
    String(page),
    '-l',
    String(page),
    ...crop,
    '-singlefile',
    pdf,
    png,
  ]);
  return execFileSync('zbarimg', ['--nodbus', '--raw', '-Sbinary', '-q', `${png}.png`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).replace(/\n$/, '');
}

/** The ten card slots of an A4 sheet (2 × 5 cards of 85.6 × 54 mm, centred). */
const SLOTS = Array.from({ length: 10 }, (_, i) => ({
  x: (210 - 2 * 85.6) / 2 + (i % 2) * 85.6,
  y: (297 - 5 * 54) / 2 + Math.floor(i / 2) * 54,
  w: 85.6,
  h: 54,
}));

/** The print dialog is the browser's; here it only counts that the page asked for it. */
const countPrints = (page: Page) =>
  page.addInitScript(() => {
    window.print = () =>
      void ((window as unknown as { printed: number }).printed =
        ((window as unknown as { printed?: number }).printed ?? 0) + 1);
  });

async function setUp(page: Page) {
  await countPrints(page);
  await firstStartAsAdmin(page, host);
  await api(host, 'settings.save', {
    name: '城关镇便民服务中心',
    address: '城关镇人民路1号',
    hotline: HOTLINE,
    officeHours: '工作日 8:30–17:30',
    idleLockMinutes: 15,
    serviceItems: [
      { name: '政务服务大厅', phone: '0571-12340001' },
      { name: '民政办', phone: '0571-12340002' },
      { name: '司法所', phone: '0571-12340003' },
      { name: '派出所', phone: '0571-12340110' },
      { name: '卫生院', phone: '0571-12340120' },
      { name: '残联', phone: '0571-12340004' },
    ],
  });
  await api(host, 'staff.create', {
    username: 'li',
    displayName: '李窗口',
    password: 'staff-pass-1',
    roles: ['clerk'],
  });
  return api<{ id: number }>(host, 'areas.save', { name: '东山村' });
}

test('create a cadre, pair a household, record a visit with aid, print its card at CR80 with a QR code that decodes', async ({
  page,
}) => {
  const csp = watchCsp(page);
  const area = await setUp(page);
  const h = await api<{ id: number }>(host, 'households.create', {
    areaId: area.id,
    phone: '13800001234',
    members: [{ name: '孙秀英', idNumber: idNumberFor('1941-05-06', 3, true), relation: '户主' }],
  });
  await switchTo(page, 'li');

  // The cadre.
  await page.goto(`${host.base}#/pairings`);
  await page.getByRole('button', { name: '新增服务人员' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('姓名').fill('张建国');
  await dialog.getByLabel('工作单位').fill('镇党政办');
  await dialog.getByLabel('电话').fill('1390000');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('电话应为 11 位手机号或带区号的座机号（如 0571-12345678）')).toBeVisible();
  await dialog.getByLabel('电话').fill('13900001111');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('heading', { name: /张建国/ })).toBeVisible();

  // The pairing, from the household's tab.
  await page.goto(`${host.base}#/ledger/household/${h.id}?tab=pairings`);
  await expect(page.getByText('这一户还没有结对帮扶干部')).toBeVisible();
  await page.getByRole('button', { name: '结对 / 更换帮扶干部' }).click();
  await choose(page, page.getByRole('dialog'), '帮扶干部', '张建国');
  // The household was registered today: the picker offers neither yesterday nor tomorrow (main refuses both).
  await page.getByRole('dialog').getByLabel('结对日期').click();
  for (const day of [dayCn(1), dayCn(-1)])
    await expect(page.locator(`.ant-picker-dropdown td[title="${day}"]`)).toHaveClass(/ant-picker-cell-disabled/);
  await expect(page.locator(`.ant-picker-dropdown td[title="${dayCn()}"]`)).not.toHaveClass(/ant-picker-cell-disabled/);
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('pairings')).toContainText('张建国');
  await expect(page.getByTestId('pairings')).toContainText('主要帮扶人');

  // A visit with a problem and aid; a bad value first.
  await page.getByRole('button', { name: '登记走访' }).click();
  const v = page.getByRole('dialog');
  await v.getByLabel('了解的情况').fill('老人独居，冬季取暖困难');
  await v.getByLabel('开展的帮扶').fill('送去棉被和慰问金');
  await v.getByRole('button', { name: '添加问题' }).click();
  await v.getByLabel('问题1').fill('屋顶漏雨');
  await v.getByRole('button', { name: '添加物资' }).click();
  await v.getByLabel('物资1', { exact: true }).fill('棉被');
  await v.getByLabel('物资1数量').fill('2');
  await v.getByLabel('物资1单位').fill('床');
  await v.getByLabel('物资1价值').fill('300.005');
  await v.getByRole('button', { name: '保存' }).click();
  await expect(v.getByText('金额最多精确到分（两位小数）')).toBeVisible();
  await v.getByLabel('物资1价值').fill('300');
  await v.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('household-visits')).toContainText('老人独居');
  await expect(page.getByTestId('household-visits')).toContainText('300.00');
  await expect(page.getByTestId('household-visits')).toContainText('屋顶漏雨（未解决）');
  await page.screenshot({ path: 'test-results/household-pairings.png', fullPage: true });

  // The card.
  await page.getByRole('button', { name: '制卡' }).click();
  await expect(page.getByTestId('cards-count')).toContainText('共 1 张（预览，尚未制卡）');
  await page.getByRole('button', { name: '制卡并打印' }).click();
  await expect(page.getByTestId('cards-ready')).toBeAttached();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  const cardNo = `${new Date().getFullYear()}-000001`;
  await expect(page.locator('.card-no')).toHaveText(cardNo);
  await printToPdf(page, 'test-results/card-cr80.pdf');
  const info = pdfInfo('test-results/card-cr80.pdf');
  expect(info.pages).toBe(2);
  expect(Math.abs(info.widthMm - 85.6)).toBeLessThan(0.5);
  expect(Math.abs(info.heightMm - 54)).toBeLessThan(0.5);
  const front = pdfText('test-results/card-cr80.pdf', 1).replace(/\s+/g, '');
  for (const s of [
    '城关镇便民服务中心',
    '便民服务卡',
    cardNo,
    '孙秀英',
    '东山村',
    '张建国',
    '13900001111',
    HOTLINE,
    '工作日8:30–17:30',
  ])
    expect(front).toContain(s.replace(/\s+/g, ''));
  const back = pdfText('test-results/card-cr80.pdf', 2).replace(/\s+/g, '');
  for (const s of ['服务事项及联系电话', '司法所', '0571-12340003', '卫生院', '0571-12340120'])
    expect(back).toContain(s);
  expect(pdfText('test-results/card-cr80.pdf').replace(/13900001111/g, '')).not.toMatch(PERSONAL_NUMBERS);
  expect(qrCode('test-results/card-cr80.pdf', 1)).toBe(cardQrText({ cardNo, cadrePhone: '13900001111' }, HOTLINE));
  pdfPictures('test-results/card-cr80.pdf', 'test-results/card-cr80', 1, 2);

  // The year's report: each pairing figure opens the cadres, households, visits or cards behind it.
  const year = new Date().getFullYear();
  await page.goto(`${host.base}#/reports?year=${year}`);
  const other = page.getByTestId('other-table');
  await expect(other).toContainText('结对干部 1 名，结对户 1 户，走访 1 次，帮扶物资折合 300.00 元，制发服务卡 1 张');
  const opens = [
    ['figure=paired', 'cadres-grid', '共 1 条', `${year}年结对帮扶的干部`],
    ['change=paired', 'households-grid', '共 1 条', `${year}年结对帮扶的户`],
    ['figure=visits', 'visits-grid', '共 1 条，帮扶物资折合 300.00 元', null],
    ['figure=issued', 'cards-grid', '共 1 条', `${year}年制发的卡（含已作废）`],
  ] as const;
  for (const [href, grid, count, tag] of opens) {
    await other.locator(`a[href*="${href}"]`).first().click();
    await expect(page.getByTestId(grid).getByTestId('row-count')).toHaveText(count);
    if (tag) await expect(page.getByTestId('year-figure')).toHaveText(`年度统计：${tag}`);
    if (grid === 'visits-grid') await page.screenshot({ path: 'test-results/year-visits.png' });
    await page.goBack();
  }

  const db = ledgerFile(host.db, { readonly: true });
  expect(db.prepare('SELECT count(*) AS n FROM card_printings').get()).toEqual({ n: 1 });
  expect(db.prepare('SELECT sum(value_fen) AS fen FROM visit_aid').get()).toEqual({ fen: 30000 });
  db.close();
  expect(csp).toEqual([]);
});

test('a whole area on A4: ten cards a sheet with crop marks, backs mirrored, every QR code decodes', async ({
  page,
}) => {
  const area = await setUp(page);
  const cadre = await api<{ id: number }>(host, 'cadres.save', {
    name: '王干事',
    unit: '民政办',
    partyMember: true,
    phone: '13900002222',
  });
  const names = ['赵一', '钱二', '孙三', '李四', '周五', '吴六', '郑七', '王八', '冯九', '陈十', '褚十一', '卫十二'];
  for (const [i, name] of names.entries()) {
    const h = await api<{ id: number }>(host, 'households.create', {
      areaId: area.id,
      members: [{ name, idNumber: idNumberFor('1950-01-01', i + 10, false), relation: '户主' }],
    });
    if (i % 2 === 0)
      await api(host, 'pairings.start', {
        householdId: h.id,
        cadreId: cadre.id,
        role: 'primary',
        fromDate: dayCn(), // not before the household and the cadre were registered, today
      });
  }
  await page.goto(`${host.base}#/cards`);
  await choose(page, page, '村/社区筛选', '东山村');
  await page.getByRole('button', { name: '打印本村/社区全部在册户' }).click();
  await expect(page.getByTestId('cards-count')).toContainText('A4 每页 10 张，共 12 张');
  // Half of them have no 帮扶干部 yet: the preview says so, and 制卡 asks before their cards print 待确定.
  await expect(page.getByRole('alert').filter({ hasText: '等 6 户尚未结对帮扶干部' })).toBeVisible();
  await page.getByRole('button', { name: '制卡并打印' }).click();
  const asked = page.getByRole('dialog').filter({ hasText: '有户尚未结对帮扶干部' });
  await expect(asked).toContainText('卡上将印“帮扶干部：待确定”');
  await page.waitForTimeout(400); // the dialog's opening animation, for the picture only
  await page.screenshot({ path: 'test-results/cards-unpaired.png' });
  await asked
    .getByRole('button', { name: '取 消' })
    .or(asked.getByRole('button', { name: '取消' }))
    .click();
  await expect(asked).toBeHidden();
  expect(await api<{ total: number }>(host, 'cards.list', {})).toMatchObject({ total: 0 }); // nothing issued unasked
  await page.getByRole('button', { name: '制卡并打印' }).click();
  await asked.getByRole('button', { name: '仍要制卡' }).click();
  await expect(page.getByTestId('cards-ready')).toBeAttached();
  await printToPdf(page, 'test-results/cards-a4.pdf');
  const info = pdfInfo('test-results/cards-a4.pdf');
  expect([info.pages, Math.round(info.widthMm), Math.round(info.heightMm)]).toEqual([4, 210, 297]);
  const sheet = pdfText('test-results/cards-a4.pdf', 1);
  const year = new Date().getFullYear();
  const onSheet = names.filter((n) => sheet.includes(n));
  expect(onSheet).toHaveLength(10);
  const numbers: string[] = sheet.match(new RegExp(`${year}-\\d{6}`, 'g')) ?? [];
  expect(new Set(numbers).size).toBe(10);
  expect(sheet).not.toMatch(ID_NUMBERS); // a cadre's phone is on the card by design; ID numbers never
  expect(pdfText('test-results/cards-a4.pdf', 2)).toContain('服务事项及联系电话');
  // The ten QR codes of the first sheet, slot by slot: each holds its own card's number, the hotline and its cadre's
  // phone.
  const db = ledgerFile(host.db, { readonly: true });
  const cards = db
    .prepare(
      `SELECT sc.card_no AS cardNo, c.phone AS cadrePhone
        FROM service_cards sc
        LEFT JOIN cadres c ON c.id = sc.cadre_id
        ORDER BY sc.card_no`,
    )
    .all() as { cardNo: string; cadrePhone: string | null }[];
  expect(db.prepare('SELECT count(*) AS n FROM card_printings WHERE format = ?').get('a4')).toEqual({ n: 12 });
  db.close();
  SLOTS.forEach((slot, i) =>
    expect(qrCode('test-results/cards-a4.pdf', 1, slot), `slot ${i + 1}`).toBe(cardQrText(cards[i], HOTLINE)),
  );
  pdfPictures('test-results/cards-a4.pdf', 'test-results/cards-a4', 1, 2);

  // A pairing that ends after the preview was read: main refuses, the page reads the households again, and the next
  // 制卡 asks about them as they are now.
  const west = await api<{ id: number }>(host, 'areas.save', { name: '西山村' });
  const h = await api<{ id: number }>(host, 'households.create', {
    areaId: west.id,
    members: [{ name: '蒋十三', idNumber: idNumberFor('1950-01-01', 30, false), relation: '户主' }],
  });
  const paired = await api<{ current: { id: number }[] }>(host, 'pairings.start', {
    householdId: h.id,
    cadreId: cadre.id,
    role: 'primary',
    fromDate: dayCn(),
  });
  await page.goto(`${host.base}#/cards`); // leaves the print route, so that the next one is a print of its own
  await expect(page.getByRole('button', { name: '打印本村/社区全部在册户' })).toBeVisible();
  await page.goto(`${host.base}#/print/cards?ids=${h.id}&format=cr80`);
  await expect(page.getByTestId('cards-count')).toContainText('共 1 张（预览，尚未制卡）');
  await api(host, 'pairings.end', { id: paired.current[0].id, toDate: dayCn(), reason: '干部调离' });
  await page.getByRole('button', { name: '制卡并打印' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '蒋十三尚未结对帮扶干部' }).first()).toBeVisible();
  await page.getByRole('button', { name: '制卡并打印' }).click();
  await expect(asked).toContainText('蒋十三尚未结对帮扶干部');
  await asked
    .getByRole('button', { name: '取 消' })
    .or(asked.getByRole('button', { name: '取消' }))
    .click();
  const issued = ledgerFile(host.db, { readonly: true });
  expect(issued.prepare('SELECT count(*) AS n FROM service_cards WHERE household_id = ?').get(h.id)).toEqual({ n: 0 });
  issued.close();
});
