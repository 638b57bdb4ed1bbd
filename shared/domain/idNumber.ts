// Resident ID numbers, GB 11643-1999: 17 digits + check digit (0-9 or X), birth date in digits 7-14.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function checkDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** YYYYMMDD → YYYY-MM-DD when it is a real calendar date, else null. */
export function realDate(yyyymmdd: string): string | null {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/** Masked for lists, exports and prints: 3303**********1234. */
export function maskIdNumber(id: string): string {
  return id.length < 8 ? '*'.repeat(id.length) : id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

export interface ParsedId {
  idNumber: string;
  birthDate: string;
  gender: 'male' | 'female';
  /** Shown beside the field: what was done to what the clerk typed (an upgrade, a cleaned character). */
  note: string | null;
}

export type IdParse = { ok: true; value: ParsedId } | { ok: false; message: string };

// Zero-width characters, BOM, bidi marks and every kind of space that copy-paste brings along.
const INVISIBLE = /[\s\u00A0\u200B-\u200F\u2028-\u202F\u205F-\u2064\u3000\uFEFF]/gu;
const FULL_WIDTH = /[\uFF10-\uFF19\uFF38\uFF58]/g; // ０-９, Ｘ, ｘ

/**
 * Reads an ID number as a clerk or an import gives it: full-width digits and x are folded, invisible characters
 * removed, 15-digit numbers upgraded to 18 (19 + check digit), and the result checked against GB 11643:
 * check digit, a real birth date, not in the future, not before 1900. `today` is YYYY-MM-DD in China time.
 */
export function parseIdNumber(raw: string, today: string): IdParse {
  if (/^\s*\d(\.\d+)?E\+\d+\s*$/i.test(raw))
    return {
      ok: false,
      message: '身份证号被 Excel 当成了数字（科学计数法），后几位已经丢失。请把该列设为“文本”后重新输入',
    };
  const notes: string[] = [];
  let s = raw.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (s !== raw) notes.push('全角字符已转为半角');
  const stripped = s.replace(INVISIBLE, '');
  if (stripped !== s && s.trim() !== stripped) notes.push('已去除空格或不可见字符');
  s = stripped;
  if (s.includes('x')) notes.push('小写 x 已改为大写 X');
  s = s.toUpperCase();
  if (s === '') return { ok: false, message: '请填写身份证号' };
  if (/^\d{15}$/.test(s)) {
    const first17 = s.slice(0, 6) + '19' + s.slice(6);
    s = first17 + checkDigit(first17);
    notes.push(`15 位旧号码已升级为 18 位：${s}`);
  } else if (!/^\d{17}[\dX]$/.test(s)) {
    const length = [...s].length;
    if (length === 18 || length === 15) {
      const bad = [...s].find((c, i) => !(/\d/.test(c) || (i === 17 && c === 'X')));
      return { ok: false, message: `身份证号只能是数字（最后一位可以是 X），“${bad}”不对` };
    }
    return { ok: false, message: `身份证号应为 18 位（最后一位可以是 X），现在是 ${length} 位` };
  }
  const birthDate = realDate(s.slice(6, 14));
  if (!birthDate)
    return {
      ok: false,
      message: `身份证号中的出生日期 ${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)} 不存在`,
    };
  if (birthDate > today) return { ok: false, message: `身份证号中的出生日期 ${birthDate} 晚于今天` };
  if (birthDate < '1900-01-01') return { ok: false, message: `身份证号中的出生日期 ${birthDate} 早于 1900 年` };
  if (checkDigit(s.slice(0, 17)) !== s[17]) {
    const excel = /000$/.test(s) ? '（末三位是 000，像是被 Excel 截断过）' : '';
    return { ok: false, message: `身份证号校验位不对${excel}，请核对每一位` };
  }
  return {
    ok: true,
    value: {
      idNumber: s,
      birthDate,
      gender: Number(s[16]) % 2 === 1 ? 'male' : 'female',
      note: notes.length ? notes.join('；') : null,
    },
  };
}
