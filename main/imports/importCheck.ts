// The preview's verdicts: every data row of a roster checked against the file itself and the ledger, and the plan of
// what confirming would write. Nothing here writes; importWrite.ts writes exactly the plan.
import type { ParsedId } from '../../shared/domain/idNumber';
import { maskIdNumber } from '../../shared/domain/idNumber';
import {
  CATEGORY_ALIASES,
  fieldsOf,
  headerKey,
  type ImportKind,
  KIND_ALIASES,
  LIST_SEPARATOR,
  type RowStatus,
} from '../../shared/domain/imports';
import { formatYuan } from '../../shared/domain/money';
import type { DISABILITY_TYPES, RELATIONS } from '../../shared/domain/registry';
import { fullPinyin, initials } from '../core/pinyin';
import { type DB, prep } from '../db/open';
import type { Cell, Sheet } from './importFiles';
import {
  cellText,
  columnLetter,
  isTotalRow,
  type Layout,
  type Read,
  readAccount,
  readDay,
  readDisability,
  readId,
  readMonth,
  readName,
  readPhone,
  readRelation,
  readYuan,
} from './importLayout';
import { newVillages, villageNameProblem, villagesNamed } from './villages';

export interface Line {
  row: number;
  status: RowStatus;
  reasons: string[];
  name: string;
  idMasked: string;
  area: string;
  detail: string;
  /** The first row of a household that is already in the ledger: the clerk merges or skips it. */
  decision: 'merge' | 'skip' | null;
}

export interface NewPerson {
  line: Line;
  name: string;
  id: ParsedId;
  relation: (typeof RELATIONS)[number];
  phone: string;
  disabilityType: (typeof DISABILITY_TYPES)[number] | null;
  disabilityGrade: number | null;
  disabilityCert: string | null;
  /** Pinyin, worked out with the check so that the confirm only writes: initials, and the whole for a head. */
  initials: string;
  pinyin: string;
  /** Already a member of the household it is merged into: nothing to write. */
  existing?: boolean;
}
export interface Category {
  code: string;
  from: string;
  to: string | null;
}
export interface HouseholdPlan {
  /** Set when the household is already in the ledger and the clerk chose to merge. */
  existingId: number | null;
  /** The household's village; 0 when it is one of `Plan.areas`, made by the import and named in `newArea`. */
  areaId: number;
  newArea: string | null;
  address: string;
  phone: string;
  bankName: string;
  account: string;
  members: NewPerson[];
  categories: Category[];
}
export interface CasePlan {
  row: number;
  personId: number;
  householdId: number;
  areaId: number;
  kind: string;
  topKind: string;
  fen: number;
  /** Entitlements: the months; payments: the month paid for (a monthly kind's entitlement) and the day. */
  start: string;
  end: string | null;
  paidOn: string;
  entitlementId: number | null;
  account: string;
}
export interface Plan {
  /** Villages the ledger lacks, written before the households in the import's transaction (the preview lists them). */
  areas: string[];
  households: HouseholdPlan[];
  entitlements: CasePlan[];
  payments: CasePlan[];
}

export interface CheckInput {
  kind: ImportKind;
  sheet: Sheet;
  layout: Layout;
  areaMap: Record<string, number>;
  decisions: Record<string, 'merge' | 'skip'>;
  /** 在保名册: the start month the clerk chose for the whole file; a row's own 起始月份 cell wins. */
  startMonth: string | null;
  /**
   * Villages the file names and the ledger lacks: `create` is the clerk's decision to add them with the import, `may`
   * whether the caller may add villages at all (the roles of areas.save), `who` those roles in words.
   */
  areas: { create: boolean; may: boolean; who: string };
  today: string;
  /**
   * Who holds an ID is said only to a role that sees full numbers; to any other, a number already held is only
   * 已登记, whatever name the row gives (a name compared would confirm a guessed number).
   */
  seesFullId: boolean;
  /** The file's valid ID numbers, told before any is compared with the ledger: each is a lookup (idLookups.ts). */
  onIds: (ids: string[]) => void;
}

