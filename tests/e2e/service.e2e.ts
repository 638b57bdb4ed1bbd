// 群众服务 at the counter: a wish taken, accepted by the reviewer, its 心愿墙 printed (PDF read back: names masked,
// no ID or phone), claimed by a party member and a unit, fulfilled with a photo; a suggestion answered on the spot,
// and another handled after its working-day deadline (on 首页 as overdue first).
import fs from 'node:fs';

import { expect, test } from '@playwright/test';

import type { Host } from './host';
import { pdfPicture, pdfText, PERSONAL_NUMBERS, printToPdf } from './pdf';
import { api, choose, dayCn, firstStartAsAdmin, hostPerTest, switchTo, watchCsp } from './session';

let host: Host;
hostPerTest((h) => (host = h));

async function setUp(page: import('@playwright/test').Page) {
  await firstStartAsAdmin(page, host);
  await api(host, 'settings.save', {
    name: '城关镇便民服务中心',
    address: '城关镇人民路1号',
    hotline: '0571-12345678',
    officeHours: '工作日 8:30–17:30',
    idleLockMinutes: 15,
  });
  for (const [username, displayName, role] of [
    ['li', '李窗口', 'clerk'],
    ['zhao', '赵审核', 'reviewer'],
  ])
    await api(host, 'staff.create', { username, displayName, password: 'staff-pass-1', roles: [role] });
  await api(host, 'areas.save', { name: '东山村' });
  await api(host, 'cadres.save', {
    name: '王党员',
    kind: 'member',
    unit: '县供电公司',
    reportedOn: dayCn(30),
    post: '扶贫帮困',
  });
}

test('a wish: taken at the counter, accepted, on the 心愿墙 masked, claimed by a group, fulfilled with a photo', async ({
  page,
}) => {
  const csp = watchCsp(page);
  await setUp(page);
  // The admin adds a service post: it is offered at once as a wish's category.
  await page.goto(`${host.base}#/settings/choices`);
  await page.getByLabel('新的服务岗位').fill('助老助残');
  await page.getByLabel('新的服务岗位').press('Enter');
  await expect(page.getByRole('switch', { name: '助老助残在用' })).toBeChecked();
  await page.screenshot({ path: 'test-results/settings-choices.png' });
  await switchTo(page, 'li');
  await page.goto(`${host.base}#/service/wishes`);
  await expect(page.getByText('还没有心愿。点 登记心愿')).toBeVisible();

  await page.getByRole('button', { name: '登记心愿' }).click();
  const d = page.getByRole('dialog');
  await d.getByLabel('心愿人', { exact: true }).fill('张秀英');
  await d.getByLabel('电话', { exact: true }).fill('13912345678');
  await choose(page, d, '村/社区', '东山村');
  await d.getByLabel('心愿内容').fill('希望有人帮忙修一下漏雨的屋顶');
  await d.getByLabel('心愿类别', { exact: true }).click();
  await expect(page.locator('.ant-select-item-option', { hasText: '助老助残' })).toBeVisible();
  await choose(page, d, '心愿类别', '扶贫帮困');
  await d.getByRole('button', { name: '登记' }).click();
  await expect(page.getByRole('heading', { name: /张秀英的心愿.*待审定/ })).toBeVisible();
  await expect(page.getByRole('button', { name: '审定' })).toBeDisabled();
  const wishUrl = page.url();

  // The reviewer decides: a deadline before the decision is refused at its field.
  await switchTo(page, 'zhao');
  await page.goto(wishUrl);
  await page.getByRole('button', { name: '审定' }).click();
  await d.getByLabel('服务标准').fill('一周内更换破损瓦片，确保不再漏雨');
  const due = d.getByLabel('完成期限');
  await due.click();
  await due.fill(dayCn(1));
  await due.press('Enter');
  await d.getByRole('button', { name: '确定' }).click();
  await expect(d.getByText(/完成期限不能早于审定日期/)).toBeVisible();
  await due.click();
  await due.fill(dayCn(-7));
  await due.press('Enter');
  await d.getByRole('button', { name: '确定' }).click();
  await expect(page.getByRole('heading', { name: /待认领/ })).toBeVisible();

  // The 心愿墙 on A4: the wish is there, the name masked, no phone or ID number anywhere.
  await page.goto(`${host.base}#/print/wall`);
  await expect(page.locator('.sheet h1')).toHaveText('微心愿墙');
  await printToPdf(page, 'test-results/wish-wall.pdf');
  pdfPicture('test-results/wish-wall.pdf', 'test-results/wish-wall');
  const text = pdfText('test-results/wish-wall.pdf');
  expect(text).toContain('张*英');
  expect(text).toContain('希望有人帮忙修'); // a long wish wraps inside its cell
  expect(text).toContain(dayCn(-7));
  expect(text).not.toContain('张秀英');
  expect(text).not.toMatch(PERSONAL_NUMBERS);

  // Claimed by a party member and a unit together.
  await page.goto(`${host.base}#/`);
  await switchTo(page, 'li');
  await page.goto(wishUrl);
  await page.getByRole('button', { name: '认领' }).click();
  await choose(page, d, '认领的服务人员', '王党员');
  await d.getByLabel('认领单位').fill('县供电公司');
  await d.getByLabel('认领单位').press('Enter');
  await d.getByRole('button', { name: '认领' }).click();
  await expect(page.getByRole('heading', { name: /已认领/ })).toBeVisible();
  await expect(page.getByText('王党员（')).toBeVisible();

  // Fulfilled with a photo, shown on the page.
  // The photo: a real PNG (a corner of this very page, as Chromium draws it).
  fs.mkdirSync('test-results', { recursive: true });
  fs.writeFileSync('test-results/roof.png', await page.screenshot({ clip: { x: 0, y: 0, width: 320, height: 200 } }));
  await page.getByRole('button', { name: '登记实现' }).click();
  await d.getByLabel('完成情况').fill('更换瓦片 40 片，屋顶不再漏雨');
  await d.getByLabel('折合价值（元，可不填）').fill('350');
  await d.getByLabel('照片', { exact: true }).setInputFiles('test-results/roof.png');
  await expect(d.getByText('roof.png')).toBeVisible();
  await d.getByRole('button', { name: '登记' }).click();
  await expect(page.getByRole('heading', { name: /已实现/ })).toBeVisible();
  await expect(page.getByAltText('心愿实现照片')).toBeVisible();
  await expect(page.getByTestId('timeline')).toContainText('实现：更换瓦片 40 片');
  await expect(page.getByTestId('timeline')).toContainText('认领：县供电公司');
  await page.screenshot({ path: 'test-results/wish-page.png', fullPage: true });

  // In the grid with the claimers and the value; the phone masked.
  await page.goto(`${host.base}#/service/wishes`);
  const grid = page.getByTestId('wishes-grid');
  await expect(grid).toContainText('王党员、县供电公司');
  await expect(grid).toContainText('139****5678');
  await expect(grid).toContainText('350.00');
  expect(csp).toEqual([]);
});

