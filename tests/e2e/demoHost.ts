// The demo year's host for the e2e passes that walk every screen (keyboard, row clicks, layout): one host per file,
// signing in as a demo account over whatever the test before left, and opening a route by its address.
import { expect, type Page, test } from '@playwright/test';

import { DEMO_PASSWORD, demoYear } from '../../main/demo/year';
import { dateCn } from '../../shared/domain/time';
import { type Host, startHost } from './host';
import { signIn } from './session';

/** The demo's full year (the host runs on the real clock). */
export const YEAR = demoYear(dateCn(new Date()));

/** Starts a --demo host before the file's tests and stops it after; the getter answers it once started. */
export function useDemoHost(): () => Host {
  let host: Host;
  test.beforeAll(async () => {
    host = await startHost({ args: ['--demo'] });
  });
  test.afterAll(async () => {
    expect(await host.stop()).toBe(0);
  });
  return () => host;
}

export async function signInAs(page: Page, host: Host, username: 'admin' | 'shouli') {
  await page.goto(host.url);
  // The host keeps one session: the test before may have left it signed in.
  const signOut = page.getByRole('button', { name: '退出登录' });
  await expect(signOut.or(page.getByRole('button', { name: '登录', exact: true }))).toBeVisible();
  if (await signOut.isVisible()) await signOut.click();
  await signIn(page, username, DEMO_PASSWORD);
  await expect(page.getByTestId('signed-in')).toBeVisible();
}

export async function show(page: Page, host: Host, route: string) {
  await page.goto(`${host.base}#${route}`);
  await expect(page.locator('.page-title').first()).toBeVisible();
}
