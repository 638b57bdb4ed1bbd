-- Foundation: staff and roles, center settings, the append-only audit log.

CREATE TABLE staff (
  id              INTEGER PRIMARY KEY,
  username        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name    TEXT NOT NULL,
  password_hash   BLOB NOT NULL,
  password_salt   BLOB NOT NULL,
  password_params TEXT NOT NULL,          -- JSON {N, r, p, keylen}: kept so parameters can be raised later
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until    TEXT,                   -- ISO timestamp; five wrong passwords lock the account five minutes
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at      TEXT NOT NULL
);

CREATE TABLE staff_roles (
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  role     TEXT NOT NULL CHECK (role IN ('clerk', 'reviewer', 'approver', 'admin')),
  PRIMARY KEY (staff_id, role)
) WITHOUT ROWID;

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL                     -- JSON
) WITHOUT ROWID;

CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  staff_id  INTEGER REFERENCES staff(id),
  channel   TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id TEXT,
  before    TEXT,                         -- JSON of the entity before the change (NULL on create)
  after     TEXT                          -- JSON after (NULL on delete)
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_staff ON audit_log (staff_id, id);
CREATE INDEX audit_log_channel ON audit_log (channel, id);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计记录不可修改'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计记录不可删除'); END;
