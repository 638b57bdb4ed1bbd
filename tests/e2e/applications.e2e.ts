// A 临时救助 case at the counter: registered with a material missing → receipt and notice PDFs → investigated →
// reviewed → 公示 (list PDF without ID or phone numbers) → approved by a third person → waits for payment.
import { expect, test } from '@playwright/test';

import { idNumberFor } from '../../main/demo/fictional';
import { type Host, ledgerFile, startHost } from './host';
import { pdfInfo, pdfPicture, pdfText, PERSONAL_NUMBERS, printToPdf } from './pdf';
import { api, choose, dayCn, firstStartAsAdmin, noticeBegan, setUpCenter, switchTo } from './session';

let host: Host;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  expect(await host.stop()).toBe(0);
});

test('register with a missing material, print receipt and notice, review, publicize, approve', async ({ page }) => {
  await firstStartAsAdmin(page, host);
  const area = await api<{ id: number }>(host, 'areas.save', { name: '东山村' });
  await setUpCenter(host, { address: '城关镇人民路1号' });
  const h = await api<{ id: number }>(host, 'households.create', {
    areaId: area.id,
    phone: '13800001234',
    members: [
      { name: '王火生', idNumber: idNumberFor('1958-06-01', 7, false), relation: '户主', phone: '13800001234' },
    ],
  });

  // The admin sees the kinds and the holidays calendar that drive the deadlines.
  await page.goto(`${host.base}#/settings/kinds`);
  await expect(page.getByRole('cell', { name: '└ 临时救助（急难型）' })).toBeVisible();
  await page.screenshot({ path: 'test-results/settings-kinds.png' });
  await page.goto(`${host.base}#/settings/holidays`);
  await page.getByRole('spinbutton').fill('2026');
  await expect(page.getByRole('cell', { name: '2026-01-01（四）' })).toBeVisible();
  await page.screenshot({ path: 'test-results/settings-holidays.png' });

  // The clerk accepts the case from the household page.
  await switchTo(page, 'li');
  await page.goto(`${host.base}#/ledger/household/${h.id}`);
  await page.getByRole('tab', { name: '救助申请' }).click();
  await page.getByRole('button', { name: '受理申请' }).click();
  await expect(page.getByRole('heading', { name: '受理救助申请' })).toBeVisible();
  await choose(page, page, '救助类别', '临时救助（急难型）');
  await page.getByLabel('申请金额（元）').fill('3,000');
  await page.getByLabel('申请事由').fill('房屋失火，生活无着');
  for (const m of ['申请书', '身份证复印件', '户口簿复印件']) await page.getByLabel(m).check();
  await page.getByRole('button', { name: '受理', exact: true }).click();
  const heading = page.getByRole('heading', { name: /受理编号 \d{4}-00001 · 王火生/ });
  await expect(heading).toBeVisible();
  await expect(page.getByTestId('days-left')).toHaveText('剩 10 个工作日');
  await expect(page.getByText('事故或急难情况证明', { exact: true })).toBeVisible();
  await expect(page.getByTestId('next-step')).toContainText('还缺 事故或急难情况证明');
  const no = /(\d{4}-00001)/.exec((await heading.textContent())!)![1];
  const caseId = Number(/#\/applications\/(\d+)/.exec(page.url())![1]);

  // 受理回执 and 一次性告知单 as PDFs.
  await page.getByRole('button', { name: '受理回执' }).click();
  await expect(page.getByRole('heading', { name: '受理回执' })).toBeVisible();
  await printToPdf(page, 'test-results/receipt.pdf');
  const receipt = pdfText('test-results/receipt.pdf');
  expect(receipt).toContain(no);
  expect(receipt).toMatch(/受\s*理\s*回\s*执/);
  expect(receipt).toContain('0571-12345678');
  expect(receipt).toMatch(/户口簿复印件/);
  expect(receipt).toMatch(/办结时限\s+\d{4}年\d{1,2}月\d{1,2}日前/);
  expect(receipt).not.toMatch(PERSONAL_NUMBERS);
  const a5 = pdfInfo('test-results/receipt.pdf');
  expect(Math.abs(a5.widthMm - 148)).toBeLessThan(1);
  expect(Math.abs(a5.heightMm - 210)).toBeLessThan(1);
  pdfPicture('test-results/receipt.pdf', 'test-results/receipt');
  await page.getByRole('button', { name: '返回' }).click();
  await page.getByRole('button', { name: '一次性告知单' }).click();
  await expect(page.getByRole('heading', { name: '一次性告知单' })).toBeVisible();
  await printToPdf(page, 'test-results/notice.pdf');
  const notice = pdfText('test-results/notice.pdf');
  expect(notice).toMatch(/第\s*1\s*项\s+事故或急难情况证明/);
  expect(notice).not.toContain('户口簿复印件');
  pdfPicture('test-results/notice.pdf', 'test-results/notice');
  await page.getByRole('button', { name: '返回' }).click();

  // The clerk records the home visit; the clerk may not review it.
  await page.getByRole('button', { name: '入户调查' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByPlaceholder('调查人一').fill('李窗口');
  await dialog.getByPlaceholder('调查人二').fill('村干部孙六');
  await dialog.getByLabel('调查情况').fill('房屋主体烧毁，暂住亲戚家');
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(page.getByRole('heading', { name: /已调查/ })).toBeVisible();
  await expect(page.getByRole('button', { name: '审核' })).toHaveCount(0);

  // The reviewer reviews and starts the 公示 today; a day already past is refused.
  await switchTo(page, 'zhao');
  await page.goto(`${host.base}#/applications`);
  await page.getByTestId('applications-grid').getByText(no).dblclick();
  await page.getByRole('button', { name: '审核' }).click();
  await page.getByRole('dialog').getByLabel('审核意见').fill('情况属实，建议给予临时救助');
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await page.getByRole('button', { name: '开始公示' }).click();
  const picker = page.getByRole('dialog').getByLabel('公示开始日期');
  await picker.click();
  await picker.fill(dayCn(8));
  await picker.press('Enter'); // Enter confirms the date; the dialog's button submits
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(page.getByRole('dialog').getByText('公示开始日期不能早于今天')).toBeVisible();
  await picker.click();
  await picker.fill(dayCn());
  await picker.press('Enter');
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(page.getByRole('heading', { name: /公示中/ })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/application-case.png', fullPage: true });

  // The 公示 list: names and amounts, no ID or phone numbers.
  await page.goto(`${host.base}#/print/publicity?area=${area.id}`);
  await expect(page.getByRole('heading', { name: '救助对象公示名单' })).toBeVisible();
  await printToPdf(page, 'test-results/publicity.pdf');
  const list = pdfText('test-results/publicity.pdf');
  expect(list).toContain('王火生');
  expect(list).toContain('3,000.00');
  expect(list).not.toMatch(PERSONAL_NUMBERS);
  expect(list).not.toContain('13800001234');
  expect(pdfInfo('test-results/publicity.pdf').pages).toBe(1);
  pdfPicture('test-results/publicity.pdf', 'test-results/publicity');

  // Seven days later (moved in the ledger file: the host runs on the real clock), the approver decides.
  await page.getByRole('button', { name: '返回' }).click();
  noticeBegan(host, caseId, 8);
  await switchTo(page, 'qian');
  await page.goto(`${host.base}#/applications`);
  await page.getByTestId('applications-grid').getByText(no).dblclick();
  await page.getByRole('button', { name: '审批通过' }).click();
  await page.getByRole('dialog').getByLabel('批准金额（元）').fill('2,000');
  // A material is still missing: 审批 needs a 容缺受理 reason, kept on the step.
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(page.getByRole('dialog').getByText('请填写容缺受理理由，或先登记收到的材料')).toBeVisible();
  await page.getByRole('dialog').getByLabel('容缺受理理由').fill('事故证明由村委会三日内补交');
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(page.getByRole('heading', { name: /已审批待发放/ })).toBeVisible();
  await expect(page.getByText('批准金额 2,000.00 元')).toBeVisible();

  const db = ledgerFile(host.db, { readonly: true });
  expect(db.prepare('SELECT state, approved_fen AS fen FROM applications').get()).toEqual({
    state: 'approved',
    fen: 200000,
  });
  expect(db.prepare(`SELECT group_concat(action, ',') AS steps FROM application_steps`).get()).toEqual({
    steps: 'register,investigate,review,publicize,approve',
  });
  db.close();
});

test('a rejected case prints its 不予批准通知书 with the reason', async ({ page }) => {
  await firstStartAsAdmin(page, host);
  const area = await api<{ id: number }>(host, 'areas.save', { name: '西河村' });
  for (const [username, role] of [
    ['li', 'clerk'],
    ['zhao', 'reviewer'],
    ['qian', 'approver'],
  ])
    await api(host, 'staff.create', {
      username,
      displayName: `员工${username}`,
      password: 'staff-pass-1',
      roles: [role],
    });
  const h = await api<{ id: number; members: { id: number }[] }>(host, 'households.create', {
    areaId: area.id,
    members: [{ name: '陈有车', idNumber: idNumberFor('1970-03-03', 9, false), relation: '户主' }],
  });
  // The same session as the page: each step signs in as the person who may take it.
  const as = (username: string) => api(host, 'session.signIn', { username, password: 'staff-pass-1' });
  await as('li');
  const a = await api<{ id: number; acceptanceNo: string }>(host, 'applications.register', {
    householdId: h.id,
    personId: h.members[0].id,
    kindCode: 'temporary_relief_expense',
    reason: '医疗支出大',
    amount: '4000',
    materials: [],
  });
  await api(host, 'applications.investigate', {
    id: a.id,
    investigators: ['员工li', '村干部'],
    visitedOn: dayCn(), // the host's day in China time: the UTC date is the day before from 16:00 UTC on
    findings: '家有小汽车一辆',
  });
  await as('zhao');
  await api(host, 'applications.review', { id: a.id, opinion: '不符合条件' });
  await as('qian');
  await page.goto(`${host.base}#/applications/${a.id}`);
  await page.reload(); // the session changed behind the page's back: let it read who is signed in
  await expect(page.getByTestId('signed-in')).toContainText('员工qian');
  await page.getByRole('button', { name: '不予批准' }).click();
  await page.getByRole('dialog').getByLabel('不予批准的理由').fill('家庭拥有机动车辆，不符合临时救助条件');
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(page.getByRole('heading', { name: /不予批准/ })).toBeVisible();
  await page.getByRole('button', { name: '不予批准通知书' }).click();
  await expect(page.getByRole('heading', { name: '不予批准通知书' })).toBeVisible();
  await printToPdf(page, 'test-results/rejection.pdf');
  const text = pdfText('test-results/rejection.pdf');
  expect(text).toContain(a.acceptanceNo);
  expect(text).toContain('家庭拥有机动车辆，不符合临时救助条件');
  expect(text).toMatch(/陈有车/);
  expect(text).not.toMatch(PERSONAL_NUMBERS);
  const a4 = pdfInfo('test-results/rejection.pdf');
  expect([Math.round(a4.widthMm), Math.round(a4.heightMm), a4.pages]).toEqual([210, 297, 1]);
  pdfPicture('test-results/rejection.pdf', 'test-results/rejection');
});
