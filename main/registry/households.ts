// Households in need: registration, categories over time, exit, reveal; their members are in persons.ts.
import type { z } from 'zod';

import { type ParsedId, parseIdNumber } from '../../shared/domain/idNumber';
import { AppError } from '../../shared/domain/result';
import { dateCn, isoCn } from '../../shared/domain/time';
import type { householdCreateInput, HouseholdDetail, memberInput, PersonView } from '../../shared/schemas/registry';
import type { Handlers } from '../core/dispatch';
import { ACCOUNT_TAIL, fullIdLookup, MASKED_ID, seesFullId } from '../core/idLookups';
import { fullPinyin, initials } from '../core/pinyin';
import { type DB, prep } from '../db/open';
import { categoryName } from './categories';
import { endPeriod } from './periods';

type Member = z.output<typeof memberInput>;

/** Cleans and checks an ID number; an ID already in the ledger names its holder and links to the household. */
/**
 * Cleans and checks an ID number. One already in the ledger is refused; its holder is named (with a link) only to a
 * role that may see full numbers (`nameHolder`), so a clerk's guess is not confirmed by a name.
 */
export function checkIdNumber(
  db: DB,
  raw: string,
  today: string,
  field: string,
  exceptPersonId = 0,
  nameHolder = true,
): ParsedId {
  const parsed = parseIdNumber(raw, today);
  if (!parsed.ok) throw new AppError('VALIDATION', parsed.message, field);
  const holder = db
    .prepare(
      `SELECT p.name, p.household_id AS householdId, a.name AS area, h.head_name AS head
        FROM persons p
        JOIN households h ON h.id = p.household_id
        JOIN areas a ON a.id = h.area_id
        WHERE p.id_number = ? AND p.id <> ?`,
    )
    .get(parsed.value.idNumber, exceptPersonId) as
    { name: string; householdId: number; area: string; head: string } | undefined;
  if (holder && !nameHolder)
    throw new AppError('CONFLICT', '这个身份证号已在台账中登记，不能重复登记。请审核人核对是哪一户', field);
  if (holder)
    throw new AppError(
      'CONFLICT',
      `这个身份证号已登记：${holder.name}，${holder.area}，户号 ${holder.householdId}（户主 ${holder.head}）`,
      field,
      `/ledger/household/${holder.householdId}`,
    );
  return parsed.value;
}

