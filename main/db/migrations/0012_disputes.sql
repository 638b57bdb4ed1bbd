-- 矛盾纠纷调解: a dispute from its registration to the follow-up of its agreement. Its parties (two or more), its
-- mediators (服务人员), dated sessions (调解笔录), the result (口头协议, 书面协议 with a gapless number per year,
-- 调解不成 with the route suggested, or 转交), and follow-up visits. Nothing is deleted: a wrong entry is withdrawn.

-- The staff account a 服务人员 signs in with (set by an admin): a mediator concludes the disputes they mediate.
ALTER TABLE staff ADD COLUMN cadre_id INTEGER REFERENCES cadres(id);
CREATE UNIQUE INDEX staff_cadre ON staff (cadre_id) WHERE cadre_id IS NOT NULL;

INSERT INTO choices (list, name, sort_order) VALUES
  ('disputeType', '婚姻家庭', 1), ('disputeType', '邻里纠纷', 2), ('disputeType', '土地承包/流转', 3),
  ('disputeType', '宅基地', 4), ('disputeType', '劳动报酬', 5), ('disputeType', '损害赔偿', 6),
  ('disputeType', '物业', 7), ('disputeType', '征地拆迁', 8), ('disputeType', '其他', 9);

-- A dispute moves open → settled (调解成功) | failed (调解不成) | transferred (转交); open → withdrawn.
-- due_on is fixed when it is accepted (accepted_on + the center's mediation days at that time).
CREATE TABLE disputes (
  id                INTEGER PRIMARY KEY,
  accepted_on       TEXT NOT NULL,
  source            TEXT NOT NULL CHECK (source IN ('applied', 'found', 'assigned', 'referred')),
  type              TEXT NOT NULL,                 -- choices 'disputeType'
  area_id           INTEGER NOT NULL REFERENCES areas(id),
  persons           INTEGER NOT NULL CHECK (persons >= 2),       -- 涉及人数
  amount_fen        INTEGER NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),  -- 涉及金额
  facts             TEXT NOT NULL,                 -- 纠纷事实及争议事项
  party_names       TEXT NOT NULL,                 -- '张三、李四': the grid's parties and its search
  party_initials    TEXT NOT NULL,                 -- ' zs ls': each party's initials after a space
  party_id_tails    TEXT NOT NULL DEFAULT '',      -- ' 1234 5678': the last four of each ID number given
  due_on            TEXT NOT NULL CHECK (due_on >= accepted_on),
  recorded_by       INTEGER NOT NULL REFERENCES staff(id),
  status            TEXT NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'settled', 'failed', 'transferred', 'withdrawn')),
  concluded_on      TEXT CHECK (concluded_on IS NULL OR concluded_on >= accepted_on),
  concluded_by      INTEGER REFERENCES staff(id),
  agreement         TEXT CHECK (agreement IN ('oral', 'written')),
  agreement_year    INTEGER,
  agreement_seq     INTEGER,
  responsibilities  TEXT,                          -- 书面协议: 责任认定
  terms             TEXT,                          -- the agreed terms (口头协议: its content, 人民调解法 第28条)
  performance       TEXT,                          -- 书面协议: how, when and where it is performed
  copies            INTEGER CHECK (copies IS NULL OR copies BETWEEN 2 AND 10),
  route             TEXT CHECK (route IN ('litigation', 'arbitration', 'administrative')),  -- 调解不成
  transferred_to    TEXT,
  conclusion_note   TEXT,
  withdrawn_on      TEXT,
  withdraw_reason   TEXT,
  withdrawn_by      INTEGER REFERENCES staff(id),
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  CHECK ((status IN ('settled', 'failed', 'transferred')) = (concluded_on IS NOT NULL)),
  CHECK ((status = 'settled') = (agreement IS NOT NULL AND terms IS NOT NULL)),
  CHECK ((agreement = 'written') = (agreement_seq IS NOT NULL AND performance IS NOT NULL AND copies IS NOT NULL)),
  CHECK ((status = 'failed') = (route IS NOT NULL)),
  CHECK ((status = 'transferred') = (transferred_to IS NOT NULL)),
  CHECK ((status = 'withdrawn') = (withdrawn_on IS NOT NULL))
);
CREATE UNIQUE INDEX disputes_agreement_no ON disputes (agreement_year, agreement_seq) WHERE agreement_seq IS NOT NULL;
CREATE INDEX disputes_accepted ON disputes (accepted_on, id);
-- The grid's totals of persons and amount: a scan of this narrow index, not of the rows (21 ms → 6 ms at 100,000).
CREATE INDEX disputes_totals ON disputes (accepted_on, status, area_id, type, persons, amount_fen);
CREATE INDEX disputes_due ON disputes (due_on, id);
CREATE INDEX disputes_status ON disputes (status, due_on);
CREATE INDEX disputes_area ON disputes (area_id, accepted_on);
CREATE INDEX disputes_concluded ON disputes (concluded_on) WHERE status = 'settled';

CREATE TABLE dispute_parties (
  id           INTEGER PRIMARY KEY,
  dispute_id   INTEGER NOT NULL REFERENCES disputes(id),
  seq          INTEGER NOT NULL,
  role         TEXT NOT NULL CHECK (role IN ('applicant', 'respondent')),
  name         TEXT NOT NULL,
  id_number    TEXT CHECK (id_number IS NULL OR length(id_number) = 18),  -- optional; masked but on the 协议书
  phone        TEXT NOT NULL DEFAULT '',
  address      TEXT NOT NULL DEFAULT '',
  household_id INTEGER REFERENCES households(id),
  UNIQUE (dispute_id, seq)
);
CREATE INDEX dispute_parties_household ON dispute_parties (household_id) WHERE household_id IS NOT NULL;

CREATE TABLE dispute_mediators (
  dispute_id INTEGER NOT NULL REFERENCES disputes(id),
  cadre_id   INTEGER NOT NULL REFERENCES cadres(id),
  PRIMARY KEY (dispute_id, cadre_id)
) WITHOUT ROWID;
CREATE INDEX dispute_mediators_cadre ON dispute_mediators (cadre_id, dispute_id);

-- A mediation session, printed as its 调解笔录.
CREATE TABLE dispute_sessions (
  id          INTEGER PRIMARY KEY,
  dispute_id  INTEGER NOT NULL REFERENCES disputes(id),
  held_on     TEXT NOT NULL,
  place       TEXT NOT NULL,
  attendees   TEXT NOT NULL,
  statements  TEXT NOT NULL,                 -- what each side said
  proposal    TEXT NOT NULL DEFAULT '',      -- what the mediator proposed
  recorder    TEXT NOT NULL DEFAULT '',      -- 记录人
  created_by  INTEGER NOT NULL REFERENCES staff(id),
  created_at  TEXT NOT NULL
);
CREATE INDEX dispute_sessions_dispute ON dispute_sessions (dispute_id, held_on);

-- 回访: whether the agreement is kept.
CREATE TABLE dispute_followups (
  id          INTEGER PRIMARY KEY,
  dispute_id  INTEGER NOT NULL REFERENCES disputes(id),
  visited_on  TEXT NOT NULL,
  outcome     TEXT NOT NULL CHECK (outcome IN ('kept', 'partly', 'broken')),
  note        TEXT NOT NULL DEFAULT '',
  created_by  INTEGER NOT NULL REFERENCES staff(id),
  created_at  TEXT NOT NULL
);
CREATE INDEX dispute_followups_dispute ON dispute_followups (dispute_id, visited_on);
