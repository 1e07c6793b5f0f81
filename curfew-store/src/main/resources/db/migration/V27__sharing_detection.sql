-- Curfew schema, version 27: a realm's thresholds for suspecting that an account is shared (sessions at once, and
-- networks at once).
--
-- Same rules as V1__schema.sql: one SQL for PostgreSQL and H2 in PostgreSQL mode. Existing realms detect nothing (0).

ALTER TABLE realms ADD COLUMN sharing_sessions INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE realms ADD COLUMN sharing_networks INTEGER DEFAULT 0 NOT NULL;
