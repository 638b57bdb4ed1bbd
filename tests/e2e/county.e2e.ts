// 县级上报 at the counter: the admin loads the county's enrolment file under 设置, the first push sends the demo year
// to a real PostgreSQL, the offline file downloads encrypted as 第 1 批 and is listed until acknowledged, and the
// county's 回执 loads. The county's server is started for this test.
import fs from 'node:fs';
import path from 'node:path';

import { expect, test } from '@playwright/test';

import { makeReceipt } from '../../main/county/receipt';
import { enrolTownship, migrateCounty } from '../../main/county/store';
import { DEMO_PASSWORD } from '../../main/demo/year';
import { type Postgres, startPostgres } from '../unit/postgres';
import { startHost, tempDir } from './host';
import { signIn } from './session';

let pgs: Postgres;
test.beforeAll(async () => {
  pgs = await startPostgres();
  const c = await pgs.admin();
  await migrateCounty(c);
  await c.end();
});
test.afterAll(async () => {
  await pgs.stop();
});

test('the admin enrols the township with the county file, pushes, and exports the offline file', async ({ page }) => {
  test.setTimeout(120_000);
  const c = await pgs.admin();
  const reach = { url: pgs.townshipUrl, ca: pgs.ca }; // over TLS, the server's certificate checked
  const enrolment = await enrolTownship(c, '青山县民政局', reach, { code: '330122100000', name: '青山镇' });
  const host = await startHost({ args: ['--demo'] });
  try {
    await page.goto(host.url);
    await signIn(page, 'admin', DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: '设置' }).click();
    await page.getByRole('tab', { name: '县级上报' }).click();
    await expect(page.getByText('本台账还没有登记到县级汇总')).toBeVisible();
    await page.screenshot({ path: 'test-results/county-not-enrolled.png' });

    // A file that is not the county's: refused, nothing kept.
    await page.getByTestId('county-enrolment-file').setInputFiles({
      name: 'note.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"hello": 1}'),
    });
    await expect(page.getByTestId('county-problem')).toContainText('不是县民政局发放的登记文件');
    await expect(page.getByText('本台账还没有登记到县级汇总')).toBeVisible();

    // The file's key opens with the code the county's screen showed: a wrong one is refused at the field.
    await page.getByTestId('county-enrolment-file').setInputFiles({
      name: '青山镇登记文件.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(enrolment.file)),
    });
    await page.getByLabel('验证码', { exact: true }).fill('ABCDE-FGHJK');
    await page.getByRole('button', { name: '载入', exact: true }).click();
    await expect(page.getByText(/验证码不对.*还可再试 4 次/)).toBeVisible();
    await page.screenshot({ path: 'test-results/county-wrong-code.png' });
    await page.getByLabel('验证码', { exact: true }).fill(enrolment.oneTimeCode.toLowerCase());
    await page.getByRole('button', { name: '载入', exact: true }).click();
    await expect(page.getByText('青山县民政局')).toBeVisible();
    await expect(page.getByText('青山镇（330122100000）')).toBeVisible();
    const waiting = Number(await page.getByTestId('county-backlog').textContent());
    expect(waiting).toBeGreaterThan(1000);
    await expect(page.getByText('还没有上报过')).toBeVisible();

    // Offline first: the file downloads encrypted as 第 1 批, listed until the county acknowledges it.
    const dir = tempDir();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出离线报送文件' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^青山镇离线报送第1批-\d{8}\.bmcarry$/);
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 20).toString()).toBe('BMCARRY1330122100000');
    await expect(page.getByTestId('county-carried')).toContainText('第 1 批');
    await page.screenshot({ path: 'test-results/county-carried.png' });

    // The push acknowledges it too.
    await page.getByRole('button', { name: '立即上报' }).click();
    await expect(page.getByText('已上报到县里')).toBeVisible();
    await expect(page.getByTestId('county-backlog')).toHaveText('0');
    await expect(page.getByTestId('county-carried')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/county-pushed.png' });
    const { rows } = await c.query(
      `SELECT count(*) AS n
        FROM county.payments p
        JOIN county.townships t ON t.ledger_id = p.ledger_id
        WHERE t.code = '330122100000'`,
    );
    expect(Number(rows[0].n)).toBeGreaterThan(100);

    // The county's 回执, loaded under 设置: it says what the push said already.
    const receipt = await makeReceipt(c, '330122100000');
    await page.getByTestId('county-receipt-file').setInputFiles({
      name: receipt.fileName,
      mimeType: 'application/json',
      buffer: Buffer.from(receipt.text),
    });
    await expect(page.getByText(/县里已收到第 \d+ 条变动/)).toBeVisible();
  } finally {
    await c.end();
    expect(await host.stop()).toBe(0);
  }
});