test('suggestions: one answered on the spot; one past its working-day deadline shows on 首页, then is answered', async ({
  page,
}) => {
  await setUp(page);
  await switchTo(page, 'li');
  await page.goto(`${host.base}#/service/suggestions`);
  await expect(page.getByText('还没有意见建议')).toBeVisible();
  const d = page.getByRole('dialog');

  await page.getByRole('button', { name: '登记意见建议' }).click();
  await d.getByLabel('意见建议内容').fill('低保政策怎么申请？需要哪些材料？');
  await choose(page, d, '类别', '政策咨询');
  await choose(page, d, '村/社区', '东山村');
  await d.getByLabel('立即答复（当场答复并办结）').click();
  await d.getByRole('button', { name: '登记' }).click();
  await expect(d.getByText('请填写答复内容')).toBeVisible();
  await d.getByLabel('答复内容').fill('已当场讲解低保申请条件，并发放材料清单');
  await d.getByLabel('已解决').check();
  await d.getByRole('button', { name: '登记' }).click();
  await expect(page.getByRole('heading', { name: /意见建议 1.*已办结/ })).toBeVisible();
  await expect(page.getByTestId('timeline')).toContainText('立即答复：已当场讲解低保申请条件');

  // Collected three weeks ago and given two working days: overdue.
  await page.goto(`${host.base}#/service/suggestions`);
  await page.getByRole('button', { name: '登记意见建议' }).click();
  await d.getByLabel('意见建议内容').fill('村口路灯坏了，晚上出行不便');
  await choose(page, d, '类别', '基础设施');
  await choose(page, d, '村/社区', '东山村');
  const collected = d.getByLabel('收集日期');
  await collected.click();
  await collected.fill(dayCn(21));
  await collected.press('Enter');
  await d.getByRole('button', { name: '登记' }).click();
  await expect(page.getByRole('heading', { name: /意见建议 2.*待交办/ })).toBeVisible();
  const suggestionUrl = page.url();
  await page.getByRole('button', { name: '交办' }).click();
  await d.getByLabel('承办人或部门').fill('村委会');
  const assigned = d.getByLabel('交办日期');
  await assigned.click();
  await assigned.fill(dayCn(21));
  await assigned.press('Enter');
  await d.getByLabel('办理时限（工作日）').fill('2');
  await d.getByLabel('办理时限（工作日）').press('Enter'); // keyboard entry: Enter in a field submits the dialog
  await expect(page.getByRole('heading', { name: /办理中.*超期 \d+ 天/ })).toBeVisible();

  await page.goto(`${host.base}#/`);
  await expect(page.getByTestId('overdue-suggestions')).toContainText('村口路灯坏了');
  await page.screenshot({ path: 'test-results/home-overdue.png', fullPage: true });

  await page.goto(suggestionUrl);
  await page.getByRole('button', { name: '答复办结' }).click();
  await d.getByLabel('答复内容').fill('已更换路灯灯泡');
  await d.getByLabel('已解决').check();
  await d.getByRole('button', { name: '办结' }).click();
  await expect(page.getByRole('heading', { name: /已办结.*超期办结 \d+ 天/ })).toBeVisible();
  await page.goto(`${host.base}#/`);
  await expect(page.getByTestId('overdue-suggestions')).toContainText('没有超期的意见建议');
});
