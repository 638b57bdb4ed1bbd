-- A township's report sections as the county last computed them over its copy (county/sections.ts): valid while the
-- copy stands where it stood then (the same acknowledged line of the same 纪元) on the same day, so a screen opened
-- again, or by a second county clerk, does not copy the township's registers again. The office's own: townships get
-- no grant. Emptied at each start of an office (county/office.ts), so a new program never shows an old one's sections.
CREATE TABLE county.section_cache (
  ledger_id uuid NOT NULL,
  year      integer NOT NULL,
  today     date NOT NULL,
  acked_seq bigint NOT NULL,
  epoch     uuid,
  sections  jsonb NOT NULL,
  PRIMARY KEY (ledger_id, year)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON county.section_cache TO county_staff;
