// 矛盾纠纷调解 at the counter: a dispute between two neighbours registered (the same ID twice refused at its field),
// a session recorded and its 调解笔录 printed, concluded by its mediator with a written agreement, the 人民调解协议书
// printed (IDs masked for a clerk, whole for an admin; PDFs read back and looked at), and a follow-up recorded.
import { expect, test } from '@playwright/test';

import { idNumberFor } from '../../main/demo/fictional';
import type { StaffRow } from '../../shared/schemas/staff';
import type { Host } from './host';
import { ID_NUMBERS, pdfPicture, pdfText, PERSONAL_NUMBERS, printToPdf } from './pdf';
import { api, choose, dayCn, firstStartAsAdmin, hostPerTest, setUpCenter, signIn, switchTo, watchCsp } from './session';

let host: Host;
hostPerTest((h) => (host = h));

const ID_A = idNumberFor('1966-05-08', 21, false);
const ID_B = idNumberFor('1972-10-03', 22, true);
const masked = (id: string) => `${id.slice(0, 4)}**********${id.slice(-4)}`;

test('neighbours: registered, mediated, a written agreement printed, followed up', async ({ page }) => {
  const csp = watchCsp(page);
  await firstStartAsAdmin(page, host);
  await setUpCenter(host, {
    address: '城关镇人民路1号',
    staff: [
      ['li', '李窗口', 'clerk'],
      ['zhou', '周调解', 'clerk'],
    ],
  });
  await api(host, 'areas.save', { name: '东山村' });
  const mediator = await api<{ id: number }>(host, 'cadres.save', {
    name: '周调解',
    kind: 'village',
    unit: '东山村委',
  });
  // The admin links 周调解's account to the 服务人员 on the staff screen.
  await page.goto(`${host.base}#/settings/staff`);
  await page.getByRole('row', { name: /zhou/ }).getByRole('button', { name: '修改' }).click();
  const d = page.getByRole('dialog');
  await choose(page, d, '服务人员档案', '周调解');
  await d.getByRole('button', { name: /确\s*定|保\s*存/ }).click();
  await expect(page.getByRole('row', { name: /zhou.*周调解/ })).toBeVisible();
  const staff = await api<StaffRow[]>(host, 'staff.list', {});
  expect(staff.find((s) => s.username === 'zhou')!.cadreId).toBe(mediator.id);

  await page.goto(`${host.base}#/`);
  await switchTo(page, 'li');
  await page.goto(`${host.base}#/service/disputes`);
  await expect(page.getByText('还没有矛盾纠纷。')).toBeVisible();
  await page.getByRole('button', { name: '登记纠纷' }).click();
  await choose(page, d, '纠纷类型', '邻里纠纷');
  await choose(page, d, '村/社区', '东山村');
  const party = (n: number) => d.getByTestId(`party-${n}`);
  await party(0).getByLabel('当事人姓名').fill('张大山');
  await party(0).getByLabel('当事人身份证号').fill(ID_A);
  await party(0).getByLabel('当事人电话').fill('13912345678');
  await party(0).getByLabel('当事人住址').fill('东山村 3 组 12 号');
  await party(1).getByLabel('当事人姓名').fill('李小河');
  await party(1).getByLabel('当事人身份证号').fill(ID_A);
  await party(1).getByLabel('当事人电话').fill('13887654321');
  await d.getByLabel('涉及人数').fill('4');
  await d.getByLabel('涉及金额（元，可不填）').fill('3,500');
  await choose(page, d, '调解员', '周调解');
  await d.getByLabel('纠纷事实及争议事项').fill('两家共用的排水沟堵塞，雨水漫入张家院内，双方多次争吵。');
  await d.getByRole('button', { name: '登记', exact: true }).click();
  // The same person on both sides is refused at the second party's ID field; nothing is written.
  await expect(party(1).getByText(/身份证号相同/)).toBeVisible();
  await party(1).getByLabel('当事人身份证号').fill(ID_B);
  await d.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByRole('heading', { name: /矛盾纠纷 1.*调解中/ })).toBeVisible();
  await expect(page.getByRole('cell', { name: masked(ID_A) })).toBeVisible();
  // The admin who registered it may close it (as may the clerk who registers one, or its mediator).
  await expect(page.getByRole('button', { name: '办结' })).toBeEnabled();
  const disputeUrl = page.url();

  // A session, and its 调解笔录 on A4: parties, mediator, what was said; no ID number.
  await page.getByRole('button', { name: '记录调解' }).click();
  await d.getByLabel('调解经过（各方陈述）').fill('张大山：雨水漫进院子，要求对方疏通。\n李小河：排水沟是两家共用的。');
  await d.getByLabel('调解意见（调解员提出的方案）').fill('两家共同出资疏通排水沟。');
  await d.getByLabel('记录人').fill('李窗口');
  await d.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('第 1 次')).toBeVisible();
  await page.getByRole('button', { name: '打印笔录' }).click();
  await expect(page.locator('.sheet h1')).toHaveText('调解笔录');
  await printToPdf(page, 'test-results/dispute-record.pdf');
  pdfPicture('test-results/dispute-record.pdf', 'test-results/dispute-record');
  const record = pdfText('test-results/dispute-record.pdf');
  for (const s of [
    '调解笔录',
    '张大山',
    '李小河',
    '周调解',
    '李窗口',
    '雨水漫进院子',
    '两家共同出资疏通排水沟',
    '记录人（签名）',
  ])
    expect(record).toContain(s);
  expect(record).not.toMatch(PERSONAL_NUMBERS);

  // Its mediator concludes it with a written agreement.
  await page.goto(`${host.base}#/`);
  await switchTo(page, 'zhou');
  await page.goto(disputeUrl);
  await page.getByRole('button', { name: '办结' }).click();
  await d
    .getByLabel('协议内容（双方达成的条款）')
    .fill('一、李小河于本月底前疏通排水沟；\n二、疏通费用由两家各承担一半。');
  await d.getByLabel('履行方式、时限和地点').fill('双方自行履行，东山村调委会监督。');
  await d.getByRole('button', { name: '办结' }).click();
  await expect(page.getByRole('heading', { name: /调解成功/ })).toBeVisible();
  const year = dayCn(0).slice(0, 4); // the year of 办结 in China time
  await expect(page.getByText(`（${year}）调字第 001 号`).first()).toBeVisible();

  // The 协议书 as a clerk prints it: IDs and phones masked.
  await page.getByRole('button', { name: '打印协议书' }).click();
  await expect(page.locator('.sheet h1')).toHaveText('人民调解协议书');
  await printToPdf(page, 'test-results/dispute-agreement.pdf');
  pdfPicture('test-results/dispute-agreement.pdf', 'test-results/dispute-agreement');
  const agreement = pdfText('test-results/dispute-agreement.pdf');
  for (const s of [
    `（${year}）调字第 001 号`,
    '申请人',
    '张大山',
    '被申请人',
    '李小河',
    '李小河于本月底前疏通排水沟',
    '东山村调委会监督',
    '一式三份',
    `${year}年`,
    '人民调解委员会（印章）',
    masked(ID_A),
  ])
    expect(agreement.replace(/\s+/g, '')).toContain(s.replace(/\s+/g, ''));
  expect(agreement).not.toMatch(PERSONAL_NUMBERS);
  // The admin's print carries the whole ID numbers the layout needs.
  await page.goto(`${host.base}#/`);
  await page.getByRole('button', { name: '退出登录' }).click();
  await signIn(page, 'admin', 'admin-pass-1');
  await expect(page.getByTestId('signed-in')).toBeVisible();
  await page.goto(`${host.base}#/print/agreement/1`);
  await expect(page.locator('.sheet h1')).toHaveText('人民调解协议书');
  await printToPdf(page, 'test-results/dispute-agreement-admin.pdf');
  const whole = pdfText('test-results/dispute-agreement-admin.pdf');
  expect(whole).toMatch(ID_NUMBERS);
  expect(whole).toContain(ID_B);

  // 回访 at the counter; the grid shows it, with the totals of what it lists.
  await page.goto(`${host.base}#/`);
  await switchTo(page, 'li');
  await page.goto(disputeUrl);
  await page.getByRole('button', { name: '回访' }).click();
  // The dialog is ready once its opening has set today's date: a click before that may land on a form not yet there.
  await expect(d.getByLabel('回访日期')).not.toHaveValue('');
  await d.getByLabel('已履行').check();
  await d.getByLabel('回访情况').fill('排水沟已疏通，两家和好');
  await d.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('followups')).toContainText('已履行排水沟已疏通，两家和好');
  await page.screenshot({ path: 'test-results/dispute-page.png', fullPage: true });
  await page.goto(`${host.base}#/service/disputes`);
  const grid = page.getByTestId('disputes-grid');
  await expect(grid.getByText('张大山、李小河')).toBeVisible();
  await expect(grid.getByText('已履行')).toBeVisible();
  await expect(page.getByText('涉及 4 人，涉及金额 3,500.00 元')).toBeVisible();
  await page.screenshot({ path: 'test-results/disputes-grid.png' });
  expect(csp).toEqual([]);
});
