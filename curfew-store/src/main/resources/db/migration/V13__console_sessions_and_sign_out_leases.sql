-- Curfew schema, version 13: what one node held for itself is now in the database every node shares, so that
-- any node behind a balancer serves any request and takes over any work (docs/architecture.md, "Several nodes"):
--   * the consoles' sessions, and the account console's sign-ins in progress;
--   * a lease on each RUNNING sign-out, so that when the node working on it dies another one takes it over
--     (Housekeeping) instead of the sign-out staying RUNNING until some node restarts.
--
-- Same rules as V1__schema.sql: one SQL for PostgreSQL and H2 in PostgreSQL mode, times as BIGINT epoch
-- milliseconds, every cascading foreign key column leading an index.

-- One row per console session or sign-in in progress, keyed by the SHA-256 of the random secret its browser
-- holds in a cookie (never the secret itself). kind is ADMIN (the admin console: its sessions belong to the
-- master realm), ACCOUNT (a realm's account console) or ACCOUNT_SIGN_IN (a sign-in that console started, keyed
-- by its state). data is the session's state sealed with a key derived from that same secret (AES-GCM), so the
-- row reveals nothing, the administrator's tokens included, to whoever reads the table without the cookie.
-- A row is dead once expires_at has passed; housekeeping deletes it.
CREATE TABLE console_sessions (
    id_hash    VARCHAR(64)  NOT NULL,
    kind       VARCHAR(32)  NOT NULL,
    realm_id   VARCHAR(255) NOT NULL,
    data       TEXT         NOT NULL,
    expires_at BIGINT       NOT NULL,
    CONSTRAINT console_sessions_pk PRIMARY KEY (id_hash),
    CONSTRAINT console_sessions_realm_fk FOREIGN KEY (realm_id) REFERENCES realms (id) ON DELETE CASCADE
);

CREATE INDEX console_sessions_realm_idx ON console_sessions (realm_id);
-- Housekeeping's purge of expired rows.
CREATE INDEX console_sessions_expires_idx ON console_sessions (expires_at);

-- The node working on the sign-out (a random id each node draws at start) and until when its lease holds. The
-- node renews the lease while it works; once lease_until has passed any node may claim it. Both NULL when no node
-- holds it: sign-outs written before this version, and finished ones.
ALTER TABLE sign_outs ADD COLUMN lease_owner VARCHAR(255);
ALTER TABLE sign_outs ADD COLUMN lease_until BIGINT;
