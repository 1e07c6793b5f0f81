-- Curfew schema, version 21: a realm's two-factor policy (who must sign in with a second factor).
--
-- Same rules as V1__schema.sql: one SQL for PostgreSQL and H2 in PostgreSQL mode. Existing realms keep
-- signing in as before ('off').

ALTER TABLE realms ADD COLUMN two_factor_required VARCHAR(16) DEFAULT 'off' NOT NULL;
