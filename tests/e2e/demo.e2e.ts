// `npm start -- --demo`: a township's year to look at. Every menu opens on rows (screenshots in test-results/demo-*),
// the year report prints; and three new staff walk one 临时救助 case from 受理 to 发放 with nothing but 首页's
// queues and the case page's next-step line to guide them.
import { expect, type Page, test } from '@playwright/test';

import { DEMO_PASSWORD, demoYear } from '../../main/demo/year';
import { dateCn } from '../../shared/domain/time';
import { type Host, ledgerFile, startHost } from './host';
import { pdfInfo, pdfPicture, pdfText, printToPdf } from './pdf';
import { choose, MENUS, noticeBegan, signIn, switchTo, watchCsp } from './session';

const DEMO_ADMIN = { username: 'admin', password: DEMO_PASSWORD };

let host: Host;
test.beforeEach(async () => {
  host = await startHost({ args: ['--demo'] });
});
test.afterEach(async () => {
  expect(await host.stop()).toBe(0);
});

test('the demo year: accounts on the sign-in screen, every menu with rows, the year report printed', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const csp = watchCsp(page);
  expect(host.stderr()).toMatch(/已填入演示数据（全部虚构）.*件救助申请/);
  await page.goto(host.url);
  await expect(page.getByTestId('demo-accounts')).toContainText(`密码均为 ${DEMO_PASSWORD}`);
  await page.screenshot({ path: 'test-results/demo-signin.png' });
  await signIn(page, 'admin', DEMO_PASSWORD);
  await expect(page.getByTestId('signed-in')).toContainText('周建华');
  for (const [i, menu] of MENUS.entries()) {
    await page.getByRole('menuitem', { name: menu }).click();
    await expect(page.locator('.ant-layout-content > *').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    // A grid that shows a count shows rows. Not 数据导入 (the demo imports no file: its history says what to do), nor
    // 补贴发放, which opens on this month: on its first days the month may have no payment yet.
    const count = page.getByTestId('row-count').first();
    if (!['数据导入', '补贴发放'].includes(menu) && (await count.count()))
      await expect(count).toHaveText(/共 [1-9][\d,]* 条/);
    await expect(page.getByText('无显示行')).toHaveCount(0);
    await page.screenshot({ path: `test-results/demo-${i + 1}-${menu}.png`, fullPage: true });
  }
  await page.getByRole('menuitem', { name: '首页' }).click();
  await expect(page.getByTestId('my-queues')).toBeVisible();
  await expect(page.getByTestId('overdue')).toBeVisible();

  // The year report of the demo's year: its paragraph on screen and on paper. (The host runs on the real clock; the
  // demo's full year is this one from July on, else the last.)
  await page.goto(`${host.base}#/reports?year=${demoYear(dateCn(new Date()))}`);
  const summary = (await page.getByTestId('report-summary').textContent())!;
  expect(summary).toMatch(/^\d{4}年，共为\d+人发放临时救助/);
  await page.screenshot({ path: 'test-results/demo-report-screen.png', fullPage: true });
  // A figure of the wishes section opens the grid of exactly the wishes it counts.
  const fulfilled = page.getByTestId('wishes-category-table').locator('tr.total td').nth(4);
  const n = (await fulfilled.textContent())!;
  await fulfilled.getByRole('link').click();
  await expect(page.getByTestId('year-figure')).toContainText('实现');
  await expect(page.getByTestId('row-count').first()).toHaveText(`共 ${n} 条`);
  await page.screenshot({ path: 'test-results/demo-wishes-drill.png', fullPage: true });
  await page.goBack();
  await page.getByRole('button', { name: '打印报表' }).click();
  // The print view reads the report itself: printed once its heading and chart are drawn.
  await expect(page.getByRole('heading', { name: /年度救助统计表/ })).toBeVisible();
  await expect(page.getByTestId('month-chart').locator('svg')).toBeVisible();
  await printToPdf(page, 'test-results/demo-report.pdf');
  const text = pdfText('test-results/demo-report.pdf').replace(/\s+/g, '');
  expect(text).toContain(summary.slice(0, 30).replace(/\s+/g, ''));
  pdfPicture('test-results/demo-report.pdf', 'test-results/demo-report');

  // A whole village's cards as one PDF written by main: issued, recorded and downloaded in one click.
  await page.getByRole('button', { name: '返回' }).click();
  await page.getByRole('menuitem', { name: '便民服务卡' }).click();
  await expect(page.getByText('先选择村/社区，再打印该村全部在册户')).toBeVisible();
  await choose(page, page, '村/社区筛选', '东山村');
  await page.getByRole('button', { name: '打印本村/社区全部在册户' }).click();
  await expect(page.getByTestId('cards-count')).toContainText('（预览，尚未制卡）');
  await page.getByRole('button', { name: '制卡并生成 PDF' }).click();
  // The demo village has households not yet paired: the clerk is asked, and goes on.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('dialog').getByRole('button', { name: '仍要制卡' }).click(),
  ]);
  await download.saveAs('test-results/demo-cards.pdf');
  await expect(page.getByTestId('cards-pdf')).toContainText('请用 PDF 阅读器打开后打印');
  const cardCount = Number(/共 (\d+) 张/.exec((await page.getByTestId('cards-count').textContent())!)![1]);
  expect(pdfInfo('test-results/demo-cards.pdf').pages).toBe(Math.ceil(cardCount / 10) * 2);
  expect(pdfText('test-results/demo-cards.pdf', 1)).toMatch(/卡号：\s*\d{4}-\d{6}/);
  pdfPicture('test-results/demo-cards.pdf', 'test-results/demo-cards');
  await page.getByRole('button', { name: '返回' }).click();

  // Pairing from the cadre's page as well as the household's: a household still without a cadre.
  const db = ledgerFile(host.db, { readonly: true }, DEMO_ADMIN);
  const lone = db
    .prepare(
      `SELECT h.id, h.head_name AS head
        FROM households h
        WHERE h.status = 'registered' AND NOT EXISTS (SELECT 1 FROM pairings p WHERE p.household_id = h.id)
        ORDER BY h.id
        LIMIT 1`,
    )
    .get() as { id: number; head: string };
  db.close();
  await page.getByRole('menuitem', { name: '结对帮扶' }).click();
  // The demo's 帮扶干部 are 机关干部 (its party members, volunteers and grid staff serve wishes and suggestions).
  await choose(page, page, '人员类型筛选', '机关干部');
  await expect(page.getByTestId('cadres-grid')).not.toContainText('在职党员');
  await page.getByTestId('cadres-grid').locator('.ag-row').first().dblclick();
  await expect(page.locator('.ant-table-row').first()).toBeVisible(); // the cadre's households, loaded
  const pairedBefore = await page.locator('.ant-table-row').count();
  await page.getByRole('button', { name: '结对住户' }).click();
  const dialog = page.getByRole('dialog');
  // Typed, then picked from the list; again if the list was still moving when clicked (as session.ts's choose).
  const option = page.locator('.ant-select-item-option', { hasText: `户号 ${lone.id} ` });
  await expect(async () => {
    await dialog.getByLabel('住户（姓名、拼音首字母或身份证后四位）').fill(lone.head);
    await option.click({ timeout: 2000 });
    await expect(dialog).toContainText(`户号 ${lone.id} · ${lone.head}`, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await dialog.getByRole('button', { name: '结对' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('.ant-table-row')).toHaveCount(pairedBefore + 1);
  await expect(page.getByRole('link', { name: lone.head })).toBeVisible();
  expect(csp).toEqual([]);
});

/** Opens the first queue tag of 首页 named `key` and the case `no` in the grid it opens. */
async function fromQueue(page: Page, key: string, no: string): Promise<void> {
  await page.getByRole('menuitem', { name: '首页' }).click();
  await page.getByTestId(`queue-${key}`).click();
  await expect(page.getByTestId('queue-tag')).toBeVisible();
  await page.getByTestId('applications-grid').getByText(no).dblclick();
  await expect(page.getByRole('heading', { name: new RegExp(`受理编号 ${no}`) })).toBeVisible();
}

test('three new staff walk a 临时救助 case from 受理 to 发放, guided by the queues and the next step', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto(host.url);
  await signIn(page, 'admin', DEMO_PASSWORD);
  await expect(page.getByTestId('signed-in')).toBeVisible();

  // The admin adds three people; the dialog says the usual path needs three and ticks no role by itself.
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByRole('tab', { name: '工作人员' }).click();
  await expect(page.getByText('一件救助申请通常要经过三个人')).toBeVisible();
  for (const [username, name, role] of [
    ['xiaowang', '王新', '窗口人员'],
    ['xiaozhao', '赵新', '审核人'],
    ['xiaoqian', '钱新', '审批人'],
  ]) {
    await page.getByRole('button', { name: '新增工作人员' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('checkbox', { checked: true })).toHaveCount(0);
    await dialog.getByLabel('姓名').fill(name);
    await dialog.getByLabel('用户名').fill(username);
    await dialog.getByLabel('初始密码').fill('staff-pass-1');
    await dialog.getByLabel(role).check();
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toHaveCount(0);
  }

  // A household of the demo with no case this year.
  const db = ledgerFile(host.db, { readonly: true }, DEMO_ADMIN);
  const h = db
    .prepare(
      `SELECT h.id, h.head_name AS head
        FROM households h
        WHERE h.status = 'registered' AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.household_id = h.id)
        ORDER BY h.id
        LIMIT 1`,
    )
    .get() as { id: number; head: string };
  db.close();

  // The clerk accepts the case with every material, and is told the next step.
  await switchTo(page, 'xiaowang');
  await page.goto(`${host.base}#/ledger/household/${h.id}`);
  await page.getByRole('tab', { name: '救助申请' }).click();
  await page.getByRole('button', { name: '受理申请' }).click();
  await choose(page, page, '救助类别', '临时救助（急难型）');
  await page.getByLabel('申请金额（元）').fill('2,000');
  await page.getByLabel('申请事由').fill('家中失火，衣物被褥烧毁');
  for (const m of ['申请书', '身份证复印件', '户口簿复印件', '事故或急难情况证明']) await page.getByLabel(m).check();
  await page.getByRole('button', { name: '受理', exact: true }).click();
  const heading = page.getByRole('heading', { name: new RegExp(`受理编号 (\\d{4}-\\d{5}) · ${h.head}`) });
  await expect(heading).toBeVisible();
  const no = /(\d{4}-\d{5})/.exec((await heading.textContent())!)![1];
  const caseId = Number(/#\/applications\/(\d+)/.exec(page.url())![1]);
  await expect(page.getByTestId('next-step')).toContainText('入户调查');
  await page.getByRole('button', { name: '入户调查' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByPlaceholder('调查人一').fill('王新');
  await dialog.getByPlaceholder('调查人二').fill('村干部孙六');
  await dialog.getByLabel('调查情况').fill('房屋部分烧毁，情况属实');
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(page.getByTestId('next-step')).toContainText('审核人');

  // The reviewer finds it under 待审核, reviews, starts the 公示; 审批 waits for its end.
  await switchTo(page, 'xiaozhao');
  await fromQueue(page, 'review', no);
  await expect(page.getByTestId('next-step')).toContainText('审核');
  await page.getByRole('button', { name: '审核' }).click();
  await page.getByRole('dialog').getByLabel('审核意见').fill('情况属实，同意救助');
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(page.getByTestId('next-step')).toContainText('开始公示');
  await page.getByRole('button', { name: '开始公示' }).click();
  // Enter in the date field confirms the date and leaves the dialog open.
  await page.getByRole('dialog').getByLabel('公示开始日期').click();
  await page.getByRole('dialog').getByLabel('公示开始日期').press('Enter');
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(page.getByTestId('next-step')).toContainText('开始公示');
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(page.getByTestId('next-step')).toContainText('期满次日起可审批');
  await page.screenshot({ path: 'test-results/demo-walk-publicity.png', fullPage: true });

  // Seven days on (moved in the ledger: the host runs on the real clock), the approver finds it under 待审批.
  noticeBegan(host, caseId, 8);
  await switchTo(page, 'xiaoqian');
  await fromQueue(page, 'approve', no);
  await expect(page.getByTestId('next-step')).toContainText('可以审批');
  await page.getByRole('button', { name: '审批通过' }).click();
  await page.getByRole('dialog').getByLabel('批准金额（元）').fill('2,000');
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(page.getByTestId('next-step')).toContainText('发放');

  // The clerk finds it under 待发放 and pays it.
  await switchTo(page, 'xiaowang');
  await fromQueue(page, 'pay', no);
  await page.getByRole('button', { name: '发放', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(page.getByRole('heading', { name: '救助金发放收据' })).toBeVisible(); // printed at once
  await page.getByRole('button', { name: '返回' }).click();
  await expect(page.getByRole('heading', { name: /已发放/ })).toBeVisible();
  await expect(page.getByTestId('next-step')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/demo-walk-paid.png', fullPage: true });

  const check = ledgerFile(host.db, { readonly: true }, DEMO_ADMIN);
  const steps = check
    .prepare(
      `SELECT group_concat(st.action || ':' || s.username, ',') AS steps
        FROM application_steps st
        JOIN staff s ON s.id = st.staff_id
        WHERE st.application_id = ?`,
    )
    .get(caseId) as { steps: string };
  check.close();
  expect(steps.steps).toBe(
    'register:xiaowang,investigate:xiaowang,review:xiaozhao,publicize:xiaozhao,approve:xiaoqian,pay:xiaowang',
  );
});
