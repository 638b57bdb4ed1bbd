// PDFs as a person checks them: the page's own PDF (CSS @page size), its text, its size, and pictures to look at.
import { execFileSync } from 'node:child_process'; // date-free: pdftotext, pdfinfo and pdftoppm read no date

import type { Page } from '@playwright/test';

export async function printToPdf(page: Page, file: string): Promise<void> {
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
}

/** The text of the whole PDF, or of one page (1-based). */
export const pdfText = (file: string, page?: number) =>
  execFileSync('pdftotext', ['-layout', ...(page ? ['-f', String(page), '-l', String(page)] : []), file, '-'], {
    encoding: 'utf8',
  });

export function pdfInfo(file: string): { pages: number; widthMm: number; heightMm: number } {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(out)!;
  return {
    pages: Number(/Pages:\s+(\d+)/.exec(out)![1]),
    widthMm: (Number(w) * 25.4) / 72,
    heightMm: (Number(h) * 25.4) / 72,
  };
}

/** First page as PNG beside the PDF (test-results/), for a person to look at. */
export const pdfPicture = (file: string, out: string) =>
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, out]);

/** Pages first…last as out-1.png, out-2.png … */
export const pdfPictures = (file: string, out: string, first: number, last: number) =>
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', String(first), '-l', String(last), file, out]);

/** 15- or 18-character ID numbers and 11-digit mobile numbers, as they would appear in extracted text. */
export const PERSONAL_NUMBERS = /(?<!\d)(\d{17}[\dX]|\d{15}|1[3-9]\d{9})(?!\d)/;

/** 15- or 18-character ID numbers alone (where a phone number is printed by design, as on a service card). */
export const ID_NUMBERS = /(?<!\d)(\d{17}[\dX]|\d{15})(?!\d)/;
