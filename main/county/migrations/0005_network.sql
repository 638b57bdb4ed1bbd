-- Townships on the LAN (county/README.md): a township's role may do what its push needs and nothing that stalls the
-- county's screens. Its limits (statement, lock and idle timeouts, connections) are set on each role by the program
-- (store.ts townshipRoleSettings), at enrolment and at every start of the office.
--
-- LOCK TABLE in any mode stronger than ROW EXCLUSIVE needs UPDATE, DELETE or TRUNCATE on the whole table (PostgreSQL's
-- LOCK page); townships held UPDATE and DELETE on their tables, so one could LOCK county.payments and stall every
-- county screen for as long as it liked. A township keeps INSERT (ROW EXCLUSIVE, which no reader waits for) and
-- UPDATE of each column but ledger_id, granted column by column, which allows no LOCK; what it removes goes through
-- county.forgotten below. Revoking the table's UPDATE revokes its column grants too, so they are granted after.
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN
    SELECT c.oid, c.relname, has_table_privilege('county_township', c.oid, 'UPDATE') AS can_update
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'county'
        AND c.relkind = 'r'
        AND (has_table_privilege('county_township', c.oid, 'UPDATE')
          OR has_table_privilege('county_township', c.oid, 'DELETE')
          OR has_table_privilege('county_township', c.oid, 'TRUNCATE'))
  LOOP
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON county.%I FROM county_township', t.relname);
    IF t.can_update THEN
      EXECUTE format('GRANT UPDATE (%s) ON county.%I TO county_township',
        (SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum)
          FROM pg_attribute
          WHERE attrelid = t.oid
            AND attnum > 0
            AND NOT attisdropped
            AND attname <> 'ledger_id'),
        t.relname);
    END IF;
  END LOOP;
END
$$;

-- The rows a township removes (a row gone from its ledger, a group replaced whole): it names them here, and the
-- trigger below deletes them as the table's owner. The insert is the township's own, so the policy checks the
-- ledger is the caller's (after BEFORE triggers, hence an AFTER trigger); nothing stays in the table.
CREATE TABLE county.forgotten (
  ledger_id uuid NOT NULL,
  tbl       name NOT NULL,
  key_col   name NOT NULL,
  keys      text[] NOT NULL
);
ALTER TABLE county.forgotten ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON county.forgotten FOR INSERT TO county_township
  WITH CHECK (ledger_id = county.my_ledger());
GRANT INSERT ON county.forgotten TO county_township;

-- Only from a table the township may write; never a posted payment (payments_immutable lets this function's owner
-- through for the move of a 纪元, 0004).
CREATE FUNCTION county.forget() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = county, pg_temp AS $$
DECLARE
  f record;
BEGIN
  FOR f IN SELECT * FROM asked LOOP
    IF f.tbl IN ('payments', 'forgotten')
      OR to_regclass(format('county.%I', f.tbl)) IS NULL
      OR NOT has_table_privilege('county_township', format('county.%I', f.tbl), 'INSERT') THEN
      RAISE EXCEPTION '不能从 county.% 删除行', f.tbl USING ERRCODE = '42501';
    END IF;
    EXECUTE format('DELETE FROM county.%I WHERE ledger_id = $1 AND %I::text = ANY($2)', f.tbl, f.key_col)
      USING f.ledger_id, f.keys;
  END LOOP;
  DELETE FROM county.forgotten;
  RETURN NULL;
END
$$;
CREATE TRIGGER forgotten AFTER INSERT ON county.forgotten
  REFERENCING NEW TABLE AS asked FOR EACH STATEMENT EXECUTE FUNCTION county.forget();
