// 年度救助统计 on screen and on paper: the numbers equal an independent SQL query over the ledger file, a number opens
// the payments (households, applications) behind it with the same total; the 工作总结's 主要做法, 存在问题 and
// 下一步打算 are drafted from the figures, read-only to a clerk, edited, redrafted and saved by the admin; the A4 PDF
// carries the summary paragraph and the saved sections in order before the 附表, and the chart is looked at.
import { expect, test } from '@playwright/test';

import { idNumberFor } from '../../main/demo/fictional';
import { formatYuan } from '../../shared/domain/money';
import type { Host } from './host';
import { ledgerFile } from './host';
import { pdfInfo, pdfPictures, pdfText, printToPdf } from './pdf';
import { api, approvedCase, dayCn, firstStartAsAdmin, hostPerTest, setUpCenter, watchCsp } from './session';

let host: Host;
hostPerTest((h) => (host = h));

const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
const today = () => dayCn();

/** What the report must show, asked of the ledger file directly. */
function fromLedger(file: string) {
  const db = ledgerFile(file, { readonly: true });
  try {
    const span = [`${year}-01-01`, `${year}-12-31`];
    const kind = (code: string) =>
      db
        .prepare(
          `SELECT count(DISTINCT person_id) AS persons, count(*) AS times, coalesce(sum(amount_fen), 0) AS fen
            FROM payments p
            JOIN relief_kinds k ON k.code = p.kind_code
            WHERE coalesce(k.parent_code, k.code) = ? AND paid_on BETWEEN ? AND ? AND reverses_id IS NULL`,
        )
        .get(code, ...span) as { persons: number; times: number; fen: number };
    const net = (
      db.prepare('SELECT sum(signed_fen) AS fen FROM payments WHERE paid_on BETWEEN ? AND ?').get(...span) as {
        fen: number;
      }
    ).fen;
    return { temporary: kind('temporary_relief'), medical: kind('medical_relief'), net };
  } finally {
    db.close();
  }
}

