-- The county office's own screens (county/rollup.ts): the check page and the county's notes.

-- The township's own annual report, its payment figures per year (county/figures.ts ComparableYear), sent with its
-- census: the check page sets it beside the county's figures over the copy.
ALTER TABLE county.ledger_census ADD COLUMN figures jsonb NOT NULL DEFAULT '{}';

-- The county's notes: the only thing its screens write besides enrolments. A note is about the county, a township,
-- or one cross-township check (its topic); notes are kept, never edited.
CREATE TABLE county.notes (
  id       bigserial PRIMARY KEY,
  at       timestamptz NOT NULL DEFAULT now(),
  author   text NOT NULL,
  township text REFERENCES county.townships (code),
  topic    text NOT NULL DEFAULT '',
  body     text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000)
);
CREATE INDEX notes_topic ON county.notes (topic, at);

GRANT SELECT, INSERT ON county.notes TO county_staff;
GRANT USAGE ON SEQUENCE county.notes_id_seq TO county_staff;
