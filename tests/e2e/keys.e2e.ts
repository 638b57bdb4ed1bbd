// Encryption at rest as the counter meets it: a plain ledger of the earlier version encrypted by its admin from the
// sign-in screen, the recovery key kept and used when the password is forgotten, and a USB backup restored on a new PC.
import fs from 'node:fs';
import path from 'node:path';

import { expect, test } from '@playwright/test';

import { isPlain } from '../../main/db/open';
import { makePlainLedger, PLAIN_PASSWORDS, PLANTED_NAME } from '../unit/plainLedger';
import { startHost, tempDir } from './host';
import { pdfPicture, pdfText, printToPdf } from './pdf';
import { api, firstStartAsAdmin, signIn, submitFirstStart } from './session';

test('the admin encrypts an old plain ledger, keeps the recovery key, and later signs in with it', async ({ page }) => {
  const dir = tempDir();
  const db = path.join(dir, 'ledger.sqlite');
  makePlainLedger(db, 30);
  const host = await startHost({ db });
  try {
    await page.goto(host.url);
    await expect(page.getByText('这个台账是旧版本保存的，没有加密')).toBeVisible();
    await expect(page.getByText('加密前会先做一份未加密的备份')).toBeVisible();
    await page.screenshot({ path: 'test-results/keys-encrypt.png' });
    const usb = tempDir();
    await page.getByLabel('管理员用户名').fill('admin');
    await page.getByLabel('密码').fill(PLAIN_PASSWORDS.admin);
    await page.getByLabel('未加密备份放到哪个文件夹').fill(path.join(usb, 'missing'));
    await page.getByRole('button', { name: '备份并加密' }).click();
    await expect(page.getByText(/文件夹不存在/)).toBeVisible();
    expect(isPlain(db)).toBe(true);
    await page.getByLabel('未加密备份放到哪个文件夹').fill(usb);
    await page.getByRole('button', { name: '备份并加密' }).click();
    await expect(page.getByText('台账已加密')).toBeVisible({ timeout: 15_000 }); // encrypting takes a few seconds
    await expect(page.getByText(usb)).toBeVisible();
    await page.screenshot({ path: 'test-results/keys-encrypted.png' });
    expect(isPlain(db)).toBe(false);
    expect(fs.readFileSync(db).includes(Buffer.from(PLANTED_NAME))).toBe(false);
    const key = (await page.getByTestId('recovery-key').textContent())!;
    await page.getByLabel('请照着打印的那一页').fill(key);
    await page.getByRole('button', { name: '核对并继续' }).click();
    await expect(page.getByTestId('signed-in')).toBeVisible();
    await page.getByRole('menuitem', { name: '台账' }).click();
    await expect(page.getByText('共 30 条')).toBeVisible();

    // The admin's password forgotten: the recovery key from the safe sets a new one.
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('button', { name: '忘记了密码？用恢复密钥登录' }).click();
    await page.getByLabel('恢复密钥').fill('AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH');
    await page.getByLabel('管理员用户名').fill('admin');
    await page.getByLabel('新密码').fill('admin-new-pass-2');
    await page.getByRole('button', { name: '设置新密码并登录' }).click();
    await expect(page.getByText(/恢复密钥不对/)).toBeVisible();
    await page.getByLabel('恢复密钥').fill(key.toLowerCase().replace(/-/g, ' '));
    await page.getByRole('button', { name: '设置新密码并登录' }).click();
    await expect(page.getByTestId('signed-in')).toBeVisible();
    await page.getByRole('button', { name: '退出登录' }).click();
    await signIn(page, 'admin', 'admin-new-pass-2');
    await expect(page.getByTestId('signed-in')).toBeVisible();

    // The page of the safe may have been seen: a new recovery key replaces it, shown once and typed back.
    await page.goto(`${host.base}#/settings/backup`);
    await expect(page.getByText('恢复密钥已核对。若那一页丢失或可能被他人看到，请生成新的。')).toBeVisible();
    await page.getByRole('button', { name: '生成新的恢复密钥' }).click();
    await page.getByRole('button', { name: '生成', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '新的恢复密钥' });
    const fresh = (await dialog.getByTestId('recovery-key').textContent())!;
    expect(fresh).not.toBe(key);
    await expect(page.getByText('生成新的恢复密钥？')).toHaveCount(0); // the confirmation has closed
    await page.screenshot({ path: 'test-results/keys-new-recovery.png' });
    await dialog.getByLabel('请照着打印的那一页').fill(key);
    await dialog.getByRole('button', { name: '核对并继续' }).click();
    await expect(dialog.getByText('输入的恢复密钥与显示的不一致，请逐组核对')).toBeVisible();
    await dialog.getByLabel('请照着打印的那一页').fill(fresh);
    await dialog.getByRole('button', { name: '核对并继续' }).click();
    await expect(page.getByText('恢复密钥已核对', { exact: true })).toBeVisible();

    // The replaced recovery key changed the data key on its own; 更换数据密钥 changes it again, with its progress.
    const card = page.getByTestId('data-key');
    await expect(card.getByText(/当前是第 2 代数据密钥/)).toBeVisible({ timeout: 15_000 });
    await card.getByRole('button', { name: '更换数据密钥' }).click();
    await expect(page.getByText('此前的备份仍用旧密钥，旧钥匙文件可打开它们；', { exact: false })).toBeVisible();
    await page.screenshot({ path: 'test-results/keys-rekey-confirm.png' });
    await page.getByRole('button', { name: '更换', exact: true }).click();
    await expect(card.getByText(/当前是第 3 代数据密钥/)).toBeVisible({ timeout: 15_000 });
    await page.screenshot({ path: 'test-results/keys-rekeyed.png' });
  } finally {
    expect(await host.stop()).toBe(0);
  }
});

