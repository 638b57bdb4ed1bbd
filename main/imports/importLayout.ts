// Where a roster's header is and which column is which: title rows above, a two-row merged header, synonyms,
// a 合计 row below; and the cell readers that turn what counters type into checked values.
import { createHash } from 'node:crypto';

import { type ParsedId, parseIdNumber } from '../../shared/domain/idNumber';
import { fieldsOf, headerKey, type ImportKind } from '../../shared/domain/imports';
import { cleanAccount, parseYuan } from '../../shared/domain/money';
import { DISABILITY_TYPES, RELATIONS } from '../../shared/domain/registry';
import { codePointLength, FORMULA_START, hasInvisible, isWellFormed } from '../../shared/domain/text';
import { type DB, prep } from '../db/open';
import type { Cell, Sheet } from './importFiles';

export type Mapping = Record<string, number | null>;

export interface Layout {
  /** Index of the header's first row, and how many rows it takes (1 or 2). */
  headerAt: number;
  headerRows: number;
  /** One header per column, a two-row header's parts joined (家庭成员/姓名 → 姓名 when the lower part is known). */
  headers: string[];
  mapping: Mapping;
  /** The header's shape: the mapping chosen for it is remembered under this key. */
  shape: string;
}

const str = (c: Cell | undefined): string => (c === undefined ? '' : String(c).trim());

/** The field whose synonyms include this header, earliest synonym first; null when none does. */
function fieldFor(kind: ImportKind, header: string): { key: string; rank: number } | null {
  const h = headerKey(header);
  if (!h) return null;
  let best: { key: string; rank: number } | null = null;
  for (const f of fieldsOf(kind)) {
    const rank = f.synonyms.findIndex((s) => headerKey(s) === h);
    if (rank >= 0 && (!best || rank < best.rank)) best = { key: f.key, rank };
  }
  return best;
}

const hits = (kind: ImportKind, row: Cell[] = []) => row.filter((c) => fieldFor(kind, str(c))).length;
const looksLikeData = (row: Cell[] = []) => row.some((c) => /^\d{15,}/.test(str(c)) || typeof c === 'number');

/** Finds the header among the first rows and proposes a mapping; `remembered` wins when the shape matches. */
export function findLayout(kind: ImportKind, sheet: Sheet, remembered: (shape: string) => Mapping | null): Layout {
  const scan = Math.min(sheet.rows.length, 15);
  let headerAt = 0;
  let best = -1;
  for (let r = 0; r < scan; r++) {
    const n = hits(kind, sheet.rows[r]);
    if (n > best) {
      best = n;
      headerAt = r;
    }
  }
  const top = sheet.rows[headerAt] ?? [];
  const below = sheet.rows[headerAt + 1] ?? [];
  // A second header row: known headers under a merged group label (blank cells to the right of it), and no data.
  const twoRows =
    hits(kind, below) > 0 && !looksLikeData(below) && below.some((c, i) => str(c) && !fieldFor(kind, str(top[i])));
  const width = Math.max(top.length, twoRows ? below.length : 0);
  const headers: string[] = [];
  let group = '';
  for (let c = 0; c < width; c++) {
    const upper = str(top[c]);
    const lower = twoRows ? str(below[c]) : '';
    if (upper) group = upper;
    if (!lower) headers.push(upper);
    else if (fieldFor(kind, lower)) headers.push(lower);
    else headers.push(`${upper || group}${lower}`);
  }
  const shape = createHash('sha1')
    .update(`${kind}|${headers.map(headerKey).join('|')}`)
    .digest('hex')
    .slice(0, 16);
  const mapping = remembered(shape) ?? propose(kind, headers);
  return { headerAt, headerRows: twoRows ? 2 : 1, headers, mapping, shape };
}

/** The mapping a clerk confirmed for a header of this shape, read from the ledger (the host's or the worker's). */
export function remembered(db: DB) {
  return (shape: string): Mapping | null => {
    const r = prep(db, 'SELECT mapping FROM import_mappings WHERE shape = ?').get(shape) as
      { mapping: string } | undefined;
    return r ? (JSON.parse(r.mapping) as Mapping) : null;
  };
}

