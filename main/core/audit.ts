// The audit log: one row per mutation and per reveal of a full ID number, written in the same transaction.
// Rows are append-only (triggers in 0001_foundation.sql refuse UPDATE and DELETE).
import type { z } from 'zod';

import type { auditListInput, AuditRow } from '../../shared/schemas/audit';
import type { Page } from '../../shared/schemas/common';
import { type DB, prep } from '../db/open';
import type { Handlers } from './dispatch';
import { orderBy, page, Where } from './paging';

export interface AuditEntry {
  at: string;
  staffId: number | null;
  channel: string;
  entity: string;
  entityId: string | number | null;
  before: unknown;
  after: unknown;
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

export function writeAudit(db: DB, e: AuditEntry): void {
  prep(
    db,
    `INSERT INTO audit_log (at, staff_id, channel, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    e.at,
    e.staffId,
    e.channel,
    e.entity,
    e.entityId === null ? null : String(e.entityId),
    json(e.before),
    json(e.after),
  );
}

const SORT = { id: 'a.id', at: 'a.id', channel: 'a.channel', entity: 'a.entity' } as const;

export function listAudit(db: DB, q: z.output<typeof auditListInput>): Page<AuditRow> {
  const where = new Where();
  if (q.staffId) where.add('a.staff_id = ?', q.staffId);
  if (q.channel) where.add('a.channel = ?', q.channel);
  if (q.entity) where.add('a.entity = ?', q.entity);
  // `at` is ISO with +08:00, so a China date compares as a prefix.
  if (q.from) where.add('a.at >= ?', q.from);
  if (q.to) where.add('a.at < ?', q.to + 'T99');
  return page<AuditRow>(db, q, {
    select: `SELECT a.id, a.at, a.staff_id AS staffId, s.display_name AS staffName, a.channel, a.entity,
  a.entity_id AS entityId, a.before, a.after
      FROM audit_log a
      LEFT JOIN staff s ON s.id = a.staff_id`,
    from: 'FROM audit_log a',
    where,
    order: orderBy(SORT, q.sort, 'a.id DESC', 'a.id'),
  });
}

export const auditHandlers = {
  'audit.list': (ctx, input) => listAudit(ctx.db, input),
} satisfies Partial<Handlers>;
