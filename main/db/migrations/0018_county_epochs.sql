-- 县级上报 after restores and offline months (main/county/README.md). A 纪元 is one unbroken line of this ledger's
-- changes as the county received them: a new one begins when either side turns out restored from a backup, and the
-- county then keeps its old copy as history and takes every row again. The outbox's numbers mean something only
-- within their 纪元.
ALTER TABLE county_link ADD COLUMN epoch TEXT;          -- the 纪元 (the county's townships.epoch); null: the first
ALTER TABLE county_link ADD COLUMN restored_mark TEXT;  -- the ledger's restore mark (settings 'restored') when in step
-- A new 纪元 begun here and not yet taken by the county: every row was queued after this line.
ALTER TABLE county_link ADD COLUMN resync_from INTEGER;
ALTER TABLE county_link ADD COLUMN resync_why TEXT CHECK (resync_why IN ('township', 'county'));
ALTER TABLE county_link ADD COLUMN carried_batch INTEGER NOT NULL DEFAULT 0; -- the last 批号 given to an offline file
ALTER TABLE county_link ADD COLUMN view_at TEXT;        -- the county's time of the newest word from it (push or 回执)

-- Offline files (离线报送文件) the county has not acknowledged: each starts at the county's last acknowledged line as
-- this ledger knows it, so a later one holds all of an earlier one. A push or a 回执 that acknowledges a file's last
-- line removes it.
CREATE TABLE county_carries (
  batch    INTEGER PRIMARY KEY,  -- 第 N 批
  from_seq INTEGER NOT NULL,
  to_seq   INTEGER NOT NULL,
  made_at  TEXT NOT NULL
);
