-- 县级上报 of the registers behind the report's other sections (county migration 0003 keeps them): the same outbox
-- lines as 0014. dispute_mediators and choices have no key of their own: a line names their dispute or their list,
-- and the county replaces all the rows under it. A township enrolled before this version queues what it holds now.

CREATE TRIGGER applications_outbox_insert AFTER INSERT ON applications
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('applications', NEW.id); END;
CREATE TRIGGER applications_outbox_update AFTER UPDATE ON applications
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('applications', NEW.id); END;
CREATE TRIGGER applications_outbox_delete AFTER DELETE ON applications
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('applications', OLD.id); END;

CREATE TRIGGER application_steps_outbox_insert AFTER INSERT ON application_steps
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('application_steps', NEW.id); END;
CREATE TRIGGER application_steps_outbox_update AFTER UPDATE ON application_steps
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('application_steps', NEW.id); END;
CREATE TRIGGER application_steps_outbox_delete AFTER DELETE ON application_steps
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('application_steps', OLD.id); END;

CREATE TRIGGER cadres_outbox_insert AFTER INSERT ON cadres
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('cadres', NEW.id); END;
CREATE TRIGGER cadres_outbox_update AFTER UPDATE ON cadres
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('cadres', NEW.id); END;
CREATE TRIGGER cadres_outbox_delete AFTER DELETE ON cadres
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('cadres', OLD.id); END;

CREATE TRIGGER pairings_outbox_insert AFTER INSERT ON pairings
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('pairings', NEW.id); END;
CREATE TRIGGER pairings_outbox_update AFTER UPDATE ON pairings
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('pairings', NEW.id); END;
CREATE TRIGGER pairings_outbox_delete AFTER DELETE ON pairings
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('pairings', OLD.id); END;

CREATE TRIGGER visits_outbox_insert AFTER INSERT ON visits
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('visits', NEW.id); END;
CREATE TRIGGER visits_outbox_update AFTER UPDATE ON visits
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('visits', NEW.id); END;
CREATE TRIGGER visits_outbox_delete AFTER DELETE ON visits
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('visits', OLD.id); END;

CREATE TRIGGER visit_aid_outbox_insert AFTER INSERT ON visit_aid
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('visit_aid', NEW.id); END;
CREATE TRIGGER visit_aid_outbox_update AFTER UPDATE ON visit_aid
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('visit_aid', NEW.id); END;
CREATE TRIGGER visit_aid_outbox_delete AFTER DELETE ON visit_aid
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('visit_aid', OLD.id); END;

CREATE TRIGGER service_cards_outbox_insert AFTER INSERT ON service_cards
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('service_cards', NEW.id); END;
CREATE TRIGGER service_cards_outbox_update AFTER UPDATE ON service_cards
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('service_cards', NEW.id); END;
CREATE TRIGGER service_cards_outbox_delete AFTER DELETE ON service_cards
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('service_cards', OLD.id); END;

CREATE TRIGGER wishes_outbox_insert AFTER INSERT ON wishes
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('wishes', NEW.id); END;
CREATE TRIGGER wishes_outbox_update AFTER UPDATE ON wishes
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('wishes', NEW.id); END;
CREATE TRIGGER wishes_outbox_delete AFTER DELETE ON wishes
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('wishes', OLD.id); END;

CREATE TRIGGER wish_claims_outbox_insert AFTER INSERT ON wish_claims
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('wish_claims', NEW.id); END;
CREATE TRIGGER wish_claims_outbox_update AFTER UPDATE ON wish_claims
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('wish_claims', NEW.id); END;
CREATE TRIGGER wish_claims_outbox_delete AFTER DELETE ON wish_claims
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('wish_claims', OLD.id); END;

CREATE TRIGGER suggestions_outbox_insert AFTER INSERT ON suggestions
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('suggestions', NEW.id); END;
CREATE TRIGGER suggestions_outbox_update AFTER UPDATE ON suggestions
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('suggestions', NEW.id); END;
CREATE TRIGGER suggestions_outbox_delete AFTER DELETE ON suggestions
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('suggestions', OLD.id); END;

