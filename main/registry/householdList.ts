// The households grid and its .xlsx export: one WHERE built from the filters and the quick search, paged by SQL.
import type { z } from 'zod';

import { parseIdNumber } from '../../shared/domain/idNumber';
import { fieldsOf } from '../../shared/domain/imports';
import type { HouseholdFigure } from '../../shared/domain/reports';
import { AppError } from '../../shared/domain/result';
import { dateCn } from '../../shared/domain/time';
import type { Page } from '../../shared/schemas/common';
import type { householdListInput, HouseholdRow } from '../../shared/schemas/registry';
import { DEFAULT_CENTER } from '../../shared/schemas/settings';
import type { Ctx, Handlers } from '../core/dispatch';
import { ACCOUNT_TAIL, fullIdLookup, isFullId, lookup, MASKED_ID, MASKED_PHONE, seesFullId } from '../core/idLookups';
import { textWorkbook } from '../core/listSheet';
import { type Arg, countOf, limitSql, orderBy, Where } from '../core/paging';
import { getSetting } from '../core/settings';
import { writeWorkbook } from '../core/workbook';
import { type DB, prep } from '../db/open';
import { pairedDuring } from './periods';

type Filters = Omit<z.output<typeof householdListInput>, 'offset' | 'limit'>;

// '~' sorts after every digit, X and a-z, so `col >= p AND col < p || '~'` is a prefix search on the index.
const PREFIX = (col: string) => `(${col} >= ? AND ${col} < ? || '~')`;

/**
 * Quick search: an ID tail (4–6 characters) or a whole valid ID number, a phone, pinyin initials, or the start of a
 * member's name. Longer tails are refused (`searchLookup`): extended digit by digit they would spell out a number.
 */
function searchClause(q: string): { sql: string; args: string[] } | null {
  const s = q.trim();
  if (!s) return null;
  const members = (cond: string) => `h.id IN (SELECT household_id FROM persons WHERE ${cond})`;
  if (/^\d{11}$/.test(s)) return { sql: `(h.phone = ? OR ${members('phone = ?')})`, args: [s, s] };
  if (/^[\dXx]{4,18}$/.test(s)) {
    const rev = [...s.toUpperCase()].reverse().join('');
    return { sql: members(PREFIX('id_reversed')), args: [rev, rev] };
  }
  if (/^[a-zA-Z]+$/.test(s)) {
    const p = s.toLowerCase();
    return { sql: members(PREFIX('name_initials')), args: [p, p] };
  }
  return { sql: members(`(name >= ? AND name < ? || char(1114111))`), args: [s, s] };
}

/**
 * The quick search as a lookup (core/idLookups.ts). A 4-character ID tail is what every list shows and costs
 * nothing; a whole number (which must be a valid one) or a phone is counted and audited. A 5–6 character tail spells
 * the birth day a clerk does not see, so only roles that may see full numbers use it (counted too); any other run of
 * digits is refused for every role, so a tail cannot be grown digit by digit into a number.
 */
function searchLookup(ctx: Ctx, q: string | undefined): void {
  const s = (q ?? '').trim();
  if (/^\d{11}$/.test(s)) return lookup(ctx, 'phone', [s]);
  if (!/^[\dXx]{4,18}$/.test(s) || s.length === 4) return;
  if (s.length <= 6 && seesFullId(ctx)) return lookup(ctx, 'id', [s.toUpperCase()]);
  if (!isFullId(s)) throw new AppError('VALIDATION', TAIL_RULE(seesFullId(ctx)), 'q');
  const parsed = parseIdNumber(s, dateCn(ctx.now));
  if (!parsed.ok) throw new AppError('VALIDATION', `按身份证号查找：${parsed.message}`, 'q');
  fullIdLookup(ctx, s);
}

const TAIL_RULE = (sees: boolean) => `按身份证号查找：请输入后 ${sees ? '4～6' : '4'} 位，或完整的 18 位（15 位）号码`;

/**
 * A registry (or pairing) figure of the annual report as a condition on `h`: the report counts it, the grid lists it.
 */
