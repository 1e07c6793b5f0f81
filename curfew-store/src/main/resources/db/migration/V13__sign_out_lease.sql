-- Curfew schema, version 13: a RUNNING sign-out is leased to the node working on it, so that when that node dies
-- another one takes it over (Housekeeping) instead of the sign-out staying RUNNING until some node restarts.
--
-- Same rules as V1__schema.sql: one SQL for PostgreSQL and H2 in PostgreSQL mode, times as BIGINT epoch
-- milliseconds.

-- The node working on the sign-out (a random id each node draws at start) and until when its lease holds. The
-- node renews the lease while it works; once lease_until has passed any node may claim it. Both NULL when no node
-- holds it: sign-outs written before this version, and finished ones.
ALTER TABLE sign_outs ADD COLUMN lease_owner VARCHAR(255);
ALTER TABLE sign_outs ADD COLUMN lease_until BIGINT;
