// Writes a checked plan in one transaction, marked with its import; and undoes an import as a whole while nothing
// written since depends on it. Payments are never deleted: an imported payment is undone by its reversal.
import { AppError } from '../../shared/domain/result';
import { dateCn, isoCn } from '../../shared/domain/time';
import type { ImportRecord } from '../../shared/schemas/imports';
import { nextNumber } from '../core/numbers';
import { type DB, prep } from '../db/open';
import type { Plan } from './importCheck';

export const RECORD = `SELECT i.id, i.kind, i.file_name AS fileName, i.sheet, i.rows_read AS rowsRead,
    i.rows_done AS rowsDone, i.rows_left AS rowsLeft, i.counts, s.display_name AS staffName, i.at,
    i.undone_at AS undoneAt
  FROM imports i
  JOIN staff s ON s.id = i.staff_id`;

export const importRecord = (db: DB, id: number): ImportRecord =>
  prep(db, `${RECORD}\nWHERE i.id = ?`).get(id) as ImportRecord;

export interface ImportHead {
  kind: string;
  fileName: string;
  sha256: string;
  sheet: string;
  rowsRead: number;
  rowsDone: number;
  rowsLeft: number;
}

/** Rows written between two looks at the event loop: the progress bar moves and a cancel is heard. */
const CHUNK = 500;

/**
 * Writes the plan inside the caller's open transaction, yielding every CHUNK rows through `pause` (which reports
 * progress). Returns the import's id, what was written and the villages made (the caller audits each).
 */
