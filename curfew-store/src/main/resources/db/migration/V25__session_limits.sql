-- Curfew schema, version 25: a realm's session limits (how many sessions a user may hold at once).
--
-- Same rules as V1__schema.sql: one SQL for PostgreSQL and H2 in PostgreSQL mode. Existing realms keep no limit (0).

ALTER TABLE realms ADD COLUMN max_sessions_per_user INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE realms ADD COLUMN max_sessions_per_user_client INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE realms ADD COLUMN sessions_exceeded VARCHAR(16) DEFAULT 'refuse' NOT NULL;
