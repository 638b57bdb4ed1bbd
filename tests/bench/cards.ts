// 1,000 service cards to one PDF, as the counter does it, on the built web host:
// - 制卡并生成 PDF: `cards.pdf` over HTTP (issue 1,000 numbers, record the printing, write the PDF in main) — the
//   figure, budget 3 ms a card (issue 15) and at most 1.5 times the baseline;
// - 制卡并打印: the card print route in Debian's Chromium (issue, draw every card and QR code), then Chromium's PDF —
//   reported beside it;
// - the baseline: raw Chromium printing the same sheets, the print route's finished markup and style rules set into a
//   bare page, then the PDF.
import fs from 'node:fs';
import path from 'node:path';

import { chromium } from '@playwright/test';

import { Keyring } from '../../main/db/keys';
import { openKeyed } from '../../main/db/open';
import { CHROMIUM } from '../e2e/chromium';
import { startHost } from '../e2e/host';
import type { Figure } from './harness';
import { buildRegistry } from './registry';

const CARDS = 1000;

export const CARD_BUDGET_MS = 3;

export async function cardsFigure(): Promise<{
  figure: Figure;
  cards: number;
  pages: number;
  issue_and_draw_ms: number;
  pdf_ms: number;
  ms_per_card: number;
  raw: { set_content_ms: number; pdf_ms: number; ms_per_card: number };
  print_route: { issue_and_draw_ms: number; pdf_ms: number; ms_per_card: number };
}> {
  const host = await startHost();
  const api = async (channel: string, input: unknown) => {
    const res = await fetch(`${host.base}api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Bianmin-Token': host.token },
      body: JSON.stringify(input),
    });
    const body = (await res.json()) as { ok: boolean; value: unknown; error?: { message: string } };
    if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
    return body.value;
  };
  await api('setup.createAdmin', { username: 'admin', displayName: '基准管理员', password: 'bench-pass-1' });
  await api('session.signIn', { username: 'admin', password: 'bench-pass-1' });
  await api('settings.save', {
    name: '城关镇便民服务中心',
    address: '',
    hotline: '0571-12345678',
    officeHours: '工作日 8:30–17:30',
    idleLockMinutes: 60,
  });
  // 1,000 households in one area, each paired with one of 100 cadres (written into the running ledger; WAL).
  const db = openKeyed(host.db, Keyring.unlock(host.db, 'admin', 'bench-pass-1', new Date()).key);
  db.pragma('busy_timeout = 5000');
  buildRegistry(db, CARDS * 3);
  db.transaction(() => {
    for (let i = 1; i <= 100; i++)
      db.prepare(
        `INSERT INTO cadres (name, name_initials, unit, phone, created_at, updated_at) VALUES (?, 'gb', '镇机关', ?, '', '')`,
      ).run(`干部${i}`, `139${String(i).padStart(8, '0')}`);
    db.prepare(`UPDATE households SET area_id = 1`).run();
    db.prepare(
      `INSERT INTO pairings (cadre_id, household_id, role, from_date, created_by, created_at) SELECT 1 + id % 100, id,
          'primary', '2026-01-01', 1, ''
        FROM households`,
    ).run();
  })();
  db.close();

  const browser = await chromium.launch(CHROMIUM);
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(600_000);
    await page.addInitScript(() => void (window.print = () => undefined));
    await page.goto(host.url);
    await page.getByTestId('signed-in').waitFor();
    await page.goto(`${host.base}#/print/cards?area=1&format=a4`);
    await page.getByRole('button', { name: '制卡并打印' }).waitFor();
    await page
      .getByTestId('cards-count')
      .filter({ hasText: `共 ${CARDS} 张` })
      .waitFor();
    await page.waitForFunction(() => !document.querySelector('.ant-progress'), null, { timeout: 120_000 });
    let t = performance.now();
    await page.getByRole('button', { name: '制卡并打印' }).click();
    await page.getByTestId('cards-ready').waitFor({ state: 'attached', timeout: 300_000 });
    const drawn = performance.now() - t;
    t = performance.now();
    const file = path.join(host.dir, 'cards.pdf');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
    const pdf = performance.now() - t;
    const pages = (fs.readFileSync(file, 'latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;

    // The same sheets, printed by a bare Chromium page: no app, no React, no antd.
    const sheet = await page.evaluate(() => ({
      css: Array.from(document.styleSheets)
        .flatMap((s) => Array.from(s.cssRules).map((r) => r.cssText))
        .join('\n'),
      body: document.querySelector('.cards-a4')!.outerHTML,
    }));
    const bare = await browser.newPage();
    await bare.emulateMedia({ media: 'print' });
    t = performance.now();
    await bare.setContent(`<!doctype html><meta charset="utf-8"><style>${sheet.css}</style>${sheet.body}`);
    const rawSet = performance.now() - t;
    t = performance.now();
    await bare.pdf({ path: path.join(host.dir, 'raw.pdf'), preferCSSPageSize: true, printBackground: true });
    const rawPdf = performance.now() - t;
    // 制卡并生成 PDF: the same 1,000 cards again as 补卡, so that every number is issued anew as on the first run.
    t = performance.now();
    const made = (await api('cards.pdf', { areaId: 1, format: 'a4', reissue: true })) as {
      base64: string;
      rows: number;
    };
    const direct = performance.now() - t;
    const direct_file = path.join(host.dir, 'cards-direct.pdf');
    fs.writeFileSync(direct_file, Buffer.from(made.base64, 'base64'));
    const directPages = (fs.readFileSync(direct_file, 'latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    if (made.rows !== CARDS || directPages !== pages)
      throw new Error(`cards.pdf: ${made.rows} cards, ${directPages} pages`);
    const raw = rawSet + rawPdf;
    const ms = (x: number) => Math.round((x / CARDS) * 10) / 10;
    return {
      figure: {
        figure: `${CARDS.toLocaleString()} service cards to one A4 PDF (cards.pdf; raw: Chromium, the same sheets)`,
        p50_ms: Math.round(direct),
        p95_ms: Math.round(direct),
        baseline_ms: Math.round(raw),
        ratio: Math.round((direct / raw) * 1000) / 1000,
        budget_ratio: 1.5,
        budget_p95_ms: CARD_BUDGET_MS * CARDS,
        within: direct <= 1.5 * raw && direct <= CARD_BUDGET_MS * CARDS,
      },
      cards: CARDS,
      pages,
      issue_and_draw_ms: Math.round(drawn),
      pdf_ms: Math.round(pdf),
      ms_per_card: ms(direct),
      raw: { set_content_ms: Math.round(rawSet), pdf_ms: Math.round(rawPdf), ms_per_card: ms(raw) },
      print_route: { issue_and_draw_ms: Math.round(drawn), pdf_ms: Math.round(pdf), ms_per_card: ms(drawn + pdf) },
    };
  } finally {
    await browser.close();
    await host.stop();
  }
}
