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