/** The sheet a clerk most likely means: the one whose header names the most fields. */
export function bestSheet(kind: ImportKind, sheets: Sheet[]): number {
  const scores = sheets.map(
    (s) => Object.values(findLayout(kind, s, () => null).mapping).filter((c) => c !== null).length,
  );
  return scores.indexOf(Math.max(...scores));
}

function propose(kind: ImportKind, headers: string[]): Mapping {
  const mapping: Mapping = Object.fromEntries(fieldsOf(kind).map((f) => [f.key, null]));
  const claims = headers
    .map((h, col) => ({ col, hit: fieldFor(kind, h) }))
    .filter((x) => x.hit)
    .sort((a, b) => a.hit!.rank - b.hit!.rank || a.col - b.col);
  for (const { col, hit } of claims) if (mapping[hit!.key] === null) mapping[hit!.key] = col;
  return mapping;
}

/** A 合计 / 总计 / 小计 row: the sums at the bottom, never a person. */
export const isTotalRow = (row: Cell[]) =>
  row.slice(0, 4).some((c) => /^(合\s*计|总\s*计|小\s*计|累\s*计)/.test(str(c)));

// ---- cell readers: each gives the value or a Chinese reason, never a guess.

export type Read<T> = { ok: true; value: T; note?: string } | { ok: false; message: string };
const no = (message: string): Read<never> => ({ ok: false, message });

/** Blanks typed inside a name: spaces, no-break and full-width spaces (tabs and line breaks stay refused). */
const NAME_GAP = /[ \u00A0\u2000-\u200A\u202F\u205F\u3000]+/g;
const LATIN = /[A-Za-z]/;

/**
 * A name with the blanks typed by hand inside it removed (孙  美宝 → 孙美宝), and said so in the row: the registry
 * would otherwise hold 孙 美宝 and 孙美宝 as two spellings that no search finds together. One space stays between two
 * Latin letters, where it separates a foreign name's words. The middle dot of a minority name (阿依古丽·买买提) is
 * kept as typed, as the registry keeps every name (shared/domain/text.ts): its look-alikes are not folded into ·.
 */
export function readName(c: Cell): Read<string> {
  const typed = str(c).replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
  const s = typed.replace(NAME_GAP, (gap: string, at: number) =>
    LATIN.test(typed[at - 1] ?? '') && LATIN.test(typed[at + gap.length] ?? '') ? ' ' : '',
  );
  if (!s) return no('姓名为空');
  if (FORMULA_START.test(s)) return no('姓名不能以 = + - @ 开头');
  if (!isWellFormed(s) || hasInvisible(s)) return no('姓名含有不可见字符，请在 Excel 中删除后再导入');
  if (codePointLength(s) > 50) return no('姓名超过 50 个字');
  return { ok: true, value: s, note: s === typed ? undefined : `姓名中的空格已去掉：${typed} → ${s}` };
}

/** A column's letter as Excel shows it: 0 → A, 26 → AA. */
export const columnLetter = (col: number): string =>
  (col >= 26 ? columnLetter(Math.floor(col / 26) - 1) : '') + String.fromCharCode(65 + (col % 26));

export function readId(c: Cell, today: string): Read<ParsedId> {
  if (typeof c === 'number' && String(c).replace(/\D/g, '').length > 15)
    return no(`身份证号被 Excel 存成了数字（${c}），后几位已经丢失。请把该列设为“文本”，重新输入这些身份证号后再导入`);
  const parsed = parseIdNumber(str(c), today);
  return parsed.ok ? { ok: true, value: parsed.value, note: parsed.value.note ?? undefined } : no(parsed.message);
}

/** Yuan from a cell: a number as stored (two decimals at most), or text such as 1,234.50 or １２３. */
export function readYuan(c: Cell): Read<number> {
  const s = typeof c === 'number' ? String(c) : str(c);
  const parsed = parseYuan(s);
  return parsed.ok ? { ok: true, value: parsed.fen } : no(parsed.message);
}

