-- Money out of the ledger: monthly entitlements, payroll batches, posted payments and their reversals,
-- bank results, closed months. A posted payment is never updated or deleted: the triggers below refuse it.

-- An approved monthly case pays its approved amount every month from start_month (YYYY-MM) to end_month.
CREATE TABLE entitlements (
  id             INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL UNIQUE REFERENCES applications(id),
  monthly_fen    INTEGER NOT NULL CHECK (monthly_fen > 0),
  start_month    TEXT NOT NULL,
  end_month      TEXT CHECK (end_month IS NULL OR end_month >= start_month),
  created_by     INTEGER NOT NULL REFERENCES staff(id),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX entitlements_months ON entitlements (start_month, end_month);

-- A month's payroll: a draft the maker edits (rows excluded with a reason), then approved by someone else and
-- posted in one transaction. The number is drawn at posting, so a cancelled draft leaves no gap.
CREATE TABLE payroll_batches (
  id          INTEGER PRIMARY KEY,
  batch_no    TEXT UNIQUE,                       -- 2026-003
  month       TEXT NOT NULL,
  kind_code   TEXT REFERENCES relief_kinds(code), -- NULL: every monthly kind
  state       TEXT NOT NULL CHECK (state IN ('draft', 'posted', 'cancelled')),
  row_count   INTEGER,                           -- stored at posting; the check screen reconciles them with payments
  total_fen   INTEGER,
  made_by     INTEGER NOT NULL REFERENCES staff(id),
  made_at     TEXT NOT NULL,
  approved_by INTEGER REFERENCES staff(id),
  posted_at   TEXT,
  paid_on     TEXT,
  CHECK ((state = 'posted') = (batch_no IS NOT NULL AND row_count IS NOT NULL AND total_fen IS NOT NULL AND paid_on IS NOT NULL))
);
CREATE INDEX payroll_batches_month ON payroll_batches (month, state);

CREATE TABLE payroll_rows (
  batch_id        INTEGER NOT NULL REFERENCES payroll_batches(id),
  seq             INTEGER NOT NULL,              -- 序号 on the roster
  entitlement_id  INTEGER NOT NULL REFERENCES entitlements(id),
  for_month       TEXT NOT NULL,                 -- the batch's month, or an earlier one for a re-issue
  amount_fen      INTEGER NOT NULL CHECK (amount_fen > 0),
  account         TEXT NOT NULL,                 -- the household's 一卡通 account when the batch was made
  excluded_reason TEXT,                          -- set by the maker (or at collection: no account, household exited)
  PRIMARY KEY (batch_id, entitlement_id, for_month),
  UNIQUE (batch_id, seq)
) WITHOUT ROWID;

CREATE TABLE payments (
  id             INTEGER PRIMARY KEY,            -- never reused: rows are never deleted, so it is the voucher number
  application_id INTEGER NOT NULL REFERENCES applications(id),
  household_id   INTEGER NOT NULL REFERENCES households(id),
  person_id      INTEGER NOT NULL REFERENCES persons(id),
  area_id        INTEGER NOT NULL REFERENCES areas(id),   -- the household's area on the day of payment
  kind_code      TEXT NOT NULL REFERENCES relief_kinds(code),
  top_kind       TEXT NOT NULL REFERENCES relief_kinds(code),  -- the top-level kind on the day of payment (临时救助 for 急难型)
  amount_fen     INTEGER NOT NULL CHECK (amount_fen > 0),
  -- What the row adds to a total: a reversal cancels its original.
  signed_fen     INTEGER GENERATED ALWAYS AS (CASE WHEN reverses_id IS NULL THEN amount_fen ELSE -amount_fen END) VIRTUAL,
  paid_on        TEXT NOT NULL,
  method         TEXT NOT NULL CHECK (method IN ('cash', 'bank')),
  account        TEXT CHECK ((method = 'bank') = (account IS NOT NULL)),
  batch_id       INTEGER REFERENCES payroll_batches(id),
  entitlement_id INTEGER REFERENCES entitlements(id),
  for_month      TEXT CHECK ((entitlement_id IS NULL) = (for_month IS NULL)),
  reverses_id    INTEGER REFERENCES payments(id),
  cause          TEXT CHECK ((reverses_id IS NULL) = (cause IS NULL) AND (cause IS NULL OR cause IN ('manual', 'bank_failed'))),
  note           TEXT NOT NULL DEFAULT '',
  posted_by      INTEGER NOT NULL REFERENCES staff(id),
  posted_at      TEXT NOT NULL
);
-- A payment is reversed at most once. Partial, so that "reverses_id IS NULL" (nearly every row) never picks it.
CREATE UNIQUE INDEX payments_reverses ON payments (reverses_id) WHERE reverses_id IS NOT NULL;
CREATE INDEX payments_paid_on ON payments (paid_on, id);
CREATE INDEX payments_application ON payments (application_id);
CREATE INDEX payments_household ON payments (household_id, paid_on);
CREATE INDEX payments_batch ON payments (batch_id) WHERE batch_id IS NOT NULL;
-- Covering the filtered totals (count and net sum) of the grid, so they read the index only.
CREATE INDEX payments_kind ON payments (top_kind, paid_on, amount_fen, reverses_id);
CREATE INDEX payments_area ON payments (area_id, paid_on, amount_fen, reverses_id);
CREATE INDEX payments_entitlement ON payments (entitlement_id, for_month) WHERE entitlement_id IS NOT NULL;

-- Count and net sum by month, kind, area, method and sign, kept by the insert trigger below. Payments are only ever
-- inserted, so these are exact; the grid's totals come from here when its filter allows, and the check screen
-- compares every line with a GROUP BY over payments.
CREATE TABLE payment_totals (
  month     TEXT NOT NULL,
  kind_code TEXT NOT NULL,
  area_id   INTEGER NOT NULL,
  method    TEXT NOT NULL,
  reversal  INTEGER NOT NULL,
  n         INTEGER NOT NULL,
  fen       INTEGER NOT NULL,
  PRIMARY KEY (month, kind_code, area_id, method, reversal)
) WITHOUT ROWID;
CREATE TRIGGER payments_totals AFTER INSERT ON payments
BEGIN
  INSERT INTO payment_totals (month, kind_code, area_id, method, reversal, n, fen)
  VALUES (substr(NEW.paid_on, 1, 7), NEW.kind_code, NEW.area_id, NEW.method, NEW.reverses_id IS NOT NULL, 1, NEW.signed_fen)
  ON CONFLICT DO UPDATE SET n = n + 1, fen = fen + excluded.fen;
END;

CREATE TABLE closed_months (
  month     TEXT PRIMARY KEY,
  closed_by INTEGER NOT NULL REFERENCES staff(id),
  closed_at TEXT NOT NULL
) WITHOUT ROWID;

-- The bank's answer for a bank payment of a batch; a failed one is reversed in the same transaction.
CREATE TABLE bank_results (
  payment_id  INTEGER PRIMARY KEY REFERENCES payments(id),
  status      TEXT NOT NULL CHECK (status IN ('success', 'failed')),
  message     TEXT NOT NULL DEFAULT '',
  imported_on TEXT NOT NULL,
  imported_by INTEGER NOT NULL REFERENCES staff(id)
);

-- The ledger's own guards, whatever the code above them does.
CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments
BEGIN SELECT RAISE(ABORT, '已过账的发放记录不能修改，更正请用冲正'); END;
CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
BEGIN SELECT RAISE(ABORT, '已过账的发放记录不能删除，更正请用冲正'); END;

CREATE TRIGGER payments_closed_month BEFORE INSERT ON payments
WHEN EXISTS (SELECT 1 FROM closed_months WHERE month = substr(NEW.paid_on, 1, 7))
BEGIN SELECT RAISE(ABORT, '该月已结账，不能过账或冲正'); END;

CREATE TRIGGER payments_reversal BEFORE INSERT ON payments
WHEN NEW.reverses_id IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, '冲正记录不能再被冲正') WHERE (SELECT reverses_id FROM payments WHERE id = NEW.reverses_id) IS NOT NULL;
  SELECT RAISE(ABORT, '冲正金额必须等于原发放金额') WHERE (SELECT amount_fen FROM payments WHERE id = NEW.reverses_id) IS NOT NEW.amount_fen;
