-- Curfew schema, version 11: brute-force protection. A realm's settings (Keycloak's realm fields, on by default,
-- also for realms created before this version) and each user's failed sign-ins, shared by every node.
--
-- Same rules as V1__schema.sql: one SQL for PostgreSQL and H2 in PostgreSQL mode, times as BIGINT epoch
-- milliseconds, durations as seconds (quick_login_check in milliseconds, as Keycloak's field), every cascading
-- foreign key column leading an index.

ALTER TABLE realms ADD COLUMN brute_force_protected BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE realms ADD COLUMN permanent_lockout BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE realms ADD COLUMN failure_factor INTEGER NOT NULL DEFAULT 10;
ALTER TABLE realms ADD COLUMN wait_increment BIGINT NOT NULL DEFAULT 60;
ALTER TABLE realms ADD COLUMN max_failure_wait BIGINT NOT NULL DEFAULT 900;
ALTER TABLE realms ADD COLUMN max_delta_time BIGINT NOT NULL DEFAULT 43200;
ALTER TABLE realms ADD COLUMN quick_login_check_ms BIGINT NOT NULL DEFAULT 1000;
ALTER TABLE realms ADD COLUMN minimum_quick_login_wait BIGINT NOT NULL DEFAULT 60;

-- A user's failed sign-ins since their last successful one. locked_until is NULL when no lock was set since;
-- locked_permanently is TRUE once the failures disabled the user (permanent_lockout). Deleted on success and
-- when an administrator clears the lock.
CREATE TABLE login_failures (
    user_id            VARCHAR(255) NOT NULL,
    realm_id           VARCHAR(255) NOT NULL,
    num_failures       INTEGER      NOT NULL,
    last_failure       BIGINT,
    last_ip            VARCHAR(255),
    locked_until       BIGINT,
    locked_permanently BOOLEAN      NOT NULL,
    CONSTRAINT login_failures_pk PRIMARY KEY (user_id),
    CONSTRAINT login_failures_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT login_failures_realm_fk FOREIGN KEY (realm_id) REFERENCES realms (id) ON DELETE CASCADE
);

-- The realm's list, latest failure first, and clearing a whole realm.
CREATE INDEX login_failures_realm_idx ON login_failures (realm_id, last_failure);
