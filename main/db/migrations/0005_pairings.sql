-- 结对帮扶 and 便民服务卡: cadres, their pairings with households (history kept), visits with problems and aid,
-- the visit cadence by category, and every card issued and printed.

CREATE TABLE cadres (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  name_initials TEXT NOT NULL,
  unit         TEXT NOT NULL DEFAULT '',          -- 工作单位
  party_member INTEGER NOT NULL DEFAULT 1 CHECK (party_member IN (0, 1)),
  phone        TEXT NOT NULL DEFAULT '',
  active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE INDEX cadres_initials ON cadres (name_initials);

-- A pairing ends (to_date set) rather than being deleted: the history is the record.
CREATE TABLE pairings (
  id           INTEGER PRIMARY KEY,
  cadre_id     INTEGER NOT NULL REFERENCES cadres(id),
  household_id INTEGER NOT NULL REFERENCES households(id),
  role         TEXT NOT NULL CHECK (role IN ('primary', 'secondary')),
  from_date    TEXT NOT NULL,
  to_date      TEXT CHECK (to_date IS NULL OR to_date >= from_date),
  end_reason   TEXT,
  created_by   INTEGER NOT NULL REFERENCES staff(id),
  created_at   TEXT NOT NULL
);
-- One primary and at most one secondary cadre per household at a time.
CREATE UNIQUE INDEX pairings_current ON pairings (household_id, role) WHERE to_date IS NULL;
CREATE INDEX pairings_cadre ON pairings (cadre_id, to_date);
CREATE INDEX pairings_household ON pairings (household_id, from_date);

CREATE TABLE visits (
  id           INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households(id),
  cadre_id     INTEGER NOT NULL REFERENCES cadres(id),
  visited_on   TEXT NOT NULL,
  mode         TEXT NOT NULL CHECK (mode IN ('home', 'phone', 'other')),
  findings     TEXT NOT NULL,                    -- 了解的情况
  actions      TEXT NOT NULL DEFAULT '',         -- 开展的帮扶
  created_by   INTEGER NOT NULL REFERENCES staff(id),
  created_at   TEXT NOT NULL
);
CREATE INDEX visits_household ON visits (household_id, visited_on);
CREATE INDEX visits_cadre ON visits (cadre_id, visited_on);
CREATE INDEX visits_on ON visits (visited_on);

CREATE TABLE visit_problems (
  id          INTEGER PRIMARY KEY,
  visit_id    INTEGER NOT NULL REFERENCES visits(id),
  description TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  resolved_on TEXT,
  resolution  TEXT,
  CHECK ((status = 'resolved') = (resolved_on IS NOT NULL))
);
CREATE INDEX visit_problems_visit ON visit_problems (visit_id);
CREATE INDEX visit_problems_open ON visit_problems (status) WHERE status = 'open';

CREATE TABLE visit_aid (
  id        INTEGER PRIMARY KEY,
  visit_id  INTEGER NOT NULL REFERENCES visits(id),
  item      TEXT NOT NULL,                        -- 米、油、慰问金 …
  quantity  INTEGER NOT NULL CHECK (quantity > 0),
  unit      TEXT NOT NULL DEFAULT '',
  value_fen INTEGER NOT NULL CHECK (value_fen > 0)
);
CREATE INDEX visit_aid_visit ON visit_aid (visit_id);

-- How often a household of a category is to be visited; the shortest of its categories applies, others 3 months.
CREATE TABLE visit_cadence (
  category_code TEXT PRIMARY KEY REFERENCES hardship_categories(code),
  every_months  INTEGER NOT NULL CHECK (every_months BETWEEN 1 AND 12)
) WITHOUT ROWID;
INSERT INTO visit_cadence (category_code, every_months)
  SELECT code, CASE WHEN code IN ('tekun', 'severe_disability', 'elderly_alone') THEN 1 ELSE 3 END FROM hardship_categories;

-- A card is issued with a gapless number; a reissue voids the earlier number. cadre_id is the primary cadre
-- printed on it: when the household's primary cadre changes, the card is due for reprint.
CREATE TABLE service_cards (
  id           INTEGER PRIMARY KEY,
  card_no      TEXT NOT NULL UNIQUE,             -- 2026-000017
  household_id INTEGER NOT NULL REFERENCES households(id),
  cadre_id     INTEGER REFERENCES cadres(id),
  issued_on    TEXT NOT NULL,
  issued_by    INTEGER NOT NULL REFERENCES staff(id),
  voided_on    TEXT,
  void_reason  TEXT
);
CREATE UNIQUE INDEX service_cards_current ON service_cards (household_id) WHERE voided_on IS NULL;

CREATE TABLE card_printings (
  id         INTEGER PRIMARY KEY,
  card_id    INTEGER NOT NULL REFERENCES service_cards(id),
  format     TEXT NOT NULL CHECK (format IN ('cr80', 'a4')),
  printed_at TEXT NOT NULL,
  printed_by INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX card_printings_card ON card_printings (card_id);
