// Money at the counter: a 临时救助 case approved (先行救助) and paid in cash with its receipt; a monthly batch made by
// the clerk, approved and posted by the approver; one payment reversed; the totals on screen move with the ledger.
// Then a 120-row roster printed to PDF and read back page by page.
import { expect, type Page, test } from '@playwright/test';

import { idNumberFor } from '../../main/demo/fictional';
import { amountInWords, formatYuan } from '../../shared/domain/money';
import { buildEntitlements } from '../bench/payments';
import { buildRegistry } from '../bench/registry';
import type { Host } from './host';
import { ledgerFile } from './host';
import { pdfInfo, pdfPicture, pdfPictures, pdfText, PERSONAL_NUMBERS, printToPdf } from './pdf';
import {
  api,
  approvedCase,
  COUNTER_STAFF,
  dayCn,
  firstStartAsAdmin,
  hostPerTest,
  setUpCenter,
  switchTo,
  watchCsp,
} from './session';

let host: Host;
hostPerTest((h) => (host = h));

const today = () => dayCn();
const thisMonth = () => today().slice(0, 7);

/** The net total of the ledger, as an independent SQL query over the file. */
function ledgerTotal(file: string, where = '1'): number {
  const db = ledgerFile(file, { readonly: true });
  try {
    return (
      db.prepare(`SELECT coalesce(sum(signed_fen), 0) AS fen FROM payments WHERE ${where}`).get() as { fen: number }
    ).fen;
  } finally {
    db.close();
  }
}

async function gridSummary(page: Page, testId: string): Promise<string> {
  const count = page.getByTestId(testId).getByTestId('row-count');
  await expect(count).toContainText('合计');
  return (await count.textContent())!;
}

/** A monthly case (高龄津贴) carried to approval. */
const approvedMonthly = (h: { id: number; members: { id: number }[] }, amount: string, reason: string) =>
  approvedCase(host, { householdId: h.id, personId: h.members[0].id, kindCode: 'elderly_allowance', reason, amount });

