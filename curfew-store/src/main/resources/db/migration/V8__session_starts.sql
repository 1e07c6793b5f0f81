-- Curfew schema, version 8: how many sessions started in each hour, for the admin console's dashboard.
--
-- Sessions are deleted when they are signed out or expire, so counting the sessions table tells how many of
-- those started are still there, not how many started. Each start adds one to its realm's row for the hour
-- (UTC) it began in, in the transaction that stores the session. Housekeeping purges rows older than 30
-- days, oldest first, in bounded batches, like session_stats.
CREATE TABLE session_starts (
    realm_id   VARCHAR(255) NOT NULL,
    hour_start BIGINT       NOT NULL,
    started    BIGINT       NOT NULL,
    CONSTRAINT session_starts_pk PRIMARY KEY (realm_id, hour_start),
    CONSTRAINT session_starts_realm_fk FOREIGN KEY (realm_id) REFERENCES realms (id) ON DELETE CASCADE
);

-- The purge: hours of every realm before a cut-off.
CREATE INDEX session_starts_hour_idx ON session_starts (hour_start);
