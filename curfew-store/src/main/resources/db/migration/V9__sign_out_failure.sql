-- Curfew schema, version 9: a sign-out that cannot finish is marked FAILED (sign_outs.status is already free
-- text: RUNNING, COMPLETED, FAILED) with why, instead of being resumed at every start.
--
-- Same rules as V1__schema.sql: one SQL for PostgreSQL and H2 in PostgreSQL mode.

-- Why the sign-out failed: a one-line summary for administrators (the server log has the details). NULL
-- unless status is FAILED.
ALTER TABLE sign_outs ADD COLUMN error TEXT;
