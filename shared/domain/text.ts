// Names are stored exactly as typed: no Unicode normalization, lengths in code points so that 𠮷 counts as one.

export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

// C0/C1 controls, and the invisible characters that sneak in from copy-paste (zero-width space/joiners, BOM,
// bidi marks). A tab or newline is allowed only where a field says so (notes).
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/u;
const LINE_BREAKS = /[\t\n\r]/;

export function hasInvisible(s: string, allowLineBreaks = false): boolean {
  return INVISIBLE.test(s) || (!allowLineBreaks && LINE_BREAKS.test(s));
}

/** True when every UTF-16 surrogate is paired (a lone one cannot be stored or printed faithfully). */
export function isWellFormed(s: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

/** A cell a spreadsheet would read as a formula (=, +, -, @, or a leading tab or CR): `=HYPERLINK(…)` in a name. */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** A CSV cell that Excel and WPS show as the text it is: a leading ' stops them reading a formula. */
export const plainCsvText = (s: string): string => (FORMULA_START.test(s) ? `'${s}` : s);

const DIGITS = '〇一二三四五六七八九';

/** A count as formal documents write it, 0–99: 3 → 三, 10 → 十, 12 → 十二, 20 → 二十, 21 → 二十一 (协议书一式三份). */
export function chineseCount(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return DIGITS[n];
  const [tens, ones] = [Math.floor(n / 10), n % 10];
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}
