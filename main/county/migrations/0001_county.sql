-- The county's copy of every enrolled township's ledger (县级汇总). Each township pushes as its own login role, a
-- member of county_township; row-level security lets that role see and write only the rows of its own ledger.
-- county_staff reads everything. The township's ledger stays the record; these rows are its copy, keyed by
-- (ledger id, the ledger's own key), and carry only what the county's figures and checks read.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'county_township') THEN
    CREATE ROLE county_township NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'county_staff') THEN
    CREATE ROLE county_staff NOLOGIN;
  END IF;
END
$$;

CREATE TABLE county.townships (
  code        char(12) PRIMARY KEY CHECK (code ~ '^[0-9]{12}$'), -- 统计用区划代码
  name        text NOT NULL,
  role        name NOT NULL UNIQUE,                            -- the township's own login role
  ledger_id   uuid UNIQUE,                                     -- bound by its first push, never changed after
  acked_seq   bigint NOT NULL DEFAULT 0,                       -- the last outbox line applied
  last_push   timestamptz,
  revoked     boolean NOT NULL DEFAULT false,
  enrolled_at timestamptz NOT NULL DEFAULT now(),
  carry_key   text NOT NULL                                    -- checks the signature of a carried file; the county's own
);

-- The calling township's ledger, or null: what every policy below compares with. current_user, not session_user, so
-- that the county's import of a carried file, which takes the township's role (SET ROLE), is held to the same rows.
CREATE FUNCTION county.my_ledger() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT ledger_id FROM county.townships WHERE role = current_user AND NOT revoked $$;

CREATE FUNCTION county.bound_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.ledger_id IS NOT NULL AND NEW.ledger_id IS DISTINCT FROM OLD.ledger_id THEN
    RAISE EXCEPTION '此登记文件已被另一本台账使用' USING ERRCODE = 'P0001';
  END IF;
  IF NEW.acked_seq < OLD.acked_seq THEN
    RAISE EXCEPTION '上报序号不能倒退（%，已确认到 %）', NEW.acked_seq, OLD.acked_seq USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER townships_bound_once BEFORE UPDATE ON county.townships FOR EACH ROW EXECUTE FUNCTION county.bound_once();

ALTER TABLE county.townships ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_row ON county.townships TO county_township
  USING (role = current_user AND NOT revoked);
CREATE POLICY read_all ON county.townships FOR SELECT TO county_staff USING (true);

CREATE TABLE county.areas (
  ledger_id  uuid NOT NULL,
  id         bigint NOT NULL,
  name       text NOT NULL,
  sort_order integer NOT NULL,
  PRIMARY KEY (ledger_id, id)
);

CREATE TABLE county.relief_kinds (
  ledger_id   uuid NOT NULL,
  code        text NOT NULL,
  name        text NOT NULL,
  parent_code text,
  sort_order  integer NOT NULL,
  PRIMARY KEY (ledger_id, code)
);

CREATE TABLE county.households (
  ledger_id  uuid NOT NULL,
  id         bigint NOT NULL,
  area_id    bigint NOT NULL,
  head_name  text NOT NULL,
  account    text NOT NULL,
  status     text NOT NULL,
  exited_on  text,
  created_at text NOT NULL,
  PRIMARY KEY (ledger_id, id)
);

CREATE TABLE county.persons (
  ledger_id    uuid NOT NULL,
  id           bigint NOT NULL,
  household_id bigint NOT NULL,
  name         text NOT NULL,
  id_number    text NOT NULL,
  gender       text NOT NULL,
  birth_date   text NOT NULL,
  relation     text NOT NULL,
  PRIMARY KEY (ledger_id, id)
);
CREATE INDEX persons_id_number ON county.persons (id_number);

CREATE TABLE county.payments (
  ledger_id    uuid NOT NULL,
  id           bigint NOT NULL,
  household_id bigint NOT NULL,
  person_id    bigint NOT NULL,
  area_id      bigint NOT NULL,
  kind_code    text NOT NULL,
  top_kind     text NOT NULL,
  amount_fen   bigint NOT NULL CHECK (amount_fen > 0),
  paid_on      text NOT NULL,
  method       text NOT NULL,
  account      text,
  reverses_id  bigint,
  PRIMARY KEY (ledger_id, id)
);
CREATE INDEX payments_reversal ON county.payments (ledger_id, reverses_id) WHERE reverses_id IS NOT NULL;
CREATE INDEX payments_person ON county.payments (ledger_id, person_id);
CREATE INDEX households_account ON county.households (account) WHERE account <> '';

-- What each township's ledger held when the county had every change up to `seq`: per table a row count and a checksum
-- (county/tables.ts censusSql). The copy is complete when the county's own census of it is the same.
CREATE TABLE county.ledger_census (
  ledger_id uuid PRIMARY KEY,
  seq       bigint NOT NULL,
  at        timestamptz NOT NULL DEFAULT now(),
  counts    jsonb NOT NULL
);