export function insertPerson(
  db: DB,
  householdId: number,
  m: Member,
  at: string,
  today: string,
  field: string,
  nameHolder = true,
): number {
  const id = checkIdNumber(db, m.idNumber, today, field, 0, nameHolder);
  if ((m.disabilityGrade ?? null) !== null && !m.disabilityType)
    throw new AppError(
      'VALIDATION',
      '填写了残疾等级，请同时选择残疾类别',
      field.replace(/idNumber$/, 'disabilityType'),
    );
  return Number(
    db
      .prepare(
        `INSERT INTO persons (household_id, name, name_initials, id_number, id_reversed, gender, birth_date, relation,
           disability_type, disability_grade, disability_cert, phone, created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        householdId,
        m.name,
        initials(m.name),
        id.idNumber,
        [...id.idNumber].reverse().join(''),
        id.gender,
        id.birthDate,
        m.relation,
        m.disabilityType ?? null,
        m.disabilityGrade ?? null,
        m.disabilityCert || null,
        m.phone,
        at,
        at,
      ).lastInsertRowid,
  );
}

function requireArea(db: DB, areaId: number): void {
  if (!prep(db, 'SELECT 1 FROM areas WHERE id = ? AND active = 1').get(areaId))
    throw new AppError('VALIDATION', '请选择村/社区', 'areaId');
}

export function createHousehold(
  db: DB,
  input: z.output<typeof householdCreateInput>,
  now: Date,
  nameHolder = true,
): number {
  requireArea(db, input.areaId);
  const at = isoCn(now);
  const today = dateCn(now);
  const head = input.members[0];
  if (head.relation !== '户主') throw new AppError('VALIDATION', '第一位成员应为户主', 'members.0.relation');
  if (input.members.slice(1).some((m) => m.relation === '户主'))
    throw new AppError('VALIDATION', '一户只能有一位户主', 'members');
  const codes = [...new Set(input.categories)];
  codes.forEach((c) => categoryName(db, c));
  const householdId = Number(
    db
      .prepare(
        `INSERT INTO households (area_id, head_name, head_pinyin, address, phone, bank_name, account, notes,
          created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.areaId,
        head.name,
        fullPinyin(head.name),
        input.address,
        input.phone,
        input.bankName,
        input.account,
        input.notes,
        at,
        at,
      ).lastInsertRowid,
  );
  const ids = input.members.map((m, i) =>
    insertPerson(db, householdId, m, at, today, `members.${i}.idNumber`, nameHolder),
  );
  prep(db, 'UPDATE households SET head_person_id = ? WHERE id = ?').run(ids[0], householdId);
  const addCategory = prep(
    db,
    'INSERT INTO household_categories (household_id, category_code, from_date) VALUES (?, ?, ?)',
  );
  for (const c of codes) addCategory.run(householdId, c, today);
  return householdId;
}

const PERSON_SQL = `SELECT id, name, ${MASKED_ID('id_number')} AS idMasked, gender, birth_date AS birthDate, relation,
    phone,
  disability_type AS disabilityType, disability_grade AS disabilityGrade, disability_cert AS disabilityCert
  FROM persons`;

/**
 * One household as its page shows it. A role that may not see full ID numbers sees each member's birth year only:
 * the masked number with the whole birth date would leave two digits to guess.
 */
export function householdDetail(db: DB, id: number, wholeBirthDates = true): HouseholdDetail {
  const h = db
    .prepare(
      `SELECT h.id, h.area_id AS areaId, a.name AS area, h.head_person_id AS headPersonId, h.head_name AS headName,
          h.address, h.phone,
              h.bank_name AS bankName, ${ACCOUNT_TAIL('h.account')} AS accountTail, h.status,
          h.exited_on AS exitedOn,
              h.exit_reason AS exitReason, h.notes, h.created_at AS createdAt
        FROM households h
        JOIN areas a ON a.id = h.area_id
        WHERE h.id = ?`,
    )
    .get(id) as Omit<HouseholdDetail, 'members' | 'categories' | 'moves'> | undefined;
  if (!h) throw new AppError('NOT_FOUND', `找不到户号 ${id}`);
  return {
    ...h,
    members:
      // By birth year, not date: an order by the whole date would tell a clerk (who sees years only) a member's birth
      // day against a probe member added beside them, and with it all but two digits of the ID number.
      (
        prep(db, `${PERSON_SQL} WHERE household_id = ? ORDER BY relation <> '户主', substr(birth_date, 1, 4), id`).all(
          id,
        ) as PersonView[]
      ).map((m) => (wholeBirthDates ? m : { ...m, birthDate: m.birthDate.slice(0, 4) })),
    categories: db
      .prepare(
        `SELECT c.id, c.category_code AS code, k.name, c.from_date AS fromDate, c.to_date AS toDate
          FROM household_categories c
          JOIN hardship_categories k ON k.code = c.category_code
          WHERE c.household_id = ?
          ORDER BY c.to_date IS NOT NULL, c.from_date DESC, c.id`,
      )
      .all(id) as HouseholdDetail['categories'],
    moves: db
      .prepare(
        `SELECT p.name AS personName, m.from_household_id AS fromHouseholdId, m.to_household_id AS toHouseholdId,
            m.moved_on AS movedOn, m.reason
          FROM person_moves m
          JOIN persons p ON p.id = m.person_id
          WHERE m.from_household_id = ? OR m.to_household_id = ?
          ORDER BY m.id`,
      )
      .all(id, id) as HouseholdDetail['moves'],
  };
}

export function registered(db: DB, id: number, field = 'householdId'): HouseholdDetail {
  const h = householdDetail(db, id);
  if (h.status !== 'registered')
    throw new AppError('CONFLICT', `户号 ${id}（户主 ${h.headName}）已于 ${h.exitedOn} 退出台账，不能再修改`, field);
  return h;
}

export const householdHandlers = {
  'households.get': (ctx, input) => householdDetail(ctx.db, input.id, seesFullId(ctx)),

  'households.create': (ctx, input) => {
    // Registering tells whether each number is already held: a lookup per member (core/idLookups.ts).
    input.members.forEach((m) => fullIdLookup(ctx, m.idNumber));
    const id = createHousehold(ctx.db, input, ctx.now, seesFullId(ctx));
    const after = householdDetail(ctx.db, id, seesFullId(ctx));
    ctx.audit('household', id, null, after);
    return after;
  },

  'households.update': (ctx, input) => {
    const before = registered(ctx.db, input.id, 'id');
    requireArea(ctx.db, input.areaId);
    ctx.db
      .prepare(
        `UPDATE households
          SET area_id = ?, address = ?, phone = ?, bank_name = ?, account = ?, notes = ?, updated_at = ?
          WHERE id = ?`,
      )
      .run(
        input.areaId,
        input.address,
        input.phone,
        input.bankName,
        input.account,
        input.notes,
        isoCn(ctx.now),
        input.id,
      );
    const after = householdDetail(ctx.db, input.id, seesFullId(ctx));
    ctx.audit('household', input.id, before, after);
    return after;
  },

  'households.exit': (ctx, input) => {
    const before = registered(ctx.db, input.id, 'id');
    if (input.exitedOn > dateCn(ctx.now)) throw new AppError('VALIDATION', '退出日期不能晚于今天', 'exitedOn');
    const registeredOn = before.createdAt.slice(0, 10);
    if (input.exitedOn < registeredOn)
      throw new AppError('VALIDATION', `退出日期不能早于登记日期 ${registeredOn}`, 'exitedOn');
    prep(
      ctx.db,
      `UPDATE households SET status = 'exited', exited_on = ?, exit_reason = ?, updated_at = ? WHERE id = ?`,
    ).run(input.exitedOn, input.reason, isoCn(ctx.now), input.id);
    prep(
      ctx.db,
      'UPDATE household_categories SET to_date = max(from_date, ?) WHERE household_id = ? AND to_date IS NULL',
    ).run(input.exitedOn, input.id);
    const after = householdDetail(ctx.db, input.id, seesFullId(ctx));
    ctx.audit('household', input.id, before, after);
    return after;
  },

  'households.startCategory': (ctx, input) => {
    const before = registered(ctx.db, input.householdId);
    categoryName(ctx.db, input.code);
    const registeredOn = before.createdAt.slice(0, 10);
    if (input.fromDate < registeredOn)
      throw new AppError('VALIDATION', `开始日期不能早于这一户的登记日期（${registeredOn}）`, 'fromDate');
    if (input.fromDate > dateCn(ctx.now)) throw new AppError('VALIDATION', '开始日期不能晚于今天', 'fromDate');
    if (
      prep(
        ctx.db,
        `SELECT 1
          FROM household_categories
          WHERE household_id = ? AND category_code = ? AND (to_date IS NULL OR to_date >= ?)`,
      ).get(input.householdId, input.code, input.fromDate)
    )
      throw new AppError('CONFLICT', '这一户已有这个困难类别，请先结束原来的记录', 'code');
    prep(ctx.db, 'INSERT INTO household_categories (household_id, category_code, from_date) VALUES (?, ?, ?)').run(
      input.householdId,
      input.code,
      input.fromDate,
    );
    const after = householdDetail(ctx.db, input.householdId, seesFullId(ctx));
    ctx.audit('household', input.householdId, before.categories, after.categories);
    return after;
  },

  'households.endCategory': (ctx, input) => {
    const owner = prep(ctx.db, 'SELECT household_id AS id FROM household_categories WHERE id = ?').get(input.id) as
      { id: number } | undefined;
    const before = owner ? registered(ctx.db, owner.id) : null;
    const { householdId } = endPeriod(ctx.db, {
      table: 'household_categories',
      id: input.id,
      toDate: input.toDate,
      today: dateCn(ctx.now),
      noun: '这条困难类别记录',
      startLabel: '开始日期',
    });
    const after = householdDetail(ctx.db, householdId, seesFullId(ctx));
    ctx.audit('household', householdId, before?.categories, after.categories);
    return after;
  },
} satisfies Partial<Handlers>;