CREATE TRIGGER disputes_outbox_insert AFTER INSERT ON disputes
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('disputes', NEW.id); END;
CREATE TRIGGER disputes_outbox_update AFTER UPDATE ON disputes
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('disputes', NEW.id); END;
CREATE TRIGGER disputes_outbox_delete AFTER DELETE ON disputes
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('disputes', OLD.id); END;

CREATE TRIGGER dispute_mediators_outbox_insert AFTER INSERT ON dispute_mediators
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('dispute_mediators', NEW.dispute_id); END;
CREATE TRIGGER dispute_mediators_outbox_update AFTER UPDATE ON dispute_mediators
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('dispute_mediators', NEW.dispute_id); END;
CREATE TRIGGER dispute_mediators_outbox_delete AFTER DELETE ON dispute_mediators
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('dispute_mediators', OLD.dispute_id); END;

CREATE TRIGGER choices_outbox_insert AFTER INSERT ON choices
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('choices', NEW.list); END;
CREATE TRIGGER choices_outbox_update AFTER UPDATE ON choices
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('choices', NEW.list); END;
CREATE TRIGGER choices_outbox_delete AFTER DELETE ON choices
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('choices', OLD.list); END;

INSERT INTO outbox (tbl, key)
  SELECT DISTINCT 'applications', id
    FROM applications
    WHERE EXISTS (SELECT 1 FROM county_link)
    ORDER BY id;
INSERT INTO outbox (tbl, key)
  SELECT DISTINCT 'application_steps', id
    FROM application_steps
    WHERE EXISTS (SELECT 1 FROM county_link)
    ORDER BY id;
INSERT INTO outbox (tbl, key)
  SELECT DISTINCT 'cadres', id
    FROM cadres
    WHERE EXISTS (SELECT 1 FROM county_link)
    ORDER BY id;
INSERT INTO outbox (tbl, key)
  SELECT DISTINCT 'pairings', id
    FROM pairings
    WHERE EXISTS (SELECT 1 FROM county_link)
    ORDER BY id;
INSERT INTO outbox (tbl, key)
  SELECT DISTINCT 'visits', id
    FROM visits
    WHERE EXISTS (SELECT 1 FROM county_link)
    ORDER BY id;
INSERT INTO outbox (tbl, key)
  SELECT DISTINCT 'visit_aid', id
    FROM visit_aid
    WHERE EXISTS (SELECT 1 FROM county_link)
    ORDER BY id;
INSERT INTO outbox (tbl, key)
  SELECT DISTINCT 'service_cards', id
    FROM service_cards
    WHERE EXISTS (SELECT 1 FROM county_link)
    ORDER BY id;
INSERT INTO outbox (tbl, key)
  SELECT DISTINCT 'wishes', id
    FROM wishes
    WHERE EXISTS (SELECT 1 FROM county_link)
    ORDER BY id;
INSERT INTO outbox (tbl, key)
  SELECT DISTINCT 'wish_claims', id
    FROM wish_claims
    WHERE EXISTS (SELECT 1 FROM county_link)
    ORDER BY id;
INSERT INTO outbox (tbl, key)
  SELECT DISTINCT 'suggestions', id
    FROM suggestions
    WHERE EXISTS (SELECT 1 FROM county_link)
    ORDER BY id;
INSERT INTO outbox (tbl, key)
  SELECT DISTINCT 'disputes', id
    FROM disputes
    WHERE EXISTS (SELECT 1 FROM county_link)
    ORDER BY id;
INSERT INTO outbox (tbl, key)
  SELECT DISTINCT 'dispute_mediators', dispute_id
    FROM dispute_mediators
    WHERE EXISTS (SELECT 1 FROM county_link)
    ORDER BY dispute_id;
INSERT INTO outbox (tbl, key)
  SELECT DISTINCT 'choices', list
    FROM choices
    WHERE EXISTS (SELECT 1 FROM county_link)
    ORDER BY list;