export interface Checked {
  lines: Line[];
  blank: number;
  unknownAreas: Map<string, number>;
  blocker: string | null;
  /** What the preview says of the file as a whole: a column it does not read. */
  notes: string[];
  plan: Plan;
}

interface Held {
  personId: number;
  name: string;
  householdId: number;
  isHead: number;
  head: string;
  area: string;
  areaId: number;
  account: string;
}

const fold = (s: string) => headerKey(s).replace(/（.*?）/g, '');

/** Headers of money columns: a 户籍花名册 has no field for them, and the preview says the column is not read. */
const AMOUNT_HEADER = /金额|保障金|补助金|补贴金|补差|保障标准|补助标准/;

/**
 * Amount columns of a 户籍花名册, said not to be read: the roster registers households, members and categories, and
 * an amount there would be an entitlement, which only the 在保名册's import (an admin's) makes; read here, it would
 * make approved cases out of a file any clerk may import.
 */
function unreadColumns(kind: ImportKind, layout: Layout): string[] {
  if (kind !== 'households') return [];
  const mapped = new Set(Object.values(layout.mapping));
  return layout.headers.flatMap((h, c) =>
    h && !mapped.has(c) && AMOUNT_HEADER.test(headerKey(h))
      ? [
          `${columnLetter(c)} 列“${h}”不导入：户籍花名册只登记户、成员和困难类别，金额不读取；按月发放的金额请管理员用“在保名册”导入`,
        ]
      : [],
  );
}

/** Looks a name up among the ledger's own and the aliases; null when nothing answers to it. */
function lookup(names: { key: string; name: string }[], aliases: Record<string, string>, raw: string): string | null {
  const k = fold(raw);
  const hit = names.find((n) => fold(n.name) === k || fold(n.name).replace(/金$/, '') === k.replace(/金$/, ''));
  return hit?.key ?? aliases[k] ?? null;
}

/**
 * `onRow` is told the rows checked so far, in rows' worth of work: reading a row's cells is the first half of its
 * check, comparing it with the file and the ledger (and working out its pinyin) the second, so the count moves
 * through both passes (the worker's progress rows) and reaches the number of rows at the end.
 */
