import { defineConfig } from '@playwright/test';

import { CHROMIUM } from './chromium';

export default defineConfig({
  testDir: '.',
  testMatch: '*.e2e.ts',
  timeout: 90_000,
  // Two files at a time, one per core: each test starts its own host on its own ledger and port.
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  // A screen's answer waits on main, and on 2 busy cores (two hosts, two Chromiums, key derivations of 0.7 s each) it
  // can take longer than Playwright's 5 s: how fast is fast enough is the bench's to say, never a timed test's.
  expect: { timeout: 10_000 },
  outputDir: '../../test-results',
  use: {
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 860 },
    launchOptions: CHROMIUM,
    // A failed test leaves its page as a picture beside its error-context.md.
    screenshot: 'only-on-failure',
  },
});
