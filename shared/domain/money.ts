// Money is integer fen. Yuan typed by a clerk is parsed by rule, never with parseFloat.

export type YuanParse = { ok: true; fen: number } | { ok: false; message: string };

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0C\uFF0E]/g; // ０-９ ， ．

/**
 * Accepts 1234, 1234.5, 1,234.50 (thousands commas in the right places) and full-width digits; refuses three
 * decimals, European 1.234,50, signs, zero, and anything above 100,000,000 yuan.
 */
export function parseYuan(raw: string): YuanParse {
  const s = raw.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim().replace(/^¥|元$/g, '').trim();
  if (s === '') return { ok: false, message: '请填写金额' };
  if (/^-/.test(s)) return { ok: false, message: '金额不能为负数' };
  if (/^\d{1,3}(\.\d{3})+,\d+$/.test(s)) return { ok: false, message: '金额格式不对：请用小数点表示角分，如 1,234.50' };
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) {
    if (/^[\d,]+\.\d{3,}$/.test(s)) return { ok: false, message: '金额最多精确到分（两位小数）' };
    return { ok: false, message: '金额格式不对，例如 1234.50 或 1,234.50' };
  }
  const yuan = Number(m[1].replace(/,/g, ''));
  const fen = yuan * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (fen === 0) return { ok: false, message: '金额必须大于 0' };
  if (yuan > 100_000_000) return { ok: false, message: '金额过大，请核对' };
  return { ok: true, fen };
}

/** 6770000 → "67,700.00" */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}