export function householdFigure(change: HouseholdFigure, year: number): { sql: string; args: string[] } {
  const [from, to] = [`${year}-01-01`, `${year}-12-31`];
  const end = `${to}T99`; // created_at is a timestamp: every moment of the year's last day sorts before this
  const c: Record<HouseholdFigure, { sql: string; args: string[] }> = {
    entered: { sql: 'h.created_at BETWEEN ? AND ?', args: [from, end] },
    left: { sql: 'h.exited_on BETWEEN ? AND ?', args: [from, to] },
    registeredAtEnd: { sql: 'h.created_at <= ? AND (h.exited_on IS NULL OR h.exited_on > ?)', args: [end, to] },
    paired: {
      sql: `EXISTS (SELECT 1 FROM pairings p WHERE p.household_id = h.id AND ${pairedDuring.sql})`,
      args: pairedDuring.args(year),
    },
  };
  return c[change];
}

function where(f: Filters, today: string): Where {
  const w = new Where();
  if (f.areaId) w.add('h.area_id = ?', f.areaId);
  if (f.status) w.add('h.status = ?', f.status);
  if (f.category)
    w.add(
      `EXISTS (
        SELECT 1
        FROM household_categories c
        WHERE c.household_id = h.id AND c.category_code = ?
          AND c.from_date <= ? AND (c.to_date IS NULL OR c.to_date >= ?))`,
      f.category,
      today,
      today,
    );
  if (f.yearChange) {
    const c = householdFigure(f.yearChange.change, f.yearChange.year);
    w.add(c.sql, ...c.args);
  }
  const search = searchClause(f.q ?? '');
  if (search) w.add(search.sql, ...search.args);
  return w;
}

const ORDER = {
  headName: 'h.head_pinyin',
  area: 'a.sort_order, a.id, h.head_pinyin',
  id: 'h.id',
  members: 'members',
} as const;

/** The grid's columns; `@today` is bound by name beside the filters' positional `?`. */
const ROW_COLUMNS = `h.id, h.head_name AS headName, ${MASKED_ID('p.id_number')} AS headIdMasked, a.name AS area,
  (
    SELECT group_concat(k.name, '、')
    FROM household_categories c
    JOIN hardship_categories k ON k.code = c.category_code
    WHERE c.household_id = h.id AND c.from_date <= @today AND (c.to_date IS NULL OR c.to_date >= @today)
  ) AS categories,
  (SELECT count(*) FROM persons m WHERE m.household_id = h.id) AS members,
  ${MASKED_PHONE('h.phone')} AS phone, ${ACCOUNT_TAIL('h.account')} AS accountTail, h.status`;

/**
 * The page's SQL. Paged queries choose and order the ids first and compute the costly columns (categories, member
 * count) only for the rows of the page; the export takes the whole filtered set.
 */
function rowsSql(f: Filters, today: string, page?: { limit: number; offset: number }) {
  const w = where(f, today);
  const order = orderBy(ORDER, f.sort, 'h.head_pinyin, h.id', 'h.id');
  const args: (Arg | { today: string })[] = [...w.args];
  let sql: string;
  if (page) {
    // Sorting by member count needs the count to choose the page; every other order is on households' own columns.
    const members =
      f.sort?.col === 'members' ? ', (SELECT count(*) FROM persons m WHERE m.household_id = h.id) AS members' : '';
    // Choosing the page touches only households (and areas when sorting by area); the joins come after.
    const chooseFrom = `FROM households h${f.sort?.col === 'area' ? ' JOIN areas a ON a.id = h.area_id' : ''}`;
    sql = `WITH chosen AS (
  SELECT h.id${members}, row_number() OVER (ORDER BY ${order}) AS n
  ${chooseFrom}
  ${w.sql}
  ORDER BY ${order}
  LIMIT ${limitSql(page.limit)} OFFSET ?
)
SELECT ${ROW_COLUMNS}
      FROM chosen
      JOIN households h ON h.id = chosen.id
      JOIN areas a ON a.id = h.area_id
      LEFT JOIN persons p ON p.id = h.head_person_id
      ORDER BY chosen.n`;
    args.push(page.offset, { today });
  } else {
    sql = `SELECT ${ROW_COLUMNS}
      FROM households h
      JOIN areas a ON a.id = h.area_id
      LEFT JOIN persons p ON p.id = h.head_person_id
${w.sql}
      ORDER BY ${order}`;
    args.push({ today });
  }
  return { sql, args, where: w };
}

export function listHouseholds(db: DB, input: z.output<typeof householdListInput>, today: string): Page<HouseholdRow> {
  const q = rowsSql(input, today, input);
  const rows = prep(db, q.sql).all(...q.args) as HouseholdRow[];
  for (const r of rows) r.categories ??= '';
  return { rows, total: countOf(db, 'FROM households h', q.where) };
}

