// The audit log: one row per mutation and per reveal of a full ID number, written in the same transaction.
// Rows are append-only (triggers in 0001_foundation.sql refuse UPDATE and DELETE).
import type { z } from 'zod';

import { auditAction, auditDevice, auditTime, ENTITY_LABELS } from '../../shared/domain/auditWords';
import type { auditListInput, AuditRow } from '../../shared/schemas/audit';
import type { Page } from '../../shared/schemas/common';
import { type DB, prep } from '../db/open';
import type { Handlers } from './dispatch';
import { type Column, filterText, listSheet, nameOf } from './listSheet';
import { orderBy, page, Where } from './paging';

const SORT = { id: 'a.id', at: 'a.id', channel: 'a.channel', entity: 'a.entity' } as const;

type Filters = Omit<z.output<typeof auditListInput>, 'offset' | 'limit'>;

/** The name of the record a row is about, for the sentence; rows of other kinds say their number instead. */
const RECORD_NAME = `CASE a.entity
    WHEN 'household' THEN (SELECT h.head_name || '户' FROM households h WHERE h.id = CAST(a.entity_id AS INTEGER))
    WHEN 'person' THEN (SELECT p.name FROM persons p WHERE p.id = CAST(a.entity_id AS INTEGER))
    WHEN 'application' THEN (SELECT ap.acceptance_no FROM applications ap WHERE ap.id = CAST(a.entity_id AS INTEGER))
    WHEN 'staff' THEN (SELECT st.display_name FROM staff st WHERE st.id = CAST(a.entity_id AS INTEGER))
    WHEN 'cadre' THEN (SELECT c.name FROM cadres c WHERE c.id = CAST(a.entity_id AS INTEGER))
    WHEN 'area' THEN (SELECT ar.name FROM areas ar WHERE ar.id = CAST(a.entity_id AS INTEGER))
    WHEN 'wish' THEN (SELECT w.resident || '的心愿' FROM wishes w WHERE w.id = CAST(a.entity_id AS INTEGER))
    WHEN 'payrollBatch' THEN (SELECT b.batch_no FROM payroll_batches b WHERE b.id = CAST(a.entity_id AS INTEGER))
    WHEN 'serviceCard' THEN (SELECT sc.card_no FROM service_cards sc WHERE sc.id = CAST(a.entity_id AS INTEGER))
    WHEN 'yearSummary' THEN a.entity_id || '年度'
    WHEN 'payment' THEN (
      SELECT pe.name || ' ' || printf('%.2f', py.amount_fen / 100.0) || ' 元'
      FROM payments py
      JOIN persons pe ON pe.id = py.person_id
      WHERE py.id = CAST(a.entity_id AS INTEGER))
  END`;

const SELECT = `SELECT a.id, a.at, a.staff_id AS staffId, s.display_name AS staffName, a.channel, a.entity,
  a.entity_id AS entityId, ${RECORD_NAME} AS recordName, a.before, a.after
      FROM audit_log a
      LEFT JOIN staff s ON s.id = a.staff_id`;

function auditWhere(q: Filters): Where {
  const where = new Where();
  if (q.staffId) where.add('a.staff_id = ?', q.staffId);
  if (q.channel) where.add('a.channel = ?', q.channel);
  if (q.entity) where.add('a.entity = ?', q.entity);
  // `at` is ISO with +08:00, so a China date compares as a prefix.
  if (q.from) where.add('a.at >= ?', q.from);
  if (q.to) where.add('a.at < ?', q.to + 'T99');
  return where;
}

export function listAudit(db: DB, q: z.output<typeof auditListInput>): Page<AuditRow> {
  return page<AuditRow>(db, q, {
    select: SELECT,
    from: 'FROM audit_log a',
    where: auditWhere(q),
    order: orderBy(SORT, q.sort, 'a.id DESC', 'a.id'),
  });
}

/** An Excel cell holds at most 32,767 characters: a longer raw entry (a dispute's sessions) is cut, and says so. */
const cell = (text: string) =>
  text.length > 32_000 ? `${text.slice(0, 32_000)}…（已截断，完整内容见审计日志详情）` : text;

const SHEET: Column<AuditRow>[] = [
  ['序号', 8, (r) => r.id, 'count'],
  ['时间', 17, (r) => auditTime(r.at)],
  ['工作人员', 10, (r) => r.staffName ?? '系统'],
  ['窗口', 10, (r) => auditDevice(r.after)],
  ['操作', 40, (r) => auditAction(r)],
  ['类别', 10, (r) => ENTITY_LABELS[r.entity] ?? r.entity],
  ['原始记录', 60, (r) => cell([r.channel, r.entity, r.entityId, r.before, r.after].filter(Boolean).join(' '))],
];

export const auditHandlers = {
  'audit.list': (ctx, input) => listAudit(ctx.db, input),
  'audit.xlsx': async (ctx, input) => {
    const w = auditWhere(input);
    const rows = prep(ctx.db, `${SELECT}\n${w.sql}\nORDER BY ${orderBy(SORT, input.sort, 'a.id DESC', 'a.id')}`).all(
      ...w.args,
    ) as AuditRow[];
    const filter = filterText(input, {
      staffId: ['工作人员', nameOf(ctx.db, 'staff')],
      entity: ['类别', (e: string) => ENTITY_LABELS[e] ?? e],
      channel: ['操作', (c: string) => c],
      from: ['自'],
      to: ['至'],
    });
    return listSheet(ctx, '审计日志', SHEET, rows, input, filter);
  },
} satisfies Partial<Handlers>;
