-- Rosters brought in from a township's own workbooks: one row per confirmed import, and on every row an import
-- wrote, the import that wrote it (so the import can be shown, counted and undone as a whole).

CREATE TABLE imports (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('households', 'entitlements', 'payments')),
  file_name   TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  sheet       TEXT NOT NULL,
  rows_read   INTEGER NOT NULL,
  rows_done   INTEGER NOT NULL,  -- rows written (or merged)
  rows_left   INTEGER NOT NULL,  -- rows refused or skipped
  counts      TEXT NOT NULL,     -- JSON: households, persons, categories, applications, payments written
  staff_id    INTEGER NOT NULL REFERENCES staff(id),
  at          TEXT NOT NULL,
  undone_by   INTEGER REFERENCES staff(id),
  undone_at   TEXT,
  CHECK ((undone_by IS NULL) = (undone_at IS NULL))
);

-- The column mapping a clerk confirmed, by the header's shape: the same workbook next month maps itself.
CREATE TABLE import_mappings (
  shape   TEXT PRIMARY KEY,
  mapping TEXT NOT NULL,
  at      TEXT NOT NULL
) WITHOUT ROWID;

ALTER TABLE households ADD COLUMN import_id INTEGER REFERENCES imports(id);
ALTER TABLE persons ADD COLUMN import_id INTEGER REFERENCES imports(id);
ALTER TABLE household_categories ADD COLUMN import_id INTEGER REFERENCES imports(id);
ALTER TABLE applications ADD COLUMN import_id INTEGER REFERENCES imports(id);
ALTER TABLE payments ADD COLUMN import_id INTEGER REFERENCES imports(id);

CREATE INDEX households_import ON households (import_id) WHERE import_id IS NOT NULL;
CREATE INDEX persons_import ON persons (import_id) WHERE import_id IS NOT NULL;
CREATE INDEX household_categories_import ON household_categories (import_id) WHERE import_id IS NOT NULL;
CREATE INDEX applications_import ON applications (import_id) WHERE import_id IS NOT NULL;
CREATE INDEX payments_import ON payments (import_id) WHERE import_id IS NOT NULL;

-- 低保金 and 特困供养金 are paid monthly by the township's payroll like the two subsidies; rosters name them.
INSERT INTO relief_kinds (code, name, parent_code, materials, time_limit_days, recurrence, sort_order) VALUES
  ('dibao_allowance', '最低生活保障金', NULL, '["申请书","身份证复印件","户口簿复印件","家庭收入和财产状况声明"]', 30, 'monthly', 10),
  ('tekun_support', '特困人员供养金', NULL, '["申请书","身份证复印件","户口簿复印件","特困人员认定材料"]', 20, 'monthly', 11);
