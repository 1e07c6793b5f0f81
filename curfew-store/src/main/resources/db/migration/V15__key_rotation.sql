-- Curfew schema, version 15: signing key rotation. A key superseded by a rotation keeps verifying the tokens it
-- signed until verify_until (the longest lifetime of those tokens after the rotation), then housekeeping marks it
-- RETIRED; a rotation with retireOld marks the old keys RETIRED at once. RETIRED keys neither sign nor verify and
-- are not published; their rows stay so the key list shows what was retired and when.
--
-- Same rules as V1__schema.sql: one SQL for PostgreSQL and H2 in PostgreSQL mode, times as BIGINT epoch
-- milliseconds.

-- NULL for the ACTIVE key, and for PASSIVE keys superseded before this version (they verify until retired).
ALTER TABLE signing_keys ADD COLUMN verify_until BIGINT;
