-- Relief applications from 受理 to 办结: relief kinds (data), the holidays calendar, gapless numbers, cases, steps.

-- Holidays and make-up working days drive every deadline. Seeded from 国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04;
-- later years are entered by an admin when the State Council publishes them.
CREATE TABLE calendar_days (
  day  TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday'))
) WITHOUT ROWID;
INSERT INTO calendar_days (day, kind) VALUES
  ('2026-01-01', 'holiday'),
  ('2026-01-02', 'holiday'),
  ('2026-01-03', 'holiday'),
  ('2026-02-15', 'holiday'),
  ('2026-02-16', 'holiday'),
  ('2026-02-17', 'holiday'),
  ('2026-02-18', 'holiday'),
  ('2026-02-19', 'holiday'),
  ('2026-02-20', 'holiday'),
  ('2026-02-21', 'holiday'),
  ('2026-02-22', 'holiday'),
  ('2026-02-23', 'holiday'),
  ('2026-04-04', 'holiday'),
  ('2026-04-05', 'holiday'),
  ('2026-04-06', 'holiday'),
  ('2026-05-01', 'holiday'),
  ('2026-05-02', 'holiday'),
  ('2026-05-03', 'holiday'),
  ('2026-05-04', 'holiday'),
  ('2026-05-05', 'holiday'),
  ('2026-06-19', 'holiday'),
  ('2026-06-20', 'holiday'),
  ('2026-06-21', 'holiday'),
  ('2026-09-25', 'holiday'),
  ('2026-09-26', 'holiday'),
  ('2026-09-27', 'holiday'),
  ('2026-10-01', 'holiday'),
  ('2026-10-02', 'holiday'),
  ('2026-10-03', 'holiday'),
  ('2026-10-04', 'holiday'),
  ('2026-10-05', 'holiday'),
  ('2026-10-06', 'holiday'),
  ('2026-10-07', 'holiday'),
  ('2026-01-04', 'workday'),
  ('2026-02-14', 'workday'),
  ('2026-02-28', 'workday'),
  ('2026-05-09', 'workday'),
  ('2026-09-20', 'workday'),
  ('2026-10-10', 'workday');

CREATE TABLE relief_kinds (
  code                 TEXT PRIMARY KEY,
  name                 TEXT NOT NULL UNIQUE,
  parent_code          TEXT REFERENCES relief_kinds(code),   -- 急难型 and 支出型 under 临时救助: limits count together
  materials            TEXT NOT NULL DEFAULT '[]',           -- JSON array: the checklist of required materials
  time_limit_days      INTEGER NOT NULL CHECK (time_limit_days > 0),
  recurrence           TEXT NOT NULL CHECK (recurrence IN ('one_off', 'monthly')),
  township_ceiling_fen INTEGER CHECK (township_ceiling_fen > 0), -- above it the case goes to the county (报县审批)
  max_per_year         INTEGER CHECK (max_per_year > 0),     -- per household, counted on the top-level kind
  distinct_reason      INTEGER NOT NULL DEFAULT 0 CHECK (distinct_reason IN (0, 1)),
  urgent_allowed       INTEGER NOT NULL DEFAULT 0 CHECK (urgent_allowed IN (0, 1)), -- 先行救助
  paperwork_days       INTEGER NOT NULL DEFAULT 10 CHECK (paperwork_days > 0),
  sort_order           INTEGER NOT NULL DEFAULT 0,
  active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) WITHOUT ROWID;