test('pay a 临时救助 case in cash and print its receipt; post a monthly batch; reverse a payment; totals follow', async ({
  page,
}) => {
  const csp = watchCsp(page);
  await firstStartAsAdmin(page, host);
  await setUpCenter(host, { address: '城关镇人民路1号' });
  const area = await api<{ id: number }>(host, 'areas.save', { name: '东山村' });
  const household = (name: string, n: number) =>
    api<{ id: number; members: { id: number }[] }>(host, 'households.create', {
      areaId: area.id,
      account: `62170000000000${String(n).padStart(5, '0')}`,
      phone: '13800001234',
      members: [{ name, idNumber: idNumberFor('1948-03-01', n, n % 2 === 0), relation: '户主' }],
    });
  const fire = await household('王火生', 1);
  const old = [await household('周老一', 2), await household('吴老二', 3), await household('郑老三', 4)];

  // 先行救助 by the approver, in the UI.
  await switchTo(page, 'li');
  const a = await api<{ id: number; acceptanceNo: string }>(host, 'applications.register', {
    householdId: fire.id,
    personId: fire.members[0].id,
    kindCode: 'temporary_relief_urgent',
    reason: '房屋失火，生活无着',
    amount: '1,500',
    materials: ['申请书'],
  });
  await switchTo(page, 'qian');
  await page.goto(`${host.base}#/applications/${a.id}`);
  await page.getByRole('button', { name: '先行救助' }).click();
  await page.getByRole('dialog').getByLabel('批准金额（元）').fill('1,500');
  await page.getByRole('dialog').getByLabel('先行救助理由').fill('火灾当日急需生活费');
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(page.getByRole('heading', { name: /已审批待发放/ })).toBeVisible();

  // The clerk pays it in cash; a bad amount first gets its message at the field.
  await switchTo(page, 'li');
  await page.goto(`${host.base}#/applications/${a.id}`);
  await expect(page.getByTestId('case-payments')).toContainText('待发 1,500.00 元');
  await page.getByRole('button', { name: '发放', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('发放金额（元）').fill('1500.005');
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(dialog.getByText('金额最多精确到分（两位小数）')).toBeVisible();
  expect(ledgerTotal(host.db)).toBe(0);
  await dialog.getByLabel('发放金额（元）').fill('1,500.00');
  await dialog.getByLabel('现金（窗口领取）').check();
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(page.getByRole('heading', { name: '救助金发放收据' })).toBeVisible();
  await printToPdf(page, 'test-results/payment-receipt.pdf');
  const receipt = pdfText('test-results/payment-receipt.pdf');
  for (const s of [
    '救助金发放收据',
    '城关镇便民服务中心',
    '王火生',
    '临时救助（急难型）',
    '¥1,500.00',
    '人民币壹仟伍佰元整',
    '现金',
    '领款人签字（手印）',
    '李窗口',
  ])
    expect(receipt).toContain(s);
  expect(receipt).not.toMatch(PERSONAL_NUMBERS);
  const size = pdfInfo('test-results/payment-receipt.pdf');
  expect([size.pages, Math.round(size.widthMm), Math.round(size.heightMm)]).toEqual([1, 148, 210]);
  pdfPicture('test-results/payment-receipt.pdf', 'test-results/payment-receipt');
  await page.getByRole('button', { name: '返回' }).click();
  await expect(page.getByRole('heading', { name: /已发放/ })).toBeVisible();
  expect(ledgerTotal(host.db)).toBe(150000);

  // Three monthly cases; the clerk sets one entitlement in the UI, the others through the API.
  const monthly = [
    await approvedMonthly(old[0], '200', '高龄独居'),
    await approvedMonthly(old[1], '150', '失能'),
    await approvedMonthly(old[2], '180', '孤寡'),
  ];
  await api(host, 'session.signIn', { username: 'li', password: 'staff-pass-1' });
  for (const id of monthly.slice(1))
    await api(host, 'entitlements.save', { applicationId: id, startMonth: thisMonth(), endMonth: null });
  await page.goto(`${host.base}#/applications/${monthly[0]}`);
  await page.getByRole('button', { name: '设置按月发放' }).click();
  // The dialog opens on this month as 起发月份 (a value, not a grey placeholder); OK saves it and closes.
  await expect(page.getByRole('dialog').getByText(thisMonth(), { exact: true })).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('case-payments')).toContainText(`每月 200.00 元，${thisMonth()} 起`);

  // The clerk makes the month's batch.
  await page.goto(`${host.base}#/payments/batches`);
  await page.getByRole('button', { name: '新建发放批次' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '生成名单' }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`发放批次 草稿 \\d+ · ${thisMonth()}`) })).toBeVisible();
  await expect(page.getByTestId('batch-count')).toHaveText('3');
  await expect(page.getByTestId('batch-total')).toHaveText('530.00');
  await expect(page.getByRole('button', { name: '审批并过账' })).toHaveCount(0); // a clerk cannot approve
  const batchUrl = page.url();

  // The approver posts it.
  await switchTo(page, 'qian');
  await page.goto(batchUrl);
  await page.getByRole('button', { name: '审批并过账' }).click();
  await expect(page.getByRole('dialog')).toContainText('伍佰叁拾元整');
  await page.getByRole('dialog').getByRole('button', { name: '审批并过账' }).click();
  await expect(
    page.getByRole('heading', { name: new RegExp(`发放批次 ${today().slice(0, 4)}-001 · ${thisMonth()}`) }),
  ).toBeVisible();
  await expect(page.getByTestId('batch-lines')).toContainText('已过账');
  await page.screenshot({ path: 'test-results/batch-posted.png', fullPage: true });
  expect(ledgerTotal(host.db)).toBe(150000 + 53000);

  // The payments grid of this month: its total is the ledger's.
  await page.goto(`${host.base}#/payments`);
  expect(await gridSummary(page, 'payments-grid')).toContain(`合计 ${formatYuan(ledgerTotal(host.db))} 元`);
  await expect(page.getByTestId('payments-grid').getByTestId('row-count')).toContainText('共 4 条');

  // Reverse 吴老二's payment: a new row, the total drops by 150.00.
  await page.getByTestId('payments-grid').getByText('吴老二').dblclick();
  await page.getByRole('button', { name: '冲正' }).click();
  await page.getByRole('dialog').getByLabel('冲正原因').fill('重复申领，已由县级发放');
  await page.getByRole('dialog').getByRole('button', { name: '冲正' }).click();
  await expect(page.getByRole('heading', { name: /冲正记录/ })).toBeVisible();
  await expect(page.getByTestId('payment-amount')).toHaveText('-150.00');
  expect(ledgerTotal(host.db)).toBe(150000 + 53000 - 15000);
  await page.goto(`${host.base}#/payments`);
  expect(await gridSummary(page, 'payments-grid')).toContain('合计 1,880.00 元');
  await expect(page.getByTestId('payments-grid').getByTestId('row-count')).toContainText('共 5 条');
  await page.screenshot({ path: 'test-results/payments-grid.png', fullPage: true });

  // The household's own tab shows its payment and reversal, netting to zero.
  await page.goto(`${host.base}#/ledger/household/${old[1].id}`);
  await page.getByRole('tab', { name: '发放记录' }).click();
  expect(await gridSummary(page, 'household-payments')).toContain('共 2 条，合计 0.00 元');

  // The check screen agrees with every batch.
  await page.goto(`${host.base}#/payments/check`);
  await expect(page.getByText('全部相符')).toBeVisible();
  expect(csp).toEqual([]);
});

