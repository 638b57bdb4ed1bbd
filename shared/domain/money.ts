// Money is integer fen. Yuan typed by a clerk is parsed by rule, never with parseFloat.

import { AppError } from './result';
export type YuanParse = { ok: true; fen: number } | { ok: false; message: string };

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0C\uFF0E]/g; // ０-９ ， ．

/**
 * Accepts 1234, 1234.5, 1,234.50 (thousands commas in the right places) and full-width digits; refuses three
 * decimals, European 1.234,50, signs, zero, and anything above 100,000,000 yuan.
 */
export function parseYuan(raw: string): YuanParse {
  const s = raw
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .trim()
    .replace(/^¥|元$/g, '')
    .trim();
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
  if (fen > 100_000_000 * 100) return { ok: false, message: '金额不能超过 100,000,000 元，请核对' };
  return { ok: true, fen };
}

/** 6770000 → "67,700.00" */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const PLACES = ['', '拾', '佰', '仟'];
const SECTIONS = ['', '万', '亿'];

/** Whole yuan in capitals: one 零 for any run of zeros between digits, 万/亿 after a section that is not all zeros. */
function yuanInWords(n: number): string {
  const s = String(n);
  let out = '';
  let zero = false;
  for (let i = 0; i < s.length; i++) {
    const d = Number(s[i]);
    const pos = s.length - 1 - i;
    if (d === 0) zero = true;
    else {
      if (zero && out) out += '零';
      out += DIGITS[d] + PLACES[pos % 4];
      zero = false;
    }
    const section = Math.floor(pos / 4);
    if (pos % 4 === 0 && section > 0 && Math.floor(n / 10_000 ** section) % 10_000 !== 0) out += SECTIONS[section];
  }
  return out;
}

/**
 * 大写金额 as 《正确填写票据和结算凭证的基本规定》 writes it: 6770000 → 陆万柒仟柒佰元整, 101000 → 壹仟零壹拾元整,
 * 1005 → 壹拾元零伍分, 10050 → 壹佰元伍角整. 整 after 元 or 角, never after 分.
 */
export function amountInWords(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new Error(`bad amount ${fen}`);
  if (fen === 0) return '零元整';
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const f = fen % 10;
  let out = yuan > 0 ? `${yuanInWords(yuan)}元` : '';
  if (jiao === 0 && f === 0) return `${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (yuan > 0) out += '零';
  return f > 0 ? `${out}${DIGITS[f]}分` : `${out}整`;
}

/** A 一卡通 account as typed or read from a bank file: spaces and full-width digits tolerated, 10–30 digits. */
export function cleanAccount(raw: string): string | null {
  const s = raw.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s-]/g, '');
  return /^\d{10,30}$/.test(s) ? s : null;
}

/** 6770000 fen → "6.77" 万元, rounded half up to 0.01 万元 (100 yuan) in integers. */
export function formatWan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const hundredYuan = Math.floor((Math.abs(fen) + 5000) / 10000);
  const cents = String(hundredYuan % 100).padStart(2, '0');
  return `${sign}${Math.floor(hundredYuan / 100).toLocaleString('en-US')}.${cents}`;
}

export function fen(amount: string, field = 'amount'): number {
  const r = parseYuan(amount);
  if (!r.ok) throw new AppError('VALIDATION', r.message, field);
  return r.fen;
}
