-- 纪元 (epochs) and offline batches (county/README.md). A township's copy belongs to one 纪元: one unbroken line of
-- its ledger's changes. When either side turns out restored from a backup, the township starts a new one (push.ts,
-- epochs.ts): it sets `epoch` here, which moves the copy as it stood to county.history under a row of county.epochs
-- and writes a county note; the township then sends every row again. Carried files are numbered (第 N 批) within a
-- 纪元; `last_batch` is the highest the county has taken.
ALTER TABLE county.townships
  ADD COLUMN epoch      uuid,                                         -- null: the first 纪元
  ADD COLUMN epoch_why  text CHECK (epoch_why IN ('township', 'county')), -- whose restore began it
  ADD COLUMN last_batch integer NOT NULL DEFAULT 0;

-- A 纪元 that ended: where the county stood, why, and how many rows of the copy went to history.
CREATE TABLE county.epochs (
  id        bigserial PRIMARY KEY,
  ledger_id uuid NOT NULL,
  epoch     uuid,                                                -- the 纪元 that ended (null: the first)
  ended_at  timestamptz NOT NULL DEFAULT now(),
  why       text NOT NULL CHECK (why IN ('township', 'county')),
  acked_seq bigint NOT NULL,
  rows      bigint NOT NULL DEFAULT 0
);
CREATE INDEX epochs_ledger ON county.epochs (ledger_id);

-- The copy as it stood when its 纪元 ended, a row of a synced table each, without its ledger_id: kept, never read by
-- the figures.
CREATE TABLE county.history (
  epoch_id bigint NOT NULL REFERENCES county.epochs (id),
  tbl      text NOT NULL,
  row      jsonb NOT NULL
);
CREATE INDEX history_epoch ON county.history (epoch_id, tbl);

-- The acknowledged number goes back only with a new 纪元 (it then starts where the township's new line begins).
CREATE OR REPLACE FUNCTION county.bound_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.ledger_id IS NOT NULL AND NEW.ledger_id IS DISTINCT FROM OLD.ledger_id THEN
    RAISE EXCEPTION '此登记文件已被另一本台账使用' USING ERRCODE = 'P0001';
  END IF;
  IF NEW.acked_seq < OLD.acked_seq AND NEW.epoch IS NOT DISTINCT FROM OLD.epoch THEN
    RAISE EXCEPTION '上报序号不能倒退（%，已确认到 %）', NEW.acked_seq, OLD.acked_seq USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END
$$;

-- SECURITY DEFINER: the township's role sets its own epoch, and the copy moves whole, payments and kept totals too,
-- which that role may not delete. The list of tables is db/synced.ts's (countySync.test.ts holds it to that list).
CREATE FUNCTION county.epoch_ended() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = county, pg_temp AS $$
DECLARE
  ended bigint;
  t text;
  moved bigint;
  total bigint := 0;
BEGIN
  IF NEW.epoch_why IS NULL THEN
    RAISE EXCEPTION '新纪元须写明原因' USING ERRCODE = 'P0001';
  END IF;
  -- A township that never reached the county has no copy to keep, and nothing happened worth a note.
  IF OLD.ledger_id IS NULL THEN
    RETURN NEW;
  END IF;
  INSERT INTO county.epochs (ledger_id, epoch, why, acked_seq)
    VALUES (OLD.ledger_id, OLD.epoch, NEW.epoch_why, OLD.acked_seq)
    RETURNING id INTO ended;
  FOREACH t IN ARRAY ARRAY['areas', 'relief_kinds', 'households', 'persons', 'payments', 'applications',
                           'application_steps', 'cadres', 'pairings', 'visits', 'visit_aid', 'service_cards',
                           'wishes', 'wish_claims', 'suggestions', 'disputes', 'dispute_mediators', 'choices'] LOOP
    EXECUTE format(
      'WITH gone AS (DELETE FROM county.%I WHERE ledger_id = $1 RETURNING *)
        INSERT INTO county.history (epoch_id, tbl, row)
          SELECT $2, %L, to_jsonb(gone) - ''ledger_id''
            FROM gone', t, t)
      USING OLD.ledger_id, ended;
    GET DIAGNOSTICS moved = ROW_COUNT;
    total := total + moved;
  END LOOP;
  DELETE FROM county.payment_totals WHERE ledger_id = OLD.ledger_id;
  DELETE FROM county.payment_reach WHERE ledger_id = OLD.ledger_id;
  DELETE FROM county.ledger_census WHERE ledger_id = OLD.ledger_id;
  UPDATE county.epochs SET rows = total WHERE id = ended;
  INSERT INTO county.notes (author, township, topic, body)
    VALUES ('系统', NEW.code, '', CASE NEW.epoch_why
      WHEN 'township' THEN format(
        '%s的台账从备份恢复过，县里的副本（已收到第 %s 条变动）里有台账已没有的内容：原副本 %s 行已存为历史（第 %s 份），乡镇正在重新上报全部数据。',
        NEW.name, OLD.acked_seq, total, ended)
      ELSE format(
        '县级汇总库从备份恢复过，%s的副本（第 %s 条变动）落后于乡镇已得到确认的变动：原副本 %s 行已存为历史（第 %s 份），乡镇正在重新上报全部数据。',
        NEW.name, OLD.acked_seq, total, ended)
    END);
  RETURN NEW;
END
$$;
CREATE TRIGGER townships_epoch_ended AFTER UPDATE OF epoch ON county.townships
  FOR EACH ROW WHEN (OLD.epoch IS DISTINCT FROM NEW.epoch) EXECUTE FUNCTION county.epoch_ended();

-- A posted payment is still never changed or deleted, except by the move above (run as epoch_ended's owner).
CREATE OR REPLACE FUNCTION county.payments_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE'
    AND (SELECT oid FROM pg_roles WHERE rolname = current_user)
      = (SELECT proowner FROM pg_proc WHERE oid = 'county.epoch_ended'::regproc) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '已过账的发放不能修改或删除（发放 %）', OLD.id USING ERRCODE = 'P0001';
END
$$;

ALTER TABLE county.epochs ENABLE ROW LEVEL SECURITY;
ALTER TABLE county.history ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_all ON county.epochs FOR SELECT TO county_staff USING (true);
CREATE POLICY read_all ON county.history FOR SELECT TO county_staff USING (true);
GRANT SELECT ON county.epochs, county.history TO county_staff;
GRANT SELECT (epoch, epoch_why, last_batch) ON county.townships TO county_township, county_staff;
GRANT UPDATE (epoch, epoch_why, last_batch) ON county.townships TO county_township;
