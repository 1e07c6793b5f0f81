-- Curfew schema, version 17: a sign-out may be planned for later. It waits as SCHEDULED (sign_outs.status is
-- free text) until run_at, then one node claims it (SCHEDULED -> RUNNING in one UPDATE that only one node
-- wins) and runs it; CANCELLED if an administrator cancels it while it waits.
--
-- Same rules as V1__schema.sql: one SQL for PostgreSQL and H2 in PostgreSQL mode.

-- When it is due, in epoch milliseconds; NULL for a sign-out that ran when it was asked for.
ALTER TABLE sign_outs ADD COLUMN run_at BIGINT;

-- When it actually started running, in epoch milliseconds: later than run_at when every node was down at
-- run_at. NULL while it waits, and for a sign-out that ran when it was asked for (created_at says when).
ALTER TABLE sign_outs ADD COLUMN started_at BIGINT;

-- The due sign-outs are looked up by status and time on every housekeeping pass.
CREATE INDEX sign_outs_status_run_at_idx ON sign_outs (status, run_at);