export async function writePlan(
  db: DB,
  plan: Plan,
  head: ImportHead,
  staffId: number,
  now: Date,
  pause: (written: number) => Promise<void>,
): Promise<{ id: number; counts: Record<string, number>; areas: { id: number; name: string }[] }> {
  const at = isoCn(now);
  const today = dateCn(now);
  const counts = { areas: 0, households: 0, persons: 0, categories: 0, applications: 0, payments: 0 };
  const importId = Number(
    prep(
      db,
      `INSERT INTO imports (kind, file_name, sha256, sheet, rows_read, rows_done, rows_left, counts, staff_id, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, '{}', ?, ?)`,
    ).run(head.kind, head.fileName, head.sha256, head.sheet, head.rowsRead, head.rowsDone, head.rowsLeft, staffId, at)
      .lastInsertRowid,
  );
  const household = prep(
    db,
    `INSERT INTO households (area_id, head_name, head_pinyin, address, phone, bank_name, account, created_at,
       updated_at, import_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const person = prep(
    db,
    `INSERT INTO persons (household_id, name, name_initials, id_number, id_reversed, gender, birth_date, relation,
       disability_type, disability_grade, disability_cert, phone, created_at, updated_at, import_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const setHead = prep(db, 'UPDATE households SET head_person_id = ? WHERE id = ?');
  const category = prep(
    db,
    `INSERT INTO household_categories (household_id, category_code, from_date, to_date, import_id)
     VALUES (?, ?, ?, ?, ?)`,
  );
  let written = 0;
  const tick = async () => {
    if (++written % CHUNK === 0) await pause(written);
  };

  // The villages first, in this transaction: a failed import leaves none behind. They carry no import_id: an undo
  // keeps them (undoImport).
  const area = prep(db, 'INSERT INTO areas (name, sort_order) VALUES (?, 0)');
  const areas = plan.areas.map((name) => ({ id: Number(area.run(name).lastInsertRowid), name }));
  const areaIds = new Map(areas.map((a) => [a.name, a.id]));
  counts.areas = areas.length;

  for (const h of plan.households) {
    let householdId = h.existingId;
    if (householdId === null) {
      const head = h.members[0];
      const areaId = h.newArea === null ? h.areaId : areaIds.get(h.newArea)!;
      householdId = Number(
        household.run(areaId, head.name, head.pinyin, h.address, h.phone, h.bankName, h.account, at, at, importId)
          .lastInsertRowid,
      );
      counts.households++;
    }
    for (const m of h.members) {
      const id = m.id.idNumber;
      const personId = Number(
        person.run(
          householdId,
          m.name,
          m.initials,
          id,
          [...id].reverse().join(''),
          m.id.gender,
          m.id.birthDate,
          m.relation,
          m.disabilityType,
          m.disabilityGrade,
          m.disabilityCert,
          m.phone,
          at,
          at,
          importId,
        ).lastInsertRowid,
      );
      if (h.existingId === null && m === h.members[0]) setHead.run(personId, householdId);
      counts.persons++;
      await tick();
    }
    for (const c of h.categories) {
      category.run(householdId, c.code, c.from, c.to, importId);
      counts.categories++;
    }
  }

  const application = prep(
    db,
    `INSERT INTO applications (acceptance_no, household_id, person_id, area_id, kind_code, reason, requested_fen,
       approved_fen, state, accepted_on, deadline, decided_on, registered_by, decided_by, created_at, updated_at,
       import_id)
     VALUES (@no, @householdId, @personId, @areaId, @kind, @reason, @fen, @fen, @state, @day, @day, @day, @staff,
       @staff, @at, @at, @importId)`,
  );
  const step = prep(
    db,
    `INSERT INTO application_steps (application_id, action, from_state, to_state, on_date, staff_id, at, detail)
     VALUES (?, 'import', NULL, ?, ?, ?, ?, ?)`,
  );
  const entitlement = prep(
    db,
    `INSERT INTO entitlements (application_id, monthly_fen, start_month, end_month, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const applicationOf = prep(db, 'SELECT application_id AS id FROM entitlements WHERE id = ?');
  const payment = prep(
    db,
    `INSERT INTO payments (application_id, household_id, person_id, area_id, kind_code, top_kind, amount_fen, paid_on,
       method, account, entitlement_id, for_month, note, posted_by, posted_at, import_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const year = Number(today.slice(0, 4));
  const newCase = (c: Plan['payments'][number], state: string, day: string) => {
    const no = `${year}-${String(nextNumber(db, 'acceptance', year)).padStart(5, '0')}`;
    const reason = `导入：${head.fileName} 第 ${c.row} 行`;
    const args = { no, ...c, reason, state, day, staff: staffId, at, importId };
    const id = Number(application.run(args).lastInsertRowid);
    step.run(id, state, today, staffId, at, JSON.stringify({ importId, row: c.row }));
    counts.applications++;
    return id;
  };
  for (const e of plan.entitlements) {
    const applicationId = newCase(e, 'approved', `${e.start}-01` < today ? `${e.start}-01` : today);
    entitlement.run(applicationId, e.fen, e.start, e.end, staffId, at, at);
    await tick();
  }
  for (const p of plan.payments) {
    const linked = p.entitlementId === null ? null : (applicationOf.get(p.entitlementId) as { id: number }).id;
    const applicationId = linked ?? newCase(p, 'paid', p.paidOn);
    const method = p.account ? 'bank' : 'cash';
    payment.run(
      applicationId,
      p.householdId,
      p.personId,
      p.areaId,
      p.kind,
      p.topKind,
      p.fen,
      p.paidOn,
      method,
      p.account || null,
      p.entitlementId,
      p.entitlementId === null ? null : p.start,
      `导入：${head.fileName} 第 ${p.row} 行`,
      staffId,
      at,
      importId,
    );
    counts.payments++;
    await tick();
  }
  prep(db, 'UPDATE imports SET counts = ? WHERE id = ?').run(JSON.stringify(counts), importId);
  await pause(written);
  return { id: importId, counts, areas };
}

/** What stops an import's undo: rows written since that lean on its rows, each said in a line. */
export function undoBlockers(db: DB, importId: number, at: string): string[] {
  const mine = `
    WITH h AS (SELECT id FROM households WHERE import_id = @id),
         p AS (SELECT id FROM persons WHERE import_id = @id),
         a AS (SELECT id FROM applications WHERE import_id = @id)`;
  const checks: [string, string][] = [
    [
      `SELECT count(*) AS n
       FROM payments
       WHERE import_id IS NOT @id
         AND (household_id IN h OR person_id IN p OR application_id IN a)`,
      '条发放记录',
    ],
    [
      `SELECT count(*) AS n
       FROM applications
       WHERE import_id IS NOT @id AND (household_id IN h OR person_id IN p)`,
      '件救助申请',
    ],
    [
      `SELECT count(*) AS n
       FROM payroll_rows r
       JOIN entitlements e ON e.id = r.entitlement_id
       WHERE e.application_id IN a`,
      '行发放名单（草稿或已过账的批次）',
    ],
    [
      `SELECT count(*) AS n
       FROM pairings
       WHERE household_id IN h`,
      '个结对帮扶',
    ],
    [
      `SELECT count(*) AS n
       FROM service_cards
       WHERE household_id IN h`,
      '张便民服务卡',
    ],
    [
      `SELECT count(*) AS n
       FROM person_moves
       WHERE person_id IN p OR from_household_id IN h OR to_household_id IN h`,
      '条人员迁移记录',
    ],
    [
      `SELECT (SELECT count(*) FROM persons WHERE household_id IN h AND import_id IS NOT @id)
         + (SELECT count(*) FROM household_categories WHERE household_id IN h AND import_id IS NOT @id) AS n`,
      '位成员或困难类别（导入后在台账中添加）',
    ],
    [
      `SELECT (SELECT count(*) FROM households WHERE id IN h AND updated_at > @at)
         + (SELECT count(*) FROM persons WHERE id IN p AND updated_at > @at) AS n`,
      '处导入后修改过的户或人员信息',
    ],
  ];
  const out: string[] = [];
  for (const [sql, what] of checks) {
    const n = (prep(db, `${mine}\n${sql}`).get({ id: importId, at }) as { n: number }).n;
    if (n > 0) out.push(`导入后已有 ${n} ${what}用到了本次导入的数据`);
  }
  const closed = prep(
    db,
    `SELECT DISTINCT substr(p.paid_on, 1, 7) AS month
     FROM payments p
     JOIN closed_months c ON c.month = substr(p.paid_on, 1, 7)
     WHERE p.import_id = ?`,
  ).all(importId) as { month: string }[];
  if (closed.length) out.push(`本次导入的发放记录所在月份已结账：${closed.map((c) => c.month).join('、')}`);
  return out;
}

/**
 * Undoes an import: its people and categories go, its cases are withdrawn, its payments are reversed. The villages
 * it made stay (`areasKept`, which the undo says): a village is the unit of every roll-up and the county's copy,
 * anything registered since may sit in it, and the corrected file imported again finds it; an admin who wants one
 * gone deactivates it in 设置.
 */
export function undoImport(db: DB, importId: number, staffId: number, now: Date): Record<string, number> {
  const record = prep(db, 'SELECT at, undone_at AS undoneAt FROM imports WHERE id = ?').get(importId) as
    { at: string; undoneAt: string | null } | undefined;
  if (!record) throw new AppError('NOT_FOUND', '找不到这次导入');
  if (record.undoneAt) throw new AppError('CONFLICT', `这次导入已在 ${record.undoneAt} 撤销`);
  const blockers = undoBlockers(db, importId, record.at);
  if (blockers.length) throw new AppError('CONFLICT', `不能撤销本次导入：${blockers.join('；')}`);
  const at = isoCn(now);
  const today = dateCn(now);
  // A reversal dated on its original's day: each month's figures come back to what they were before the import.
  const reversed = prep(
    db,
    `INSERT INTO payments (application_id, household_id, person_id, area_id, kind_code, top_kind, amount_fen, paid_on,
       method, account, entitlement_id, for_month, reverses_id, cause, note, posted_by, posted_at, import_id)
     SELECT application_id, household_id, person_id, area_id, kind_code, top_kind, amount_fen, paid_on, method,
       account, entitlement_id, for_month, id, 'manual', '撤销导入 #' || import_id, ?, ?, import_id
     FROM payments
     WHERE import_id = ? AND reverses_id IS NULL`,
  ).run(staffId, at, importId).changes;
  const withdrawn = prep(
    db,
    `INSERT INTO application_steps (application_id, action, from_state, to_state, on_date, staff_id, at, detail)
     SELECT id, 'undoImport', state, 'withdrawn', ?, ?, ?, json_object('importId', import_id)
     FROM applications
     WHERE import_id = ?`,
  ).run(today, staffId, at, importId).changes;
  prep(db, `UPDATE applications SET state = 'withdrawn', updated_at = ? WHERE import_id = ?`).run(at, importId);
  const categories = prep(db, 'DELETE FROM household_categories WHERE import_id = ?').run(importId).changes;
  const persons = prep(db, 'DELETE FROM persons WHERE import_id = ?').run(importId).changes;
  const households = prep(db, 'DELETE FROM households WHERE import_id = ?').run(importId).changes;
  prep(db, 'UPDATE imports SET undone_by = ?, undone_at = ? WHERE id = ?').run(staffId, at, importId);
  const made = prep(db, 'SELECT counts FROM imports WHERE id = ?').get(importId) as { counts: string };
  const areasKept = (JSON.parse(made.counts) as { areas?: number }).areas ?? 0;
  return { households, persons, categories, applications: withdrawn, reversals: reversed, areasKept };
}