test('a USB backup is restored on a new PC with a staff password, from the first-start screen', async ({ page }) => {
  const a = await startHost();
  const usb = tempDir();
  let backup: string;
  try {
    await firstStartAsAdmin(page, a);
    await api(a, 'areas.save', { name: '东山村' });
    backup = (await api<{ path: string }>(a, 'backup.create', { folder: usb })).path;
  } finally {
    expect(await a.stop()).toBe(0);
  }
  expect(fs.existsSync(backup.replace(/\.sqlite$/, '.keys'))).toBe(true);

  const b = await startHost();
  try {
    await page.goto(b.url);
    await page.getByRole('button', { name: '换了新电脑？从 U 盘备份恢复台账' }).click();
    await page.getByLabel('备份文件').fill(backup);
    await page.getByLabel('用户名').fill('admin');
    await page.getByRole('textbox', { name: '密码' }).fill('wrong-pass-1');
    await page.getByRole('button', { name: '恢复台账' }).click();
    await expect(page.getByText(/用户名或密码错误/)).toBeVisible();
    expect(fs.existsSync(b.db)).toBe(false);
    await page.getByRole('textbox', { name: '密码' }).fill('admin-pass-1');
    await page.screenshot({ path: 'test-results/keys-restore.png' });
    await page.getByRole('button', { name: '恢复台账' }).click();
    await signIn(page, 'admin', 'admin-pass-1');
    await expect(page.getByTestId('signed-in')).toContainText('王管理');
    expect((await api<{ name: string }[]>(b, 'areas.list', {})).map((x) => x.name)).toContain('东山村');
  } finally {
    expect(await b.stop()).toBe(0);
  }
});

test('first start: the recovery key prints alone on its sheet, in groups of four', async ({ page }) => {
  const host = await startHost();
  try {
    await page.goto(host.url);
    await submitFirstStart(page);
    const key = (await page.getByTestId('recovery-key').textContent())!;
    expect(key).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    // What 打印恢复密钥 prints: the sheet, and nothing of the form around it.
    await page.evaluate(() => document.body.classList.add('print-recovery'));
    const pdf = 'test-results/keys-recovery-sheet.pdf';
    await printToPdf(page, pdf);
    await page.evaluate(() => document.body.classList.remove('print-recovery'));
    pdfPicture(pdf, 'test-results/keys-recovery-sheet');
    const text = pdfText(pdf).replace(/\s+/g, '');
    expect(text).toContain(key);
    expect(text).toContain('台账恢复密钥');
    expect(text).not.toContain('核对并继续');
    expect(text).not.toContain('恢复密钥只显示这一次');
    await page.getByLabel('请照着打印的那一页').fill(key);
    await page.getByRole('button', { name: '核对并继续' }).click();
    await expect(page.getByTestId('signed-in')).toContainText('王管理'); // in, with no second sign-in
    expect(pdfText(pdf).replace(/\s+/g, '')).toContain('城关镇便民服务中心·台账恢复密钥'); // the name just typed
  } finally {
    expect(await host.stop()).toBe(0);
  }
});