export function readAccount(c: Cell): Read<string> {
  if (typeof c === 'number' && String(c).replace(/\D/g, '').length > 15)
    return no('一卡通账号被 Excel 存成了数字，后几位已经丢失。请把该列设为“文本”后重新输入');
  const s = str(c);
  if (!s) return { ok: true, value: '' };
  const account = cleanAccount(s.replace(/[\u200B-\u200F\uFEFF\u3000]/g, ''));
  return account ? { ok: true, value: account } : no('一卡通账号应为 10–30 位数字');
}

export function readPhone(c: Cell): Read<string> {
  const s = str(c).replace(/[\s\u3000]/g, '');
  if (!s || /^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/.test(s)) return { ok: true, value: s };
  return no(`电话“${s}”应为 11 位手机号或带区号的座机号`);
}

const FULL = (s: string) => s.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/** A day: 2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日, 20240301, or an Excel date. */
export function readDay(c: Cell): Read<string> {
  const s = FULL(str(c));
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return no(`日期“${s}”看不懂，请写成 2024-03-01`);
  const day = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  const t = new Date(`${day}T00:00:00Z`);
  return isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== day
    ? no(`日期 ${day} 不存在`)
    : { ok: true, value: day };
}

/** A month: 2025-03, 2025年3月, 202503, 2025.3, or a day (whose month is taken). */
export function readMonth(c: Cell): Read<string> {
  const s = FULL(str(c));
  const m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(s) ?? /^(\d{4})(\d{2})$/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { ok: true, value: `${m[1]}-${m[2].padStart(2, '0')}` };
  const day = readDay(c);
  return day.ok ? { ok: true, value: day.value.slice(0, 7) } : no(`月份“${s}”看不懂，请写成 2025-03`);
}

const RELATION_WORDS: [RegExp, (typeof RELATIONS)[number]][] = [
  [/^(户主|本人|户主本人)$/, '户主'],
  [/^(配偶|妻|妻子|夫|丈夫|之妻|之夫)$/, '配偶'],
  [/^(子女|子|女|儿子|女儿|长子|次子|三子|长女|次女|三女|独子|独女|养子|养女|之子|之女)$/, '子女'],
  [/^(父母|父|母|父亲|母亲|之父|之母|公公|婆婆|岳父|岳母)$/, '父母'],
  [/^(祖父母|祖父|祖母|爷爷|奶奶|外祖父|外祖母)$/, '祖父母'],
  [/^(孙子女|孙子|孙女|外孙|外孙子|外孙女)$/, '孙子女'],
  [/^(兄弟姐妹|兄|弟|姐|妹|哥哥|弟弟|姐姐|妹妹)$/, '兄弟姐妹'],
];

/** 与户主关系 in the register's words; a word not known is kept as 其他, and said so. */
export function readRelation(c: Cell): Read<(typeof RELATIONS)[number]> {
  const s = str(c).replace(/\s/g, '');
  if (!s) return no('与户主关系为空');
  const hit = RELATION_WORDS.find(([re]) => re.test(s));
  if (hit) return { ok: true, value: hit[1] };
  return { ok: true, value: '其他', note: `与户主关系“${s}”按“其他”登记` };
}

export function readDisability(
  typeCell: Cell,
  gradeCell: Cell,
): Read<{ type: (typeof DISABILITY_TYPES)[number] | null; grade: number | null }> {
  const t = str(typeCell).replace(/残疾$/, '');
  const g = str(gradeCell).replace(/^([一二三四1-4])级?$/, '$1');
  if (!t && !g) return { ok: true, value: { type: null, grade: null } };
  const type = DISABILITY_TYPES.find((d) => d === t);
  if (!type) return no(`残疾类别“${t || '（空）'}”应为 ${DISABILITY_TYPES.join('、')} 之一`);
  const grade = g ? '一二三四'.indexOf(g) + 1 || Number(g) : null;
  if (grade !== null && !(grade >= 1 && grade <= 4)) return no('残疾等级应为 1–4 级');
  return { ok: true, value: { type, grade } };
}

export const cellText = str;
