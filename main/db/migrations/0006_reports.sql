-- 年度救助统计 reads one year of payments several ways (by kind, by area and kind, distinct persons and households):
-- this index covers all of them, so a year is read from the index alone.
CREATE INDEX payments_year ON payments (paid_on, kind_code, area_id, person_id, household_id, amount_fen, reverses_id);
-- 审结 counts by decision date.
CREATE INDEX applications_decided ON applications (decided_on) WHERE decided_on IS NOT NULL;