export function checkRoster(db: DB, input: CheckInput, onRow: (n: number) => void): Checked {
  const { kind, sheet, layout, today } = input;
  const missing = fieldsOf(kind).filter((f) => f.required && layout.mapping[f.key] == null);
  const blocker = missing.length ? `请为这些必填项选择对应的列：${missing.map((f) => f.label).join('、')}` : null;
  const plan: Plan = { areas: [], households: [], entitlements: [], payments: [] };
  const notes = unreadColumns(kind, layout);
  const result: Checked = { lines: [], blank: 0, unknownAreas: new Map(), blocker, notes, plan };
  if (blocker) return result;

  const col = (cells: Cell[], key: string): Cell => {
    const c = layout.mapping[key];
    return c == null ? '' : (cells[c] ?? '');
  };
  const has = (key: string) => layout.mapping[key] != null;
  const areas = prep(db, 'SELECT id, name, active FROM areas').all() as { id: number; name: string; active: number }[];
  const areaOf = (name: string): Village => {
    const hits = villagesNamed(name, areas);
    const active = hits.filter((a) => a.active);
    if (active.length > 1)
      return { refused: `村（社区）“${name}”可能是${active.map((a) => a.name).join('或')}：请在文件中写全名称` };
    if (active[0]) return { id: active[0].id };
    // A village the clerk matched it to on the preview: one of the ledger's in use, or the row says why not.
    if (input.areaMap[name] !== undefined) {
      const mapped = areas.find((a) => a.id === input.areaMap[name]);
      if (mapped?.active) return { id: mapped.id };
      return { refused: `“${name}”对应的村（社区）${mapped ? '已停用' : '不存在'}：请重新选择` };
    }
    const { create, may, who } = input.areas;
    if (hits.length > 0)
      return { refused: `村（社区）“${name}”在台账中已停用：请管理员在“设置”中重新启用，或对应到已有的村（社区）` };
    if (!may)
      return {
        refused: `村（社区）“${name}”不在台账中：只有${who}可以新建村（社区），请${who}导入这个文件，或先在“设置”中添加`,
      };
    if (!create)
      return { refused: `村（社区）“${name}”不在台账中：可勾选“新建这些村（社区）”，或对应到已有的村（社区）` };
    const problem = villageNameProblem(name);
    return problem ? { refused: problem } : { create: name };
  };

  // The data rows, each read into a line with what it says; blank and 合计 rows are only counted.
  type Row = { line: Line; cells: Cell[]; id: ParsedId | null };
  const rows: Row[] = [];
  const firstById = new Map<string, number>();
  for (let r = layout.headerAt + layout.headerRows; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r];
    if (!cells.some((c) => cellText(c) !== '') || isTotalRow(cells)) {
      result.blank++;
      continue;
    }
    const line: Line = {
      row: r + 1,
      status: 'ok',
      reasons: [],
      name: '',
      idMasked: '',
      area: '',
      detail: '',
      decision: null,
    };
    const take = <T>(read: Read<T>): T | null => {
      if (read.ok && read.note) line.reasons.push(read.note);
      if (read.ok) return read.value;
      line.status = 'refused';
      line.reasons.push(read.message);
      return null;
    };
    line.name = take(readName(col(cells, 'name'))) ?? cellText(col(cells, 'name'));
    const id = take(readId(col(cells, 'idNumber'), today));
    line.idMasked = id ? maskIdNumber(id.idNumber) : maskIdNumber(cellText(col(cells, 'idNumber')));
    line.area = cellText(col(cells, 'area'));
    if (id && kind === 'households') {
      const first = firstById.get(id.idNumber);
      if (first) refuse(line, `与第 ${first} 行的身份证号相同`);
      else firstById.set(id.idNumber, line.row);
    }
    rows.push({ line, cells, id });
    result.lines.push(line);
    onRow(Math.floor(result.lines.length / 2));
  }

  const held = new Map<string, Held>();
  const ids = rows.flatMap((r) => (r.id ? [r.id.idNumber] : []));
  input.onIds(ids);
  for (const h of prep(
    db,
    `SELECT p.id_number AS idNumber, p.id AS personId, p.name, p.household_id AS householdId,
       h.head_person_id = p.id AS isHead, h.head_name AS head, a.name AS area, h.area_id AS areaId, h.account
     FROM persons p
     JOIN households h ON h.id = p.household_id
     JOIN areas a ON a.id = h.area_id
     WHERE p.id_number IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ids)) as (Held & { idNumber: string })[])
    held.set(h.idNumber, h);
  const holderOf = (h: Held) =>
    input.seesFullId ? `${h.name}（${h.area}，${h.head}户，户号 ${h.householdId}）` : null;

  const planned = (n: number) => onRow(Math.floor(rows.length / 2) + Math.ceil(n / 2));
  if (kind === 'households') planHouseholds(db, input, rows, held, holderOf, has, col, areaOf, result, planned);
  else planCases(db, input, rows, held, col, result, planned);
  return result;
}

/** Names compared without the blanks inside them: the ledger may hold one typed before imports removed them. */
const squash = (s: string) => s.replace(/[\s\u3000]/g, '');

/** A number already held, as said to a role that may not see it: no name, no household, nothing compared. */
const HELD = '身份证号已在台账中登记，请审核人核对';

function refuse(line: Line, reason: string): void {
  line.status = 'refused';
  line.reasons.push(reason);
}

type Col = (cells: Cell[], key: string) => Cell;
/** A village named in the file: the ledger's, one the import makes, or why neither. */
type Village = { id: number } | { create: string } | { refused: string };
type Source = { line: Line; cells: Cell[]; id: ParsedId | null };
interface Group {
  /** The row that speaks for the household: the head's, or the first member's when the head is only in the ledger. */
  first: Source;
  head: NewPerson | null;
  existing: Held | null;
  members: NewPerson[];
}

function readPerson(source: Source, has: (key: string) => boolean, col: Col): NewPerson {
  const { line, cells } = source;
  const person: NewPerson = {
    line,
    name: line.name,
    id: source.id!,
    relation: '户主',
    phone: '',
    disabilityType: null,
    disabilityGrade: null,
    disabilityCert: cellText(col(cells, 'disabilityCert')) || null,
    initials: '',
    pinyin: '',
  };
  const note = <T>(read: Read<T>, set: (v: T) => void) => {
    if (!read.ok) return refuse(line, read.message);
    if (read.note) line.reasons.push(read.note);
    set(read.value);
  };
  if (has('relation')) note(readRelation(col(cells, 'relation')), (v) => (person.relation = v));
  note(readPhone(col(cells, 'phone')), (v) => (person.phone = v));
  note(readDisability(col(cells, 'disabilityType'), col(cells, 'disabilityGrade')), (v) => {
    person.disabilityType = v.type;
    person.disabilityGrade = v.grade;
  });
  return person;
}

/** Rows into households: by 户主身份证号 when that column is given, else each 户主 row and the rows under it. */
function group(input: CheckInput, rows: Source[], held: Map<string, Held>, has: (k: string) => boolean, col: Col) {
  const groups: Group[] = [];
  const byHead = new Map<string, Group>();
  let current: Group | null = null;
  for (const source of rows) {
    const person = readPerson(source, has, col);
    const headCell = has('headIdNumber') ? cellText(col(source.cells, 'headIdNumber')) : '';
    const headId = headCell ? readId(headCell, input.today) : null;
    const ownHead = headId?.ok && source.id?.idNumber === headId.value.idNumber;
    if (person.relation === '户主' || ownHead || (has('headIdNumber') && !headCell && !has('relation'))) {
      if (person.relation !== '户主' && ownHead) person.relation = '户主';
      current = { first: source, head: person, existing: null, members: [] };
      groups.push(current);
      if (source.id) byHead.set(source.id.idNumber, current);
      continue;
    }
    let g: Group | null = current;
    if (headCell) {
      if (!headId?.ok) {
        refuse(source.line, `户主身份证号：${headId ? (headId as { message: string }).message : ''}`);
        continue;
      }
      g = byHead.get(headId.value.idNumber) ?? null;
      const inLedger = held.get(headId.value.idNumber);
      if (!g && inLedger?.isHead) {
        g = { first: source, head: null, existing: inLedger, members: [] };
        groups.push(g);
        byHead.set(headId.value.idNumber, g);
      }
      if (!g) refuse(source.line, '按户主身份证号在本文件和台账中都找不到户主');
    } else if (!g) refuse(source.line, '前面没有户主行：请把成员放在户主行之后，或填写户主身份证号');
    if (!g) continue;
    g.members.push(person);
    source.line.detail = person.relation;
  }
  return groups;
}

function planHouseholds(
  db: DB,
  input: CheckInput,
  rows: Source[],
  held: Map<string, Held>,
  holderOf: (h: Held) => string | null,
  has: (key: string) => boolean,
  col: Col,
  areaOf: (name: string) => Village,
  result: Checked,
  planned: (rows: number) => void,
): void {
  const categories = prep(db, 'SELECT code AS key, name FROM hardship_categories WHERE active = 1').all() as {
    key: string;
    name: string;
  }[];
  const openCodes = prep(
    db,
    `SELECT category_code AS code
     FROM household_categories
     WHERE household_id = ? AND to_date IS NULL`,
  );
  let done = 0;
  const lines: { plan: HouseholdPlan; line: Line }[] = [];
  for (const g of group(input, rows, held, has, col)) {
    planned((done += g.members.length + (g.head ? 1 : 0)));
    const first = g.first.line;
    const cells = g.first.cells;
    if (g.head) {
      const h = g.head.id && held.get(g.head.id.idNumber);
      if (h?.isHead) g.existing = h;
      else if (h) {
        const who = holderOf(h);
        refuse(first, who ? `已是台账中另一户的成员：${who}，导入不会移动人员，请在台账中办理迁移` : HELD);
      }
    }
    let areaId = g.existing?.areaId ?? null;
    let newArea: string | null = null;
    if (!g.existing) {
      const areaName = cellText(col(cells, 'area'));
      const village = areaName ? areaOf(areaName) : null;
      if (!village) refuse(first, '请填写村（社区）');
      else if ('id' in village) areaId = village.id;
      else {
        result.unknownAreas.set(areaName, (result.unknownAreas.get(areaName) ?? 0) + 1);
        if ('refused' in village) refuse(first, village.refused);
        else {
          newArea = village.create; // its reason is written once the village to make is known, below
        }
      }
    }
    const account = readAccount(col(cells, 'account'));
    if (!account.ok) refuse(first, account.message);
    const phone: Read<string> = has('householdPhone')
      ? readPhone(col(cells, 'householdPhone'))
      : { ok: true, value: g.head?.phone ?? '' };
    if (!phone.ok) refuse(first, phone.message);
    const cats = readCategories(
      cellText(col(cells, 'categories')),
      col(cells, 'categoryFrom'),
      categories,
      input.today,
    );
    if (!cats.ok) refuse(first, cats.message);
    else if (cats.note) first.reasons.push(cats.note);

    if (g.existing && first.status !== 'refused') {
      const who = holderOf(g.existing);
      if (!who) refuse(first, HELD);
      else {
        first.status = 'confirm';
        first.decision = input.decisions[String(first.row)] ?? 'skip';
        first.reasons.unshift(`户主已在台账：${who}。可合并（补充缺少的成员和困难类别）或跳过`);
      }
    }
    for (const m of g.members) {
      const h = m.id && held.get(m.id.idNumber);
      if (!h) continue;
      if (g.existing && h.householdId === g.existing.householdId) {
        m.existing = true;
        m.line.status = 'confirm';
        m.line.reasons.push('已在台账该户中，不重复导入');
      } else {
        const who = holderOf(h);
        refuse(m.line, who ? `已是台账中另一户的成员：${who}，导入不会移动人员` : HELD);
      }
    }
    const skipped = first.decision === 'skip';
    if (first.status === 'refused' || skipped) {
      for (const m of g.members) {
        if (m.line === first || m.line.status === 'refused') continue;
        if (skipped) {
          m.line.status = 'confirm';
          m.line.reasons.push('所在户选择了跳过');
        } else refuse(m.line, `所在户的第 ${first.row} 行不能导入`);
      }
      continue;
    }
    const open = new Set(
      g.existing ? (openCodes.all(g.existing.householdId) as { code: string }[]).map((c) => c.code) : [],
    );
    const plan: HouseholdPlan = {
      existingId: g.existing?.householdId ?? null,
      areaId: areaId ?? 0,
      newArea,
      address: cellText(col(cells, 'address')),
      phone: phone.ok ? phone.value : '',
      bankName: cellText(col(cells, 'bankName')),
      account: account.ok ? account.value : '',
      members: [...(g.head && !g.existing ? [g.head] : []), ...g.members].filter(
        (m) => m.line.status !== 'refused' && !m.existing,
      ),
      categories: (cats.ok ? cats.value : []).filter((c) => !open.has(c.code)),
    };
    plan.members.forEach((m, i) => {
      m.initials = initials(m.name);
      m.pinyin = i === 0 && !g.existing ? fullPinyin(m.name) : '';
    });
    result.plan.households.push(plan);
    lines.push({ plan, line: first });
    const what = g.existing ? '合并到台账中的户' : '新户';
    first.detail = `${first.detail || '户主'}；${what}，${plan.members.length} 人${plan.categories.length ? `，${plan.categories.length} 个类别` : ''}`;
  }
  // The villages to make: those of the households that will be written (a refused row's makes none), one per
  // place however the rows spell it (villages.ts); a row spelling it otherwise says which village it goes into.
  const made = newVillages(lines.flatMap(({ plan }) => (plan.newArea ? [plan.newArea] : [])));
  for (const { plan, line } of lines) {
    if (!plan.newArea) continue;
    const into = made.get(plan.newArea)!;
    line.reasons.push(
      into === plan.newArea ? `将新建村（社区）“${into}”` : `将新建村（社区）“${into}”（文件中写作“${plan.newArea}”）`,
    );
    plan.newArea = into;
  }
  result.plan.areas = [...new Set(made.values())];
}

/** 低保、重度残疾 or 低保 2024-03-01；重度残疾 2025-01-01~2025-12-31; a day column gives the start of all. */
function readCategories(
  cell: string,
  fromCell: Cell,
  known: { key: string; name: string }[],
  today: string,
): Read<Category[]> {
  if (!cell) return { ok: true, value: [] };
  const from = cellText(fromCell) ? readDay(fromCell) : null;
  if (from && !from.ok) return { ok: false, message: `纳入日期：${from.message}` };
  const out: Category[] = [];
  let defaulted = false;
  for (const item of cell.split(LIST_SEPARATOR).filter(Boolean)) {
    const m =
      /^(.+?)[\s（(]*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})?(?:\s*[~至]\s*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}))?[)）]?$/.exec(
        item.trim(),
      )!;
    const code = lookup(known, CATEGORY_ALIASES, m[1]);
    if (!code)
      return { ok: false, message: `困难类别“${m[1]}”不在台账中（可用：${known.map((k) => k.name).join('、')}）` };
    const start = m[2] ? readDay(m[2]) : from;
    if (start && !start.ok) return { ok: false, message: `困难类别“${m[1]}”的日期：${start.message}` };
    const end = m[3] ? readDay(m[3]) : null;
    if (end && !end.ok) return { ok: false, message: `困难类别“${m[1]}”的结束日期：${end.message}` };
    if (!start) defaulted = true;
    const day = start ? start.value : today;
    if (day > today) return { ok: false, message: `困难类别“${m[1]}”的纳入日期 ${day} 晚于今天` };
    if (end && end.value < day) return { ok: false, message: `困难类别“${m[1]}”的结束日期早于纳入日期` };
    if (out.some((c) => c.code === code)) continue;
    out.push({ code, from: day, to: end ? end.value : null });
  }
  return { ok: true, value: out, note: defaulted ? `未填纳入日期的困难类别按今天（${today}）纳入` : undefined };
}

/** Entitlements and past payments: for persons already in the ledger (import the 户籍花名册 first). */
function planCases(
  db: DB,
  input: CheckInput,
  rows: Source[],
  held: Map<string, Held>,
  col: Col,
  result: Checked,
  planned: (rows: number) => void,
): void {
  const monthly = input.kind === 'entitlements';
  const kinds = prep(
    db,
    `SELECT code AS key, name, recurrence, coalesce(parent_code, code) AS top
     FROM relief_kinds
     WHERE active = 1`,
  ).all() as { key: string; name: string; recurrence: string; top: string }[];
  const offered = monthly ? kinds.filter((k) => k.recurrence === 'monthly') : kinds;
  const entitlementsOf = prep(
    db,
    `SELECT e.id, e.start_month AS start, e.end_month AS end, a.acceptance_no AS no
     FROM entitlements e
     JOIN applications a ON a.id = e.application_id
     WHERE a.person_id = ? AND a.kind_code = ? AND a.state IN ('approved', 'paid')`,
  );
  const standing = prep(
    db,
    `SELECT id
     FROM payments p
     WHERE entitlement_id = ? AND for_month = ? AND reverses_id IS NULL
       AND NOT EXISTS (SELECT 1 FROM payments r WHERE r.reverses_id = p.id)`,
  );
  const closed = new Set(
    (prep(db, 'SELECT month FROM closed_months').all() as { month: string }[]).map((m) => m.month),
  );
  const month = input.today.slice(0, 7);
  const seen = new Map<string, number>();
  let done = 0;
  for (const { line, cells, id } of rows) {
    planned(++done);
    const h = id ? held.get(id.idNumber) : undefined;
    if (id && !h) refuse(line, '台账中没有此人：请先导入户籍花名册，或在台账中登记');
    else if (h && squash(h.name) !== squash(line.name)) refuse(line, `姓名与台账不符（台账中是“${h.name}”）`);
    if (h) line.area ||= h.area;
    const kindName = cellText(col(cells, 'kind'));
    const code = kindName ? lookup(offered, KIND_ALIASES, kindName) : null;
    const kind = offered.find((k) => k.key === code);
    if (!kind)
      refuse(
        line,
        kindName
          ? `救助类别“${kindName}”不在台账中${monthly ? '或不是按月发放的' : ''}（可用：${offered.map((k) => k.name).join('、')}）`
          : '请填写救助类别',
      );
    const fen = readYuan(col(cells, monthly ? 'monthly' : 'amount'));
    if (!fen.ok) refuse(line, fen.message);
    const startCell = col(cells, monthly ? 'startMonth' : 'paidMonth');
    // 在保名册: the row's own 起始月份, else the month chosen for the file, else the row says what is missing.
    const chosen = monthly && !cellText(startCell) && input.startMonth;
    const start: Read<string> = chosen
      ? { ok: true, value: chosen }
      : monthly && !cellText(startCell)
        ? {
            ok: false,
            message:
              input.layout.mapping.startMonth == null
                ? '缺少起始月份：请在预览中为整个文件选择起始月份，或对应“起始月份”列'
                : '起始月份为空：请填写，或在预览中为整个文件选择起始月份',
          }
        : readMonth(startCell);
    if (!start.ok) refuse(line, start.message);
    const endCell = monthly ? col(cells, 'endMonth') : '';
    const end = cellText(endCell) ? readMonth(endCell) : null;
    if (end && !end.ok) refuse(line, `终止月份：${end.message}`);
    if (!h || !kind || !fen.ok || !start.ok || (end && !end.ok)) continue;
    const key = `${h.personId}|${kind.key}|${monthly ? '' : start.value}`;
    if (seen.has(key)) {
      refuse(line, `与第 ${seen.get(key)} 行重复（同一人、同一类别${monthly ? '' : '、同一月份'}）`);
      continue;
    }
    seen.set(key, line.row);
    const found = entitlementsOf.all(h.personId, kind.key) as {
      id: number;
      start: string;
      end: string | null;
      no: string;
    }[];
    const plan: CasePlan = {
      row: line.row,
      personId: h.personId,
      householdId: h.householdId,
      areaId: h.areaId,
      kind: kind.key,
      topKind: kind.top,
      fen: fen.value,
      start: start.value,
      end: end?.ok ? end.value : null,
      paidOn: '',
      entitlementId: null,
      account: h.account,
    };
    if (monthly) {
      const last = plan.end ?? '9999-12';
      const overlap = found.find((e) => e.start <= last && (e.end ?? '9999-12') >= plan.start);
      if (end?.ok && end.value < start.value) refuse(line, '终止月份早于起始月份');
      else if (overlap) refuse(line, `已有在保待遇（受理号 ${overlap.no}，自 ${overlap.start} 起）`);
      else result.plan.entitlements.push(plan);
      line.detail = `${kind.name} ${formatYuan(plan.fen)} 元/月，自 ${plan.start}${chosen ? '（所选起始月份）' : ''}${plan.end ? ` 至 ${plan.end}` : ''}`;
      continue;
    }
    if (plan.start > month) refuse(line, `发放月份 ${plan.start} 晚于本月`);
    else if (closed.has(plan.start)) refuse(line, `${plan.start} 已结账，不能再记入该月的发放`);
    const ent = found.find((e) => e.start <= plan.start && (e.end ?? '9999-12') >= plan.start);
    const paid = ent && (standing.get(ent.id, plan.start) as { id: number } | undefined);
    if (paid) refuse(line, `${plan.start} 已发放过（凭证号 ${paid.id}）`);
    line.detail = `${kind.name} ${formatYuan(plan.fen)} 元，${plan.start}${ent ? '（按在保待遇）' : ''}`;
    if (line.status === 'refused') continue;
    plan.entitlementId = ent?.id ?? null;
    // The day paid is not on old rosters: the month's last day, or today within this month.
    const lastDay = new Date(Date.UTC(Number(plan.start.slice(0, 4)), Number(plan.start.slice(5, 7)), 0));
    plan.paidOn = plan.start === month ? input.today : lastDay.toISOString().slice(0, 10);
    result.plan.payments.push(plan);
  }
}