INSERT INTO relief_kinds (code, name, parent_code, materials, time_limit_days, recurrence, township_ceiling_fen, max_per_year, distinct_reason, urgent_allowed, sort_order) VALUES
  ('temporary_relief', '临时救助', NULL, '["申请书","身份证复印件","户口簿复印件","困难情况证明"]', 10, 'one_off', 500000, 2, 1, 1, 1),
  ('temporary_relief_urgent', '临时救助（急难型）', 'temporary_relief', '["申请书","身份证复印件","户口簿复印件","事故或急难情况证明"]', 10, 'one_off', 500000, 2, 1, 1, 2),
  ('temporary_relief_expense', '临时救助（支出型）', 'temporary_relief', '["申请书","身份证复印件","户口簿复印件","大额支出票据","收入情况说明"]', 10, 'one_off', 500000, 2, 1, 0, 3),
  ('medical_relief', '医疗救助（大病）', NULL, '["申请书","身份证复印件","户口簿复印件","诊断证明","住院发票","医保结算单"]', 15, 'one_off', 1000000, NULL, 0, 0, 4),
  ('disability_living_subsidy', '困难残疾人生活补贴', NULL, '["申请书","身份证复印件","残疾证复印件","低保或困难证明"]', 20, 'monthly', NULL, 1, 0, 0, 5),
  ('disability_care_subsidy', '重度残疾人护理补贴', NULL, '["申请书","身份证复印件","残疾证复印件（一、二级）"]', 20, 'monthly', NULL, 1, 0, 0, 6),
  ('elderly_allowance', '困难老人特殊补助金', NULL, '["申请书","身份证复印件","户口簿复印件","家庭收入证明"]', 20, 'monthly', NULL, 1, 0, 0, 7),
  ('education_aid', '助学资助', NULL, '["申请书","学生证或录取通知书","户口簿复印件","困难证明"]', 15, 'one_off', 300000, 1, 0, 0, 8),
  ('other', '其他', NULL, '["申请书","身份证复印件"]', 20, 'one_off', 200000, NULL, 0, 0, 9);

-- Gapless business numbers (acceptance, card, batch …) per year, drawn in the transaction that uses them.
CREATE TABLE number_sequences (
  series TEXT NOT NULL,
  year   INTEGER NOT NULL,
  last   INTEGER NOT NULL,
  PRIMARY KEY (series, year)
) WITHOUT ROWID;

CREATE TABLE applications (
  id                 INTEGER PRIMARY KEY,
  acceptance_no      TEXT NOT NULL UNIQUE,                 -- 2026-00017
  household_id       INTEGER NOT NULL REFERENCES households(id),
  person_id          INTEGER NOT NULL REFERENCES persons(id), -- the beneficiary
  area_id            INTEGER NOT NULL REFERENCES areas(id),   -- the household's area when accepted
  kind_code          TEXT NOT NULL REFERENCES relief_kinds(code),
  reason             TEXT NOT NULL,
  requested_fen      INTEGER NOT NULL CHECK (requested_fen > 0),
  approved_fen       INTEGER CHECK (approved_fen > 0),
  materials_received TEXT NOT NULL DEFAULT '[]',
  state              TEXT NOT NULL CHECK (state IN ('accepted', 'investigated', 'reviewed', 'publicized', 'approved', 'rejected', 'withdrawn', 'paid', 'closed')),
  urgent             INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
  county_review      INTEGER NOT NULL DEFAULT 0 CHECK (county_review IN (0, 1)),
  accepted_on        TEXT NOT NULL,
  deadline           TEXT NOT NULL,                         -- the Nth working day after acceptance
  paperwork_due      TEXT,                                  -- 先行救助: paperwork completed by this day
  paperwork_done_on  TEXT,
  publicity_from     TEXT,
  publicity_to       TEXT,
  decided_on         TEXT,
  registered_by      INTEGER NOT NULL REFERENCES staff(id),
  reviewed_by        INTEGER REFERENCES staff(id),
  decided_by         INTEGER REFERENCES staff(id),
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
);
CREATE INDEX applications_state_deadline ON applications (state, deadline);
CREATE INDEX applications_area_accepted ON applications (area_id, accepted_on, id);
CREATE INDEX applications_kind ON applications (kind_code, accepted_on);
CREATE INDEX applications_household ON applications (household_id, accepted_on);
CREATE INDEX applications_accepted ON applications (accepted_on, id);
CREATE INDEX applications_paperwork ON applications (paperwork_due) WHERE paperwork_due IS NOT NULL AND paperwork_done_on IS NULL;

-- The timeline: every step, who and when, and what was recorded (investigators, opinion, objection, amount …).
CREATE TABLE application_steps (
  id             INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES applications(id),
  action         TEXT NOT NULL,
  from_state     TEXT,
  to_state       TEXT NOT NULL,
  on_date        TEXT NOT NULL,
  staff_id       INTEGER NOT NULL REFERENCES staff(id),
  at             TEXT NOT NULL,
  detail         TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX application_steps_app ON application_steps (application_id, id);