END;

-- One standing payment per entitlement and month: a second is refused unless the first was reversed.
CREATE TRIGGER payments_month_once BEFORE INSERT ON payments
WHEN NEW.entitlement_id IS NOT NULL AND NEW.reverses_id IS NULL AND EXISTS (
  SELECT 1 FROM payments p WHERE p.entitlement_id = NEW.entitlement_id AND p.for_month = NEW.for_month AND p.reverses_id IS NULL
     AND NOT EXISTS (SELECT 1 FROM payments r WHERE r.reverses_id = p.id))
BEGIN SELECT RAISE(ABORT, '同一待遇同一月份已经发放过'); END;

-- A posted batch's stored count and total are part of the record.
CREATE TRIGGER payroll_batches_posted BEFORE UPDATE ON payroll_batches
WHEN OLD.state = 'posted'
BEGIN SELECT RAISE(ABORT, '已过账的批次不能修改'); END;
CREATE TRIGGER payroll_batches_no_delete BEFORE DELETE ON payroll_batches
BEGIN SELECT RAISE(ABORT, '批次不能删除，草稿可以作废'); END;
CREATE TRIGGER payroll_rows_posted BEFORE UPDATE ON payroll_rows
WHEN (SELECT state FROM payroll_batches WHERE id = OLD.batch_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, '只有草稿批次的名单可以修改'); END;
CREATE TRIGGER bank_results_no_change BEFORE UPDATE ON bank_results
BEGIN SELECT RAISE(ABORT, '银行结果导入后不能修改'); END;
