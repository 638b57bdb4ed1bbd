-- Registry of households in need: areas, hardship categories (data, not an enum), households, persons, moves.

CREATE TABLE areas (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  sort_order INTEGER NOT NULL DEFAULT 0,
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE hardship_categories (
  code       TEXT PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  sort_order INTEGER NOT NULL DEFAULT 0,
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) WITHOUT ROWID;

INSERT INTO hardship_categories (code, name, sort_order) VALUES
  ('dibao', '低保', 1), ('tekun', '特困供养', 2), ('near_dibao', '低保边缘', 3), ('low_income', '低收入', 4),
  ('severe_disability', '重度残疾', 5), ('disability_hardship', '困难残疾', 6), ('elderly_alone', '孤寡老人', 7),
  ('student_hardship', '困难学生', 8), ('serious_illness', '大病', 9), ('expenditure_hardship', '支出型困难', 10);

CREATE TABLE households (
  id             INTEGER PRIMARY KEY,
  area_id        INTEGER NOT NULL REFERENCES areas(id),
  head_person_id INTEGER,                         -- set in the same transaction that creates the head
  head_name      TEXT NOT NULL,                   -- copies of the head's name and pinyin, for sorting the grid
  head_pinyin    TEXT NOT NULL,
  address        TEXT NOT NULL DEFAULT '',
  phone          TEXT NOT NULL DEFAULT '',
  bank_name      TEXT NOT NULL DEFAULT '',
  account_number TEXT NOT NULL DEFAULT '',        -- 一卡通 account; lists show only its last four digits
  status         TEXT NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'exited')),
  exited_on      TEXT,
  exit_reason    TEXT,
  notes          TEXT NOT NULL DEFAULT '',
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  CHECK ((status = 'exited') = (exited_on IS NOT NULL))
);
CREATE INDEX households_area_pinyin ON households (area_id, head_pinyin, id);
CREATE INDEX households_pinyin ON households (head_pinyin, id);
CREATE INDEX households_status ON households (status, head_pinyin, id);
CREATE INDEX households_phone ON households (phone);

CREATE TABLE persons (
  id               INTEGER PRIMARY KEY,
  household_id     INTEGER NOT NULL REFERENCES households(id),
  name             TEXT NOT NULL,                 -- exactly as typed: no normalization
  name_initials    TEXT NOT NULL,                 -- pinyin initials, 张三 → zs, for the quick search
  id_number        TEXT NOT NULL UNIQUE CHECK (length(id_number) = 18),
  id_reversed      TEXT NOT NULL,                 -- the ID backwards, so "last four or more digits" is a prefix search
  gender           TEXT NOT NULL CHECK (gender IN ('male', 'female')),
  birth_date       TEXT NOT NULL,
  relation         TEXT NOT NULL,                 -- 户主, 配偶, 子女, …
  disability_type  TEXT,
  disability_grade INTEGER CHECK (disability_grade BETWEEN 1 AND 4),
  disability_cert  TEXT,
  phone            TEXT NOT NULL DEFAULT '',
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX persons_household ON persons (household_id);
CREATE INDEX persons_initials ON persons (name_initials);
CREATE INDEX persons_name ON persons (name);
CREATE INDEX persons_id_reversed ON persons (id_reversed);
CREATE INDEX persons_phone ON persons (phone);

-- A person belongs to one household at a time; moving keeps the history here.
CREATE TABLE person_moves (
  id                INTEGER PRIMARY KEY,
  person_id         INTEGER NOT NULL REFERENCES persons(id),
  from_household_id INTEGER NOT NULL REFERENCES households(id),
  to_household_id   INTEGER NOT NULL REFERENCES households(id),
  from_relation     TEXT NOT NULL,
  moved_on          TEXT NOT NULL,
  reason            TEXT NOT NULL,
  staff_id          INTEGER REFERENCES staff(id),
  at                TEXT NOT NULL
);
CREATE INDEX person_moves_person ON person_moves (person_id, id);

-- Several categories at once, each with from/to dates: the history of who was 低保, 特困 … and when.
CREATE TABLE household_categories (
  id            INTEGER PRIMARY KEY,
  household_id  INTEGER NOT NULL REFERENCES households(id),
  category_code TEXT NOT NULL REFERENCES hardship_categories(code),
  from_date     TEXT NOT NULL,
  to_date       TEXT,
  CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX household_categories_household ON household_categories (household_id, category_code);
CREATE INDEX household_categories_code ON household_categories (category_code, household_id);