const STATUS = { registered: '在册', exited: '退出' };
const COLUMNS: [keyof HouseholdRow, string, number][] = [
  ['id', '户号', 8],
  ['headName', '户主', 18],
  ['headIdMasked', '身份证号', 22],
  ['area', '村/社区', 12],
  ['categories', '困难类别', 24],
  ['members', '人口', 6],
  ['phone', '联系电话', 16],
  ['accountTail', '一卡通账号', 14],
  ['status', '状态', 8],
];

/** The grid's current filtered view as .xlsx: a title row, Chinese headers, masked IDs stored as text. */
export async function exportHouseholds(
  db: DB,
  f: Filters,
  now: Date,
): Promise<{ fileName: string; base64: string; rows: number }> {
  const today = dateCn(now);
  const q = rowsSql(f, today);
  const rows = prep(db, q.sql).all(...q.args) as HouseholdRow[];
  const center = getSetting(db, 'center', DEFAULT_CENTER).name;
  const buf = await writeWorkbook([
    {
      name: '困难群众台账',
      center,
      title: `${center} 困难群众台账（导出日期 ${today}）`,
      headers: COLUMNS.map((c) => c[1]),
      widths: COLUMNS.map((c) => c[2]),
      // ID and account columns are text: Excel keeps only 15 significant digits of a number.
      text: [2, 6, 7],
      numbers: { 0: 'count', 5: 'count' },
      bordered: true,
      rows: rows.map((r) =>
        COLUMNS.map(([k]) => (k === 'status' ? STATUS[r.status] : k === 'categories' ? (r.categories ?? '') : r[k])),
      ),
    },
  ]);
  return { fileName: `困难群众台账-${today}.xlsx`, base64: buf.toString('base64'), rows: rows.length };
}

export const householdListHandlers = {
  'households.list': (ctx, input) => {
    searchLookup(ctx, input.q);
    return listHouseholds(ctx.db, input, dateCn(ctx.now));
  },
  'households.export': async (ctx, input) => {
    searchLookup(ctx, input.q);
    const file = await exportHouseholds(ctx.db, input, ctx.now);
    ctx.audit('export', null, null, { what: '困难群众台账', fileName: file.fileName, rows: file.rows, filters: input });
    return file;
  },
  /** Every registered household, a row per person, in the template's columns with full numbers: for moving a ledger. */
  'households.exportFull': async (ctx) => {
    const rows = prep(
      ctx.db,
      `SELECT hp.id_number AS headIdNumber, p.name, p.id_number AS idNumber, p.relation, a.name AS area, h.address,
         p.phone, h.phone AS householdPhone, p.disability_type AS disabilityType,
         coalesce(p.disability_grade, '') AS disabilityGrade, coalesce(p.disability_cert, '') AS disabilityCert,
         h.bank_name AS bankName, h.account, p.id = h.head_person_id AS isHead,
         (SELECT group_concat(c.name || ' ' || hc.from_date || coalesce('~' || hc.to_date, ''), '；')
          FROM household_categories hc
          JOIN hardship_categories c ON c.code = hc.category_code
          WHERE hc.household_id = h.id) AS categories
       FROM households h
       JOIN persons p ON p.household_id = h.id
       JOIN persons hp ON hp.id = h.head_person_id
       JOIN areas a ON a.id = h.area_id
       WHERE h.status = 'registered'
       ORDER BY h.id, p.id = h.head_person_id DESC, p.id`,
    ).all() as Record<string, string | number | null>[];
    const fields = fieldsOf('households');
    const householdOnly = new Set(['address', 'householdPhone', 'categories', 'bankName', 'account']);
    const out = rows.map((r) =>
      fields.map((f) => (householdOnly.has(f.key) && !r.isHead ? '' : String(r[f.key] ?? ''))),
    );
    const base64 = await textWorkbook(
      ctx.db,
      '困难群众台账（完整）',
      fields.map((f) => f.label),
      out,
    );
    const fileName = `困难群众台账-完整-${dateCn(ctx.now)}.xlsx`;
    ctx.audit('export', null, null, { what: '困难群众台账（完整，含身份证号和账号）', fileName, rows: out.length });
    return { fileName, base64, rows: out.length };
  },
} satisfies Partial<Handlers>;