test('a roster of 120 rows: seven A4 pages, header and subtotal on each, grand total in figures and 大写 on the last', async ({
  page,
}) => {
  await firstStartAsAdmin(page, host);
  await setUpCenter(host, { staff: COUNTER_STAFF.filter(([u]) => u !== 'zhao') });
  // 120 households with entitlements, written into the running ledger (WAL lets the host read them at once).
  const db = ledgerFile(host.db);
  db.pragma('busy_timeout = 5000');
  buildRegistry(db, 360);
  buildEntitlements(db, 120, 2);
  db.close();
  await api(host, 'session.signIn', { username: 'li', password: 'staff-pass-1' });
  const batch = await api<{ id: number; rowCount: number; totalFen: number }>(host, 'payroll.create', {
    month: thisMonth(),
    kindCode: null,
  });
  expect(batch.rowCount).toBe(120);
  await api(host, 'session.signIn', { username: 'qian', password: 'staff-pass-1' });
  await api(host, 'payroll.approve', { id: batch.id });

  await page.goto(`${host.base}#/print/roster/${batch.id}`);
  await expect(page.getByText('第 7 页 / 共 7 页')).toBeVisible();
  // The signature column is the widest, room for a name and a thumbprint (a class clash once made it vanish).
  const widths: Record<string, number> = await page.evaluate(() =>
    Object.fromEntries(
      Array.from(document.querySelectorAll('table.roster')[0].querySelectorAll('th')).map((th) => [
        th.textContent,
        th.getBoundingClientRect().width,
      ]),
    ),
  );
  expect(Math.max(...Object.values(widths))).toBe(widths['签字（手印）']);
  expect(widths['签字（手印）']).toBeGreaterThan(widths['备注'] * 2);
  await printToPdf(page, 'test-results/roster-120.pdf');
  const info = pdfInfo('test-results/roster-120.pdf');
  expect([info.pages, Math.round(info.widthMm), Math.round(info.heightMm)]).toEqual([7, 210, 297]);
  let subtotals = 0;
  for (let p = 1; p <= 7; p++) {
    const text = pdfText('test-results/roster-120.pdf', p);
    const flat = text.replace(/\s+/g, ''); // pdftotext drops or adds spaces between Chinese and digits
    expect(flat, `page ${p}`).toContain(
      '2026年11月补贴发放花名册'.replace(
        '2026年11月',
        `${Number(thisMonth().slice(0, 4))}年${Number(thisMonth().slice(5))}月`,
      ),
    );
    expect(flat, `page ${p}: the header row`).toContain(
      '序号村/社区姓名身份证号救助类别金额账号后四位签字（手印）备注',
    );
    expect(flat).toContain(`第${p}页/共7页`);
    const [, people, amount] = /本页小计：(\d+) 人\s+([\d,]+\.\d\d)/.exec(text)!;
    expect(Number(people)).toBe(p < 7 ? 18 : 12);
    subtotals += Math.round(Number(amount.replace(/,/g, '')) * 100);
    expect(flat.includes('合计：120人')).toBe(p === 7);
    expect(text).not.toMatch(PERSONAL_NUMBERS);
  }
  expect(subtotals).toBe(batch.totalFen);
  const last = pdfText('test-results/roster-120.pdf', 7);
  expect(last.replace(/\s+/g, '')).toContain(`合计：120人${formatYuan(batch.totalFen)}`);
  expect(last.replace(/\s/g, '')).toContain(`合计金额（大写）：人民币${amountInWords(batch.totalFen)}`);
  expect(batch.totalFen).toBe(ledgerTotal(host.db, `batch_id = ${batch.id}`));
  pdfPictures('test-results/roster-120.pdf', 'test-results/roster-120', 1, 7);
});
