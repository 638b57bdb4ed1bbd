-- 县级上报: once the township is enrolled with its county (county_link holds the enrolment), every change to a table
-- the county keeps (main/db/synced.ts) writes a line here in the same transaction. A push sends the rows the
-- lines name, as they are then, in order of seq; the county records the last seq it applied in the same PostgreSQL
-- transaction as the rows, so a push cut anywhere resumes from there. Lines the county has applied are pruned.
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused, also after pruning: the county compares it with its own
  tbl TEXT NOT NULL,
  key TEXT NOT NULL
);

-- At most one enrolment: the county's address and this township's role and key, from the county's enrolment file.
CREATE TABLE county_link (
  one          INTEGER PRIMARY KEY CHECK (one = 1),
  county_name  TEXT NOT NULL,
  code         TEXT NOT NULL,             -- 统计用区划代码, 12 digits
  township     TEXT NOT NULL,
  url          TEXT NOT NULL,             -- postgres://role@host:port/database, without the key
  role         TEXT NOT NULL,
  key          TEXT NOT NULL,             -- the township's password at the county; the ledger is encrypted
  enrolled_at  TEXT NOT NULL,
  acked_seq    INTEGER NOT NULL DEFAULT 0, -- as the county last said
  last_push_at TEXT,
  last_error   TEXT,
  census_at    TEXT                        -- the last census sent (at most hourly: it reads every row)
);

-- The triggers that write those lines, for the tables the county kept at this version; db/migrate.ts writes them
-- from the one list in db/synced.ts (payments, only ever inserted, get their insert trigger alone).
-- @outbox areas relief_kinds households persons payments
