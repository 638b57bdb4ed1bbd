-- 县级上报 of the registers behind the report's other sections (county migration 0003 keeps them): the same outbox
-- lines as 0014. dispute_mediators and choices have no key of their own: a line names their dispute or their list,
-- and the county replaces all the rows under it. A township enrolled before this version queues what it holds now.

-- The triggers, written from db/synced.ts by db/migrate.ts, and the lines queuing what each table holds.
-- @outbox applications application_steps cadres pairings visits visit_aid service_cards
-- @outbox wishes wish_claims suggestions disputes dispute_mediators choices
-- @outbox-queue applications application_steps cadres pairings visits visit_aid service_cards
-- @outbox-queue wishes wish_claims suggestions disputes dispute_mediators choices
