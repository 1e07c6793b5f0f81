-- Curfew schema, version 20: recurring sign-outs. A schedule says what to sign out (a scope, as sign_outs has
-- it), why, in whose name, and when: every day, or every week on one day, at a time of day in UTC. At each slot
-- one node moves next_run_at on (one UPDATE guarded by the slot it read, which only one node wins) and, in the
-- same transaction, records an ordinary SCHEDULED sign-out due at once, linked back by sign_outs.schedule_id.
--
-- Same rules as V1__schema.sql: one SQL for PostgreSQL and H2 in PostgreSQL mode, times as BIGINT epoch
-- milliseconds.

CREATE TABLE sign_out_schedules (
    id             VARCHAR(255) NOT NULL,
    realm_id       VARCHAR(255) NOT NULL,
    scope_type     VARCHAR(16)  NOT NULL,
    scope_detail   TEXT         NOT NULL,
    reason         TEXT         NOT NULL,
    actor_id       VARCHAR(255) NOT NULL,
    actor_username VARCHAR(255) NOT NULL,
    privilege      VARCHAR(64)  NOT NULL,
    request_id     VARCHAR(255) NOT NULL,
    source_ip      VARCHAR(255) NOT NULL,
    -- MONDAY..SUNDAY for a weekly schedule; NULL for a daily one.
    day_of_week    VARCHAR(9),
    -- Minutes after midnight, UTC.
    minute_of_day  INTEGER      NOT NULL,
    next_run_at    BIGINT       NOT NULL,
    created_at     BIGINT       NOT NULL,
    CONSTRAINT sign_out_schedules_pk PRIMARY KEY (id),
    CONSTRAINT sign_out_schedules_realm_fk FOREIGN KEY (realm_id) REFERENCES realms (id) ON DELETE CASCADE
);

-- The due schedules are looked up by time on every housekeeping pass.
CREATE INDEX sign_out_schedules_next_run_idx ON sign_out_schedules (next_run_at);

-- The schedule a sign-out was run for; NULL for one asked for directly. Not a foreign key: the history keeps
-- the runs of a schedule deleted since.
ALTER TABLE sign_outs ADD COLUMN schedule_id VARCHAR(255);
