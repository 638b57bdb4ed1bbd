// 年度救助统计 on screen and on paper: the numbers equal an independent SQL query over the ledger file, a number opens
// the payments (households, applications) behind it with the same total, the A4 PDF carries the summary paragraph, and
// the chart is looked at.
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

test('the report screen equals the ledger; a number opens its payments; the A4 PDF carries the paragraph', async ({
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

  // The A4 report.
  await page.goto(`${host.base}#/print/report?year=${year}`);
  await expect(page.getByRole('heading', { name: `${year}年度救助统计表` })).toBeVisible();
  await expect(page.getByTestId('month-chart').locator('svg')).toBeVisible();
  await printToPdf(page, 'test-results/annual-report.pdf');
  const info = pdfInfo('test-results/annual-report.pdf');
  expect([Math.round(info.widthMm), Math.round(info.heightMm)]).toEqual([210, 297]);
  const text = pdfText('test-results/annual-report.pdf').replace(/\s+/g, '');
  expect(text).toContain(summary.replace(/\s+/g, ''));
  for (const s of [
    '城关镇便民服务中心',
    '一、按救助类别',
    '二、按村/社区',
    '三、按月份',
    '制表人：',
    '审核人：',
    '本年冲正',
    '合计（净发放）',
  ])
    expect(text).toContain(s);
  pdfPictures('test-results/annual-report.pdf', 'test-results/annual-report', 1, info.pages);
  expect(csp).toEqual([]);
});
