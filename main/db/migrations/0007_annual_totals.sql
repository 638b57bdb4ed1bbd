-- 年度救助统计 without counting a year's payments at report time. Counting distinct persons and households over a
-- county's 100,000 payments a year took about 250 ms per report (five COUNT(DISTINCT) passes, each with a temporary
-- B-tree); these lines are kept as the payments are posted instead, and the report reads a few dozen of them.
--
-- One line per year, sign and level: kind × area, kind ('' for area 0), the whole year (kind '', area 0). Payments
-- are only ever inserted, so the lines are exact; a person (a household) is counted at a level when the first payment
-- of that year and sign at that level reaches them. The check screen compares every line with annual_totals_counted,
-- the same figures counted over the payments themselves.
CREATE TABLE annual_totals (
  year       TEXT NOT NULL,
  reversal   INTEGER NOT NULL,
  top_kind   TEXT NOT NULL,     -- '' : every kind
  area_id    INTEGER NOT NULL,  -- 0 : every area
  times      INTEGER NOT NULL,
  fen        INTEGER NOT NULL,  -- amount_fen summed: a reversal line holds what was reversed, as a positive sum
  persons    INTEGER NOT NULL,
  households INTEGER NOT NULL,
  PRIMARY KEY (year, reversal, top_kind, area_id)
) WITHOUT ROWID;

CREATE VIEW annual_totals_counted AS
  SELECT substr(paid_on, 1, 4) AS year, reverses_id IS NOT NULL AS reversal, top_kind, area_id, count(*) AS times, sum(amount_fen) AS fen,
         count(DISTINCT person_id) AS persons, count(DISTINCT household_id) AS households
    FROM payments GROUP BY 1, 2, 3, 4
  UNION ALL
  SELECT substr(paid_on, 1, 4), reverses_id IS NOT NULL, top_kind, 0, count(*), sum(amount_fen), count(DISTINCT person_id), count(DISTINCT household_id)
    FROM payments GROUP BY 1, 2, 3
  UNION ALL
  SELECT substr(paid_on, 1, 4), reverses_id IS NOT NULL, '', 0, count(*), sum(amount_fen), count(DISTINCT person_id), count(DISTINCT household_id)
    FROM payments GROUP BY 1, 2;

-- The trigger's first-payment probes: one person's (one household's) payments of a year and sign, a handful of rows.
DROP INDEX payments_year_kind;
DROP INDEX payments_year_person;
CREATE INDEX payments_year_person ON payments (substr(paid_on, 1, 4), reverses_id IS NULL, person_id, top_kind, area_id);
CREATE INDEX payments_year_household ON payments (substr(paid_on, 1, 4), reverses_id IS NULL, household_id, top_kind, area_id);

CREATE TRIGGER payments_annual_totals AFTER INSERT ON payments
BEGIN
  INSERT INTO annual_totals (year, reversal, top_kind, area_id, times, fen, persons, households)
  SELECT substr(NEW.paid_on, 1, 4), NEW.reverses_id IS NOT NULL, l.kind, l.area, 1, NEW.amount_fen,
         NOT EXISTS (SELECT 1 FROM payments q
                      WHERE substr(q.paid_on, 1, 4) = substr(NEW.paid_on, 1, 4) AND (q.reverses_id IS NULL) = (NEW.reverses_id IS NULL)
                        AND q.person_id = NEW.person_id AND l.kind IN ('', q.top_kind) AND l.area IN (0, q.area_id) AND q.id <> NEW.id),
         NOT EXISTS (SELECT 1 FROM payments q
                      WHERE substr(q.paid_on, 1, 4) = substr(NEW.paid_on, 1, 4) AND (q.reverses_id IS NULL) = (NEW.reverses_id IS NULL)
                        AND q.household_id = NEW.household_id AND l.kind IN ('', q.top_kind) AND l.area IN (0, q.area_id) AND q.id <> NEW.id)
    FROM (SELECT NEW.top_kind AS kind, NEW.area_id AS area UNION ALL SELECT NEW.top_kind, 0 UNION ALL SELECT '', 0) l
   WHERE true
  ON CONFLICT DO UPDATE SET times = times + 1, fen = fen + excluded.fen, persons = persons + excluded.persons, households = households + excluded.households;
END;

-- The payments already in the ledger.
INSERT INTO annual_totals (year, reversal, top_kind, area_id, times, fen, persons, households) SELECT * FROM annual_totals_counted;
