// Electron smoke test: runs where the Electron binary is installed; elsewhere it says why it is skipped.
import path from 'node:path';

import { _electron as electron, expect, test } from '@playwright/test';

import { electronBinary } from '../../main/electron/binary';
import { ROOT, tempDir } from './host';

const bin = electronBinary();
const WHY =
  'Electron binary is not installed here (its download is blocked; ELECTRON_SKIP_BINARY_DOWNLOAD=1 was used) — ' +
  'the web host tests cover the same app';

test('the desktop window opens the app with context isolation and no Node in the page', async () => {
  if (!bin) console.log(`skipped: ${WHY}`);
  test.skip(!bin, WHY);
  const app = await electron.launch({
    executablePath: bin!,
    args: [path.join(ROOT, 'dist/main/electron.cjs'), '--db', path.join(tempDir(), 'ledger.sqlite')],
  });
  const page = await app.firstWindow();
  await expect(page.getByText('这是一个新台账')).toBeVisible();
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  expect(
    await page.evaluate(() => typeof (window as unknown as { bianmin?: { invoke?: unknown } }).bianmin?.invoke),
  ).toBe('function');
  expect(page.url()).toMatch(/^app:\/\/bianmin\//);
  await app.close();
});
