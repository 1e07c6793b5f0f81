-- Curfew schema, version 2: session control (sign-outs, revocation, audit log).
--
-- Same rules as V1__schema.sql: one SQL for PostgreSQL and H2 in PostgreSQL mode, times as BIGINT epoch
-- milliseconds, every cascading foreign key column leading an index.

-- The session's IP address as IpRange.key: 32 hex characters of its 16-byte IPv6 form (IPv4 mapped), or ''
-- when the address is not an IP literal. A CIDR filter becomes ip_key BETWEEN low AND high, served by this
-- index. Sessions created before this migration keep '' and match no IP filter.
ALTER TABLE user_sessions ADD COLUMN ip_key VARCHAR(32) NOT NULL DEFAULT '';
CREATE INDEX user_sessions_ip_idx ON user_sessions (realm_id, ip_key);

-- Clean-up after a client cut-off deletes the client's client sessions created, and refresh tokens issued,
-- before it. The new indexes lead with client_id, so they also serve the cascades from clients and replace
-- V1's single-column ones.
CREATE INDEX client_sessions_client_created_idx ON client_sessions (client_id, created_at);
DROP INDEX client_sessions_client_idx;
CREATE INDEX refresh_tokens_client_issued_idx ON refresh_tokens (client_id, issued_at);
DROP INDEX refresh_tokens_client_idx;

-- Loading every cut-off (RevocationStore.snapshot) reads the few users that have one, not every user.
CREATE INDEX users_not_before_idx ON users (not_before);

-- Sessions ended one by one or by a filter: their sid stays refused until the longest token issued to them
-- has expired (DESIGN.md section 3), then the row is purged.
CREATE TABLE revoked_sessions (
    session_id    VARCHAR(255) NOT NULL,
    realm_id      VARCHAR(255) NOT NULL,
    revoked_until BIGINT       NOT NULL,
    CONSTRAINT revoked_sessions_pk PRIMARY KEY (session_id),
    CONSTRAINT revoked_sessions_realm_fk FOREIGN KEY (realm_id) REFERENCES realms (id) ON DELETE CASCADE
);

CREATE INDEX revoked_sessions_realm_idx ON revoked_sessions (realm_id);
CREATE INDEX revoked_sessions_until_idx ON revoked_sessions (revoked_until);

-- The history of sign-outs (SignOut). scope_detail is JSON text; status is RUNNING or COMPLETED.
CREATE TABLE sign_outs (
    id                VARCHAR(255) NOT NULL,
    realm_id          VARCHAR(255) NOT NULL,
    scope_type        VARCHAR(16)  NOT NULL,
    scope_detail      TEXT         NOT NULL,
    reason            TEXT         NOT NULL,
    actor_id          VARCHAR(255) NOT NULL,
    actor_username    VARCHAR(255) NOT NULL,
    privilege         VARCHAR(64)  NOT NULL,
    request_id        VARCHAR(255) NOT NULL,
    source_ip         VARCHAR(255) NOT NULL,
    cut_off           BIGINT,
    affected_sessions BIGINT       NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    created_at        BIGINT       NOT NULL,
    completed_at      BIGINT,
    CONSTRAINT sign_outs_pk PRIMARY KEY (id),
    CONSTRAINT sign_outs_realm_fk FOREIGN KEY (realm_id) REFERENCES realms (id) ON DELETE CASCADE
);

CREATE INDEX sign_outs_realm_created_idx ON sign_outs (realm_id, created_at);
-- Sign-outs still RUNNING after a crash are resumed at start-up.
CREATE INDEX sign_outs_status_idx ON sign_outs (status, created_at);

-- Each realm's append-only, hash-chained audit log (AuditEntry, AuditChain). A realm's log is deleted with
-- it; the deletion itself is recorded in the log of the realm the administrator acted from.
CREATE TABLE audit_log (
    realm_id       VARCHAR(255) NOT NULL,
    seq            BIGINT       NOT NULL,
    occurred_at    BIGINT       NOT NULL,
    actor_id       VARCHAR(255) NOT NULL,
    actor_username VARCHAR(255) NOT NULL,
    privilege      VARCHAR(64)  NOT NULL,
    action         VARCHAR(64)  NOT NULL,
    reason         TEXT         NOT NULL,
    detail         TEXT         NOT NULL,
    affected       BIGINT       NOT NULL,
    request_id     VARCHAR(255) NOT NULL,
    source_ip      VARCHAR(255) NOT NULL,
    prev_hash      VARCHAR(64)  NOT NULL,
    hash           VARCHAR(64)  NOT NULL,
    CONSTRAINT audit_log_pk PRIMARY KEY (realm_id, seq),
    CONSTRAINT audit_log_realm_fk FOREIGN KEY (realm_id) REFERENCES realms (id) ON DELETE CASCADE
);

CREATE INDEX audit_log_realm_time_idx ON audit_log (realm_id, occurred_at);

-- The end of each realm's chain. Appending locks this row (SELECT ... FOR UPDATE), so concurrent appends
-- to one realm take turns and the chain never forks; the row is created by the realm's first append.
CREATE TABLE audit_heads (
    realm_id  VARCHAR(255) NOT NULL,
    last_seq  BIGINT       NOT NULL,
    last_hash VARCHAR(64)  NOT NULL,
    CONSTRAINT audit_heads_pk PRIMARY KEY (realm_id),
    CONSTRAINT audit_heads_realm_fk FOREIGN KEY (realm_id) REFERENCES realms (id) ON DELETE CASCADE
);
