-- 年度救助统计 counts distinct persons and households. SQLite counts DISTINCT cheaply when the rows come in the
-- order of what is counted, so these indexes hold a year's payments grouped by sign, then in the order each count
-- reads them: by top-level kind and area (kind and area lines), and by person (the year's total).
CREATE INDEX payments_year_kind ON payments (substr(paid_on, 1, 4), reverses_id IS NULL, top_kind, area_id, person_id, household_id, amount_fen);
CREATE INDEX payments_year_person ON payments (substr(paid_on, 1, 4), reverses_id IS NULL, person_id, household_id);
-- 审结 counts by decision date; households entered and left in a year.
CREATE INDEX applications_decided ON applications (decided_on) WHERE decided_on IS NOT NULL;
CREATE INDEX households_created ON households (created_at);
CREATE INDEX households_exited ON households (exited_on) WHERE exited_on IS NOT NULL;