test('the report screen equals the ledger; a number opens its payments; the 工作总结 is saved; the A4 PDF carries both', async ({
  page,
}) => {
  const csp = watchCsp(page);
  await firstStartAsAdmin(page, host);
  await setUpCenter(host, { idleLockMinutes: 30 });
  const east = await api<{ id: number }>(host, 'areas.save', { name: '东山村' });
  const west = await api<{ id: number }>(host, 'areas.save', { name: '西河村' });
  const as = (username: string) => api(host, 'session.signIn', { username, password: 'staff-pass-1' });
  const people = [
    ['张一', east.id],
    ['王二', east.id],
    ['赵三', west.id],
  ] as const;
  const hs = [];
  for (const [i, [name, areaId]] of people.entries())
    hs.push(
      await api<{ id: number; members: { id: number }[] }>(host, 'households.create', {
        areaId,
        members: [{ name, idNumber: idNumberFor('1955-02-02', i + 1, false), relation: '户主' }],
      }),
    );
  const payIds: number[] = [];
  // 临时救助 by 先行救助: 张一 twice (different reasons), 王二 once; then one payment reversed.
  for (const [h, amount, reason] of [
    [hs[0], '1,000', '火灾'],
    [hs[1], '2,500', '水灾'],
    [hs[0], '800', '疾病'],
  ] as const) {
    await as('li');
    const a = await api<{ id: number }>(host, 'applications.register', {
      householdId: h.id,
      personId: h.members[0].id,
      kindCode: 'temporary_relief_urgent',
      reason,
      amount,
      materials: [],
    });
    await as('qian');
    await api(host, 'applications.urgentApprove', { id: a.id, amount, reason: '急难' });
    await as('li');
    payIds.push(
      (
        await api<{ id: number }>(host, 'payments.pay', {
          applicationId: a.id,
          amount,
          method: 'cash',
          paidOn: today(),
        })
      ).id,
    );
  }
  // 医疗救助 for 赵三 through the whole workflow.
  const medical = { householdId: hs[2].id, personId: hs[2].members[0].id, kindCode: 'medical_relief' };
  const m = { id: await approvedCase(host, { ...medical, reason: '住院', amount: '6,000' }) };
  await api(host, 'payments.reverse', { id: payIds[2], reason: '重复申领' });
  await as('li');
  await api(host, 'payments.pay', { applicationId: m.id, amount: '6,000', method: 'cash', paidOn: today() });

  const want = fromLedger(host.db);
  expect([want.temporary.persons, want.temporary.times, want.temporary.fen, want.medical.fen, want.net]).toEqual([
    2, 3, 430000, 600000, 950000,
  ]);

  await page.goto(`${host.base}#/reports?year=${year}`);
  const kinds = page.getByTestId('kind-table');
  const row = (name: string) => kinds.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
  await expect(row('临时救助').getByRole('cell')).toHaveText([
    '临时救助',
    String(want.temporary.persons),
    '2',
    String(want.temporary.times),
    formatYuan(want.temporary.fen),
    '0.43',
    '0.00',
    '新增',
  ]);
  await expect(row('医疗救助（大病）').getByRole('cell').nth(4)).toHaveText(formatYuan(want.medical.fen));
  await expect(row('本年冲正').getByRole('cell').nth(4)).toHaveText('-800.00');
  await expect(row('合计（净发放）').getByRole('cell').nth(4)).toHaveText(formatYuan(want.net));
  const summary = (await page.getByTestId('report-summary').textContent())!;
  expect(summary).toBe(
    `${year}年，共为2人发放临时救助，1人发放医疗救助（大病），合计惠及3人、3户，全年发放救助资金10,300.00元（1.03万元）。` +
      `本年冲正1笔、800.00元，净发放9,500.00元（0.95万元）。全年受理救助申请4件，批准4件，不予批准0件；审结的4件中按时办结4件，按时办结率100.0%。`,
  );
  await expect(page.getByTestId('month-chart').locator('svg')).toBeVisible();
  await page.screenshot({ path: 'test-results/report-screen.png', fullPage: true });

  // 临时救助's amount opens its payments; the grid's own total is that amount, with the same persons and households.
  await row('临时救助')
    .getByRole('link', { name: formatYuan(want.temporary.fen) })
    .click();
  await expect(page.getByTestId('payments-grid').getByTestId('row-count')).toHaveText(
    `共 3 条，2 人、2 户，合计 ${formatYuan(want.temporary.fen)} 元`,
  );
  await page.goBack();
  await row('本年冲正').getByRole('link', { name: '-800.00' }).click();
  await expect(page.getByTestId('payments-grid').getByTestId('row-count')).toContainText(
    '共 1 条，1 人、1 户，合计 -800.00 元',
  );
  // The registry and application figures open the households and applications behind them.
  await page.goBack();
  const other = page.getByTestId('other-table');
  await expect(other).toContainText('新纳入 3 户，退出 0 户，年末在册 3 户');
  await other.locator('a[href*="change=entered"]').click();
  await expect(page.getByTestId('year-figure')).toHaveText(`年度统计：${year}年新纳入的户`);
  await expect(page.getByTestId('households-grid').getByTestId('row-count')).toHaveText('共 3 条');
  await page.screenshot({ path: 'test-results/report-drill-households.png' });
  await page.goBack();
  await other.locator('a[href*="tally=approved"]').click();
  await expect(page.getByTestId('year-figure')).toHaveText(`年度统计：${year}年批准的申请`);
  await expect(page.getByTestId('applications-grid').getByTestId('row-count')).toHaveText('共 4 条');

  // 工作总结: a clerk reads the drafts and may not save them; the admin edits, redrafts one section and saves.
  // (The API calls above signed the page's session in as 李窗口: a reload shows the page as the clerk's.)
  await page.goBack();
  await page.reload();
  await expect(page.getByTestId('signed-in')).toContainText('李窗口');
  const card = page.getByTestId('year-summary');
  const box = (label: string) => card.getByRole('textbox', { name: label, exact: true });
  const practices =
    '（一）救助申请办理。全年入户调查1件，张榜公示1件，对急难情形先行救助3件。\n（二）救助资金发放。全年发放救助资金4笔。';
  await expect(box('主要做法')).toHaveValue(`${practices}\n（请补充本中心的具体做法、创新举措和典型事例。）`);
  await expect(box('存在问题')).toHaveValue(
    '（台账数据未反映出办理超时、群众不满意或走访超期等问题，请据实填写存在的问题。）',
  );
  await expect(box('下一步打算')).toHaveValue('（请结合本地实际，补充下一年度的工作打算。）');
  await expect(card.getByText('按数据起草，尚未保存')).toHaveCount(3);
  await expect(card.getByText('工作总结由审核人、审批人或管理员填写保存')).toBeVisible();
  await expect(card.getByRole('button', { name: '保存工作总结' })).toHaveCount(0);
  await expect(box('存在问题')).toBeDisabled();
  await api(host, 'session.signIn', { username: 'admin', password: 'admin-pass-1' });
  await page.reload();
  await box('主要做法').fill(`${practices}\n（三）推行“一窗受理”，群众办事只进一扇门。`);
  await box('存在问题').fill('个别村救助政策宣传不够到位。\n窗口高峰时段群众等候时间较长。');
  await box('下一步打算').fill('随手写的，不要了');
  await card.getByRole('button', { name: '按数据重新起草下一步打算' }).click();
  await expect(box('下一步打算')).toHaveValue('（请结合本地实际，补充下一年度的工作打算。）');
  await box('下一步打算').fill('（一）完善办理时限提醒。\n（二）做实政策宣传进村入户。');
  await card.getByRole('button', { name: '保存工作总结' }).click();
  await expect(page.getByText('工作总结已保存')).toBeVisible();
  await expect(card.getByText(/^已保存：王管理 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)).toHaveCount(3);
  await card.screenshot({ path: 'test-results/report-summary-card.png' });

  // The A4 工作总结: its four sections, then the statistics as 附表 on their own pages.
  await page.goto(`${host.base}#/print/report?year=${year}`);
  await expect(page.getByRole('heading', { name: `${year}年度工作总结` })).toBeVisible();
  await expect(page.getByTestId('month-chart').locator('svg')).toBeVisible();
  await printToPdf(page, 'test-results/annual-report.pdf');
  const info = pdfInfo('test-results/annual-report.pdf');
  expect([Math.round(info.widthMm), Math.round(info.heightMm)]).toEqual([210, 297]);
  const text = pdfText('test-results/annual-report.pdf').replace(/\s+/g, '');
  expect(text).toContain(summary.replace(/\s+/g, ''));
  const order = [
    '一、基本情况',
    '二、主要做法',
    '（一）救助申请办理。全年入户调查1件，张榜公示1件，对急难情形先行救助3件。',
    '（三）推行“一窗受理”，群众办事只进一扇门。',
    '三、存在问题',
    '个别村救助政策宣传不够到位。',
    '窗口高峰时段群众等候时间较长。',
    '四、下一步打算',
    '（一）完善办理时限提醒。',
    '（二）做实政策宣传进村入户。',
    `附：${year}年度救助统计表`,
    '附表1按救助类别',
    '附表2按村/社区',
    '附表3按月份',
  ];
  const at = order.map((s) => text.indexOf(s));
  expect(
    at.every((i, k) => i >= 0 && (k === 0 || i > at[k - 1])),
    `in order: ${order.join(' ')} at ${at}`,
  ).toBe(true);
  expect(text).not.toContain('随手写的');
  expect(text).not.toContain('（请');
  for (const s of ['城关镇便民服务中心', '制表人：', '审核人：', '本年冲正', '合计（净发放）'])
    expect(text).toContain(s);
  // The 附表 begin on a page of their own.
  const annexPage = Array.from({ length: info.pages }, (_, i) => i + 1).find((n) =>
    pdfText('test-results/annual-report.pdf', n).includes('附表1'),
  )!;
  expect(pdfText('test-results/annual-report.pdf', annexPage).replace(/\s+/g, '')).not.toContain('四、下一步打算');
  pdfPictures('test-results/annual-report.pdf', 'test-results/annual-report', 1, info.pages);
  expect(csp).toEqual([]);
});
