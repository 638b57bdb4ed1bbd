-- The lookup budget (core/idLookups.ts) is counted from the audit rows of lookups themselves: one row per
-- comparison against a hidden value (entity 'lookup', entity_id the kind: id, account or phone). This index answers
-- "how many has this staff member used since" without walking the log.
CREATE INDEX audit_log_lookups ON audit_log (staff_id, entity_id, at) WHERE entity = 'lookup';