-- The county's own record of who saw what: a full ID number revealed from a cross-township check, a file imported.
CREATE TABLE county.audit_log (
  id     bigserial PRIMARY KEY,
  at     timestamptz NOT NULL DEFAULT now(),
  who    name NOT NULL DEFAULT session_user,
  action text NOT NULL,
  detail jsonb NOT NULL
);

-- The year's figures without counting a county's payments at report time (count(DISTINCT) over a million payments
-- took 12 s): kept by the statement trigger below as chunks arrive, as the ledger keeps annual_totals (its migration
-- 0007). Payments are only ever inserted, so both are exact; the check page recounts them over the payments.
-- Count and sum by month, level and sign:
CREATE TABLE county.payment_totals (
  ledger_id uuid NOT NULL,
  month     text NOT NULL,
  reversal  boolean NOT NULL,
  top_kind  text NOT NULL,
  area_id   bigint NOT NULL,
  times     bigint NOT NULL,
  fen       bigint NOT NULL,
  PRIMARY KEY (ledger_id, month, reversal, top_kind, area_id)
);
-- Who a year's payments reached, at the finest level: persons and households are counted distinct over these.
CREATE TABLE county.payment_reach (
  ledger_id    uuid NOT NULL,
  year         text NOT NULL,
  reversal     boolean NOT NULL,
  top_kind     text NOT NULL,
  area_id      bigint NOT NULL,
  person_id    bigint NOT NULL,
  household_id bigint NOT NULL,
  PRIMARY KEY (ledger_id, year, reversal, top_kind, area_id, person_id, household_id)
);

-- SECURITY DEFINER: a township's role may read these tables but never write them; only the trigger does.
CREATE FUNCTION county.payments_counted() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = county, pg_temp AS $$
BEGIN
  INSERT INTO county.payment_totals AS t (ledger_id, month, reversal, top_kind, area_id, times, fen)
  SELECT ledger_id, substr(paid_on, 1, 7), reverses_id IS NOT NULL, top_kind, area_id, count(*), sum(amount_fen)
    FROM inserted
    GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (ledger_id, month, reversal, top_kind, area_id)
    DO UPDATE SET times = t.times + excluded.times, fen = t.fen + excluded.fen;
  INSERT INTO county.payment_reach (ledger_id, year, reversal, top_kind, area_id, person_id, household_id)
  SELECT DISTINCT ledger_id, substr(paid_on, 1, 4), reverses_id IS NOT NULL, top_kind, area_id, person_id, household_id
    FROM inserted
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
-- Only the rows a chunk really inserted are in `inserted`: a payment sent again (ON CONFLICT DO NOTHING) adds nothing.
CREATE TRIGGER payments_counted AFTER INSERT ON county.payments
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION county.payments_counted();

-- A posted payment is never changed in the county either: a correction arrives as its reversal, a row of its own.
CREATE FUNCTION county.payments_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '已过账的发放不能修改或删除（发放 %）', OLD.id USING ERRCODE = 'P0001';
END
$$;
CREATE TRIGGER payments_immutable BEFORE UPDATE OR DELETE ON county.payments
  FOR EACH ROW EXECUTE FUNCTION county.payments_immutable();

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['areas', 'relief_kinds', 'households', 'persons', 'payments', 'payment_totals',
                           'payment_reach', 'ledger_census'] LOOP
    EXECUTE format('ALTER TABLE county.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY own_rows ON county.%I TO county_township
                      USING (ledger_id = county.my_ledger()) WITH CHECK (ledger_id = county.my_ledger())', t);
    EXECUTE format('CREATE POLICY read_all ON county.%I FOR SELECT TO county_staff USING (true)', t);
    EXECUTE format('GRANT SELECT ON county.%I TO county_township, county_staff', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['areas', 'relief_kinds', 'households', 'persons', 'payments', 'ledger_census'] LOOP
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON county.%I TO county_township', t);
  END LOOP;
END
$$;

GRANT USAGE ON SCHEMA county TO county_township, county_staff;
GRANT SELECT ON county.migrations TO county_township, county_staff;
-- Everything but carry_key, which only the county's own user reads.
GRANT SELECT (code, name, role, ledger_id, acked_seq, last_push, revoked, enrolled_at) ON county.townships
  TO county_township, county_staff;
GRANT UPDATE (ledger_id, acked_seq, last_push) ON county.townships TO county_township;
GRANT EXECUTE ON FUNCTION county.my_ledger() TO county_township, county_staff;
GRANT SELECT, INSERT ON county.audit_log TO county_staff;
GRANT USAGE ON SEQUENCE county.audit_log_id_seq TO county_staff;
