-- 跨乡镇核查 as work to do (county/checks.ts): each hit is one person (by ID number) or one payout account, named on
-- the screen by a key that tells nothing of the number; a county staff member marks it 核实中, then 已处理, each
-- with a note. The marks are the county's own, written by the office's screens only.

-- The secret the hits' keys are made with (sha256 of it and the hit's subject): a key names a hit without being a
-- digest of a bare ID number, which a clerk could test candidates against. Made once, never shown.
CREATE TABLE county.check_key (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  key text NOT NULL
);
INSERT INTO county.check_key (key) VALUES (gen_random_uuid()::text || gen_random_uuid()::text);

-- A hit's state: 核实中 (checking) or 已处理 (done), with the last note; `seen` is what the hit was when marked (its
-- lines and townships), so a hit that has grown since (another month paid twice, a third township) is open again.
-- No row: 待核实. Every mark is also a county note under the hit's topic and a row of county.audit_log.
CREATE TABLE county.check_cases (
  key   text PRIMARY KEY CHECK (key ~ '^[0-9a-f]{32}$'),
  state text NOT NULL CHECK (state IN ('checking', 'done')),
  note  text NOT NULL CHECK (length(note) BETWEEN 1 AND 500),
  by    text NOT NULL,
  at    timestamptz NOT NULL,
  seen  text[] NOT NULL
);

-- The notes of a check were kept under the hit's kind and one township's person row (0002); they now go under the
-- person's key, so that a person's notes follow them whatever the kinds of their hit.
UPDATE county.notes n
  SET topic = 'check:' || left(encode(sha256(convert_to(k.key || 'id:' || p.id_number, 'UTF8')), 'hex'), 32)
  FROM county.check_key k, county.persons p
  WHERE n.topic ~ '^(paidTwice|registeredTwice):[0-9a-f-]{36}:[0-9]+$'
    AND p.ledger_id = split_part(n.topic, ':', 2)::uuid
    AND p.id = split_part(n.topic, ':', 3)::bigint;

GRANT SELECT ON county.check_key TO county_staff;
GRANT SELECT, INSERT, UPDATE ON county.check_cases TO county_staff;
