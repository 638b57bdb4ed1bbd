-- The registers behind the township report's other sections (reports/reports.ts reportSections): applications and
-- their steps, 结对帮扶 (cadres, pairings, visits and their aid, service cards), 微心愿 and their claims, 意见建议,
-- 矛盾纠纷 and their mediators, and the pick lists that order categories. Only the columns those figures read are
-- kept (county/tables.ts): no resident's phone, no party's ID number, no text of a wish, a suggestion or a dispute.
-- A township writes only its own rows, as in 0001.

CREATE TABLE county.applications (
  ledger_id    uuid NOT NULL,
  id           bigint NOT NULL,
  household_id bigint NOT NULL,
  area_id      bigint NOT NULL,
  kind_code    text NOT NULL,
  state        text NOT NULL,
  accepted_on  text NOT NULL,
  deadline     text,
  decided_on   text,
  approved_fen bigint,
  PRIMARY KEY (ledger_id, id)
);

CREATE TABLE county.application_steps (
  ledger_id      uuid NOT NULL,
  id             bigint NOT NULL,
  application_id bigint NOT NULL,
  action         text NOT NULL,
  on_date        text NOT NULL,
  PRIMARY KEY (ledger_id, id)
);

CREATE TABLE county.cadres (
  ledger_id     uuid NOT NULL,
  id            bigint NOT NULL,
  name          text NOT NULL,
  name_initials text NOT NULL,
  PRIMARY KEY (ledger_id, id)
);

CREATE TABLE county.pairings (
  ledger_id    uuid NOT NULL,
  id           bigint NOT NULL,
  cadre_id     bigint NOT NULL,
  household_id bigint NOT NULL,
  from_date    text NOT NULL,
  to_date      text,
  PRIMARY KEY (ledger_id, id)
);

CREATE TABLE county.visits (
  ledger_id    uuid NOT NULL,
  id           bigint NOT NULL,
  household_id bigint NOT NULL,
  cadre_id     bigint NOT NULL,
  visited_on   text NOT NULL,
  PRIMARY KEY (ledger_id, id)
);

CREATE TABLE county.visit_aid (
  ledger_id uuid NOT NULL,
  id        bigint NOT NULL,
  visit_id  bigint NOT NULL,
  value_fen bigint,
  PRIMARY KEY (ledger_id, id)
);

CREATE TABLE county.service_cards (
  ledger_id    uuid NOT NULL,
  id           bigint NOT NULL,
  household_id bigint NOT NULL,
  issued_on    text NOT NULL,
  voided_on    text,
  PRIMARY KEY (ledger_id, id)
);

CREATE TABLE county.wishes (
  ledger_id    uuid NOT NULL,
  id           bigint NOT NULL,
  area_id      bigint,
  category     text,
  collected_on text NOT NULL,
  status       text NOT NULL,
  due_on       text,
  fulfilled_on text,
  PRIMARY KEY (ledger_id, id)
);

CREATE TABLE county.wish_claims (
  ledger_id uuid NOT NULL,
  id        bigint NOT NULL,
  wish_id   bigint NOT NULL,
  cadre_id  bigint,
  PRIMARY KEY (ledger_id, id)
);

CREATE TABLE county.suggestions (
  ledger_id    uuid NOT NULL,
  id           bigint NOT NULL,
  area_id      bigint,
  category     text,
  collected_on text NOT NULL,
  status       text NOT NULL,
  on_the_spot  bigint,
  result       text,
  due_on       text,
  answered_on  text,
  PRIMARY KEY (ledger_id, id)
);

CREATE TABLE county.disputes (
  ledger_id    uuid NOT NULL,
  id           bigint NOT NULL,
  area_id      bigint,
  type         text,
  accepted_on  text NOT NULL,
  status       text NOT NULL,
  agreement    text,
  due_on       text,
  concluded_on text,
  persons      bigint,
  amount_fen   bigint,
  PRIMARY KEY (ledger_id, id)
);

-- Kept by their dispute (county/tables.ts `group`): a line for a dispute replaces all its mediators.
CREATE TABLE county.dispute_mediators (
  ledger_id  uuid NOT NULL,
  dispute_id bigint NOT NULL,
  cadre_id   bigint NOT NULL,
  PRIMARY KEY (ledger_id, dispute_id, cadre_id)
);

-- Kept by their list: a line for a list replaces all its choices.
CREATE TABLE county.choices (
  ledger_id  uuid NOT NULL,
  list       text NOT NULL,
  name       text NOT NULL,
  sort_order bigint NOT NULL,
  PRIMARY KEY (ledger_id, list, name)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['applications', 'application_steps', 'cadres', 'pairings', 'visits', 'visit_aid',
                           'service_cards', 'wishes', 'wish_claims', 'suggestions', 'disputes', 'dispute_mediators',
                           'choices'] LOOP
    EXECUTE format('ALTER TABLE county.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY own_rows ON county.%I TO county_township
                      USING (ledger_id = county.my_ledger()) WITH CHECK (ledger_id = county.my_ledger())', t);
    EXECUTE format('CREATE POLICY read_all ON county.%I FOR SELECT TO county_staff USING (true)', t);
    EXECUTE format('GRANT SELECT ON county.%I TO county_township, county_staff', t);
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON county.%I TO county_township', t);
  END LOOP;
END
$$;
