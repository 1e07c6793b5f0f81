-- Curfew schema, version 4: the number of active sessions over time, for the admin console's dashboard.
--
-- Same rules as V1__schema.sql: one SQL for PostgreSQL and H2 in PostgreSQL mode, times as BIGINT epoch
-- milliseconds, every cascading foreign key column leading an index (here the primary key's).

-- Housekeeping records one sample per realm every minute: the sessions the store holds at sampled_at.
-- It purges samples older than 30 days, oldest first, in bounded batches.
CREATE TABLE session_stats (
    realm_id   VARCHAR(255) NOT NULL,
    sampled_at BIGINT       NOT NULL,
    active     BIGINT       NOT NULL,
    CONSTRAINT session_stats_pk PRIMARY KEY (realm_id, sampled_at),
    CONSTRAINT session_stats_realm_fk FOREIGN KEY (realm_id) REFERENCES realms (id) ON DELETE CASCADE
);

-- The purge: samples of every realm before a cut-off.
CREATE INDEX session_stats_sampled_idx ON session_stats (sampled_at);
