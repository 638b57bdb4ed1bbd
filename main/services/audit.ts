// The audit log: one row per mutation and per reveal of a full ID number, written in the same transaction.
// Rows are append-only (triggers in 0001_foundation.sql refuse UPDATE and DELETE).
import type { z } from 'zod';

import type { auditListInput, AuditRow } from '../../shared/schemas/audit';
import type { Page } from '../../shared/schemas/common';
import { type DB,prep } from '../db/open';
import type { Handlers } from '../dispatch';
import { limitSql } from './paging';

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

const SORT_SQL = { id: 'a.id', at: 'a.id', channel: 'a.channel', entity: 'a.entity' } as const;

export function listAudit(db: DB, q: z.output<typeof auditListInput>): Page<AuditRow> {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (q.staffId) (where.push('a.staff_id = ?'), args.push(q.staffId));
  if (q.channel) (where.push('a.channel = ?'), args.push(q.channel));
  if (q.entity) (where.push('a.entity = ?'), args.push(q.entity));
  // `at` is ISO with +08:00, so a China date compares as a prefix.
  if (q.from) (where.push('a.at >= ?'), args.push(q.from));
  if (q.to) (where.push('a.at < ?'), args.push(q.to + 'T99'));
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const order = q.sort ? `${SORT_SQL[q.sort.col]} ${q.sort.dir === 'asc' ? 'ASC' : 'DESC'}, a.id DESC` : 'a.id DESC';
  const rows = db
    .prepare(
      `SELECT a.id, a.at, a.staff_id AS staffId, s.display_name AS staffName, a.channel, a.entity, a.entity_id AS entityId,
              a.before, a.after
         FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id ${w} ORDER BY ${order} LIMIT ${limitSql(q.limit)} OFFSET ?`,
    )
    .all(...args, q.offset) as AuditRow[];
  const { n } = prep(db, `SELECT count(*) AS n FROM audit_log a ${w}`).get(...args) as { n: number };
  return { rows, total: n };
}

export const auditHandlers = {
  'audit.list': (ctx, input) => listAudit(ctx.db, input),
} satisfies Partial<Handlers>;
