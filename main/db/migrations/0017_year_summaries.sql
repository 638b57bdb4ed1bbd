-- 年度工作总结 in the center's own words: 主要做法, 存在问题 and 下一步打算 of a year, as a reviewer, an approver or the
-- admin saved them (reports/yearSummary.ts). A section with no row here is drafted from the ledger's figures each
-- time it is read; a saved one is the center's text and wins over the draft. One row per year and section, rewritten
-- in place: every save is in the audit log with the text before and after.
-- Not synced to the county (db/synced.ts): the county keeps the columns its figures are counted from, and this is
-- prose, which reaches the county on the .docx the township hands upward.
CREATE TABLE year_summaries (
  year       INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  section    TEXT NOT NULL CHECK (section IN ('practices', 'problems', 'plans')),
  text       TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
  updated_by INTEGER NOT NULL REFERENCES staff(id),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (year, section)
) WITHOUT ROWID;
