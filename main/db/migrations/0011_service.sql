-- 服务人员, 微心愿 and 群众意见建议. The cadres register becomes the register of everyone who serves (a 帮扶干部 is a
-- 服务人员 paired with a household); pick lists the center keeps as data; wishes with their claims and photo;
-- suggestions with their handling. Nothing here is ever deleted: a wrong entry is withdrawn with a reason.

ALTER TABLE cadres ADD COLUMN kind TEXT NOT NULL DEFAULT 'official'
  CHECK (kind IN ('official', 'village', 'member', 'grid', 'volunteer'));
ALTER TABLE cadres ADD COLUMN reported_on TEXT;   -- 在职党员: the day they reported to the community
ALTER TABLE cadres ADD COLUMN post TEXT;          -- 在职党员: the service post they claimed (choices 'post')

-- Pick lists kept as data: 'post' (服务岗位, also the wishes' categories) and 'suggestionCategory'.
CREATE TABLE choices (
  list       TEXT NOT NULL,
  name       TEXT NOT NULL,
  sort_order INTEGER NOT NULL,
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  PRIMARY KEY (list, name)
) WITHOUT ROWID;
INSERT INTO choices (list, name, sort_order) VALUES
  ('post', '扶贫帮困', 1), ('post', '政策宣传', 2), ('post', '法律援助', 3), ('post', '医疗保健', 4),
  ('post', '便民利民', 5), ('post', '文化娱乐', 6), ('post', '治安调解', 7), ('post', '环境保护', 8),
  ('suggestionCategory', '民生', 1), ('suggestionCategory', '基础设施', 2), ('suggestionCategory', '环境卫生', 3),
  ('suggestionCategory', '治安', 4), ('suggestionCategory', '政策咨询', 5), ('suggestionCategory', '其他', 6);

-- A wish moves collected → accepted | declined; accepted → claimed (first claim) → fulfilled; any open state →
-- withdrawn. The columns of each step are filled exactly when the wish has passed it.
CREATE TABLE wishes (
  id              INTEGER PRIMARY KEY,
  household_id    INTEGER REFERENCES households(id),
  resident        TEXT NOT NULL,
  resident_initials TEXT NOT NULL,
  phone           TEXT NOT NULL DEFAULT '',
  area_id         INTEGER NOT NULL REFERENCES areas(id),
  content         TEXT NOT NULL,
  category        TEXT NOT NULL,
  channel         TEXT NOT NULL CHECK (channel IN ('counter', 'box', 'visit', 'meeting')),
  collected_on    TEXT NOT NULL,
  recorded_by     INTEGER NOT NULL REFERENCES staff(id),
  status          TEXT NOT NULL DEFAULT 'collected'
    CHECK (status IN ('collected', 'accepted', 'declined', 'claimed', 'fulfilled', 'withdrawn')),
  decided_on      TEXT,
  decided_by      INTEGER REFERENCES staff(id),
  standard        TEXT,                            -- 服务标准
  due_on          TEXT CHECK (due_on IS NULL OR due_on >= collected_on),
  decline_reason  TEXT,                            -- told to the resident
  fulfilled_on    TEXT,
  fulfilment      TEXT,                            -- what was done
  value_fen       INTEGER NOT NULL DEFAULT 0 CHECK (value_fen >= 0),
  feedback        TEXT,                            -- the resident's
  fulfilled_by    INTEGER REFERENCES staff(id),
  withdrawn_on    TEXT,
  withdraw_reason TEXT,
  withdrawn_by    INTEGER REFERENCES staff(id),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  CHECK ((status = 'declined') = (decline_reason IS NOT NULL)),
  CHECK ((status IN ('accepted', 'claimed', 'fulfilled')) <= (due_on IS NOT NULL)),
  CHECK ((status = 'fulfilled') = (fulfilled_on IS NOT NULL)),
  CHECK ((status = 'withdrawn') = (withdrawn_on IS NOT NULL))
);
CREATE INDEX wishes_collected ON wishes (collected_on, id);
CREATE INDEX wishes_status ON wishes (status, due_on);
CREATE INDEX wishes_due ON wishes (due_on, id);  -- the grid sorted by 完成期限
CREATE INDEX wishes_area ON wishes (area_id, collected_on);
CREATE INDEX wishes_initials ON wishes (resident_initials);
CREATE INDEX wishes_household ON wishes (household_id) WHERE household_id IS NOT NULL;

-- Who took a wish on: a 服务人员 or a unit (结对单位 / 辖区单位); several claims make a group.
CREATE TABLE wish_claims (
  id         INTEGER PRIMARY KEY,
  wish_id    INTEGER NOT NULL REFERENCES wishes(id),
  cadre_id   INTEGER REFERENCES cadres(id),
  unit       TEXT,
  claimed_on TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES staff(id),
  created_at TEXT NOT NULL,
  CHECK ((cadre_id IS NULL) <> (unit IS NULL))
);
CREATE INDEX wish_claims_wish ON wish_claims (wish_id);
CREATE INDEX wish_claims_cadre ON wish_claims (cadre_id) WHERE cadre_id IS NOT NULL;

-- The photo of a fulfilled wish, kept in the ledger (so it goes with every backup).
CREATE TABLE wish_photos (
  wish_id INTEGER PRIMARY KEY REFERENCES wishes(id),
  mime    TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
  bytes   BLOB NOT NULL CHECK (length(bytes) <= 5242880)
);

-- A suggestion moves collected → assigned (办理, with a working-day deadline) → closed (答复 and 办结 with a result);
-- 立即答复 closes it on the day it is taken; a closed one may get its 回访; open ones may be withdrawn.
CREATE TABLE suggestions (
  id              INTEGER PRIMARY KEY,
  content         TEXT NOT NULL,
  channel         TEXT NOT NULL CHECK (channel IN ('visit', 'meeting', 'counter', 'phone', '12345', 'wechat')),
  category        TEXT NOT NULL,
  area_id         INTEGER NOT NULL REFERENCES areas(id),
  household_id    INTEGER REFERENCES households(id),
  resident        TEXT NOT NULL DEFAULT '',        -- '' when anonymous
  resident_initials TEXT NOT NULL DEFAULT '',
  collected_by    INTEGER REFERENCES cadres(id),   -- the 服务人员 who collected it
  collected_on    TEXT NOT NULL,
  recorded_by     INTEGER NOT NULL REFERENCES staff(id),
  status          TEXT NOT NULL DEFAULT 'collected'
    CHECK (status IN ('collected', 'assigned', 'closed', 'withdrawn')),
  handler         TEXT,                            -- the person or department it is assigned to
  assigned_on     TEXT CHECK (assigned_on IS NULL OR assigned_on >= collected_on),
  assigned_by     INTEGER REFERENCES staff(id),
  due_on          TEXT,
  on_the_spot     INTEGER NOT NULL DEFAULT 0 CHECK (on_the_spot IN (0, 1)),
  answer          TEXT,
  answered_on     TEXT CHECK (answered_on IS NULL OR answered_on >= collected_on),
  result          TEXT CHECK (result IN ('resolved', 'partial', 'unresolved')),
  result_reason   TEXT,
  answered_by     INTEGER REFERENCES staff(id),
  revisit         TEXT CHECK (revisit IN ('satisfied', 'unsatisfied')),
  revisited_on    TEXT,
  revisit_note    TEXT,
  revisited_by    INTEGER REFERENCES staff(id),
  withdrawn_on    TEXT,
  withdraw_reason TEXT,
  withdrawn_by    INTEGER REFERENCES staff(id),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  CHECK ((status = 'closed') = (answer IS NOT NULL AND answered_on IS NOT NULL AND result IS NOT NULL)),
  CHECK (result IS NULL OR result = 'resolved' OR result_reason IS NOT NULL),
  CHECK ((status = 'assigned') <= (due_on IS NOT NULL)),
  CHECK ((status = 'withdrawn') = (withdrawn_on IS NOT NULL)),
  CHECK (revisit IS NULL OR status = 'closed')
);
CREATE INDEX suggestions_collected ON suggestions (collected_on, id);
CREATE INDEX suggestions_status ON suggestions (status, due_on);
CREATE INDEX suggestions_due ON suggestions (due_on, id);  -- the grid sorted by 办理期限
CREATE INDEX suggestions_area ON suggestions (area_id, collected_on);
CREATE INDEX suggestions_initials ON suggestions (resident_initials);
