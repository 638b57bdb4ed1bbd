// Writing an audit row: the dispatcher's (in the handler's own transaction), the re-key's and the demo's. Apart from
// the log screen's channel (audit.ts), so the dispatcher that writes rows never imports a handler.
import { type DB, prep } from '../db/open';

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
