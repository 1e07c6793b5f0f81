-- Curfew schema, version 1.
--
-- The same SQL runs unchanged on PostgreSQL and on H2 in PostgreSQL mode, so it keeps to what both
-- understand:
--   * times are BIGINT epoch milliseconds, never TIMESTAMP (no time-zone conversions on either side);
--   * durations are BIGINT seconds;
--   * an absent optional value is NULL;
--   * a list of strings is one TEXT column joined with a line feed; the empty string is the empty list.
-- Secrets (cookie secrets, codes, refresh tokens, client secrets) are stored only as SHA-256 hashes.
--
-- Foreign keys cascade along ownership, so one DELETE removes everything below it: a realm takes its
-- users, clients, sessions, tokens and keys; a user takes their password, grants, sessions and tokens;
-- a session takes its client sessions, codes and refresh tokens; a client takes its client sessions,
-- codes and refresh tokens. Every cascading foreign key column leads an index: PostgreSQL runs a cascade
-- as one DELETE per deleted parent row, and without an index each is a full scan.

CREATE TABLE realms (
    id                          VARCHAR(255) NOT NULL,
    name                        VARCHAR(64)  NOT NULL,
    display_name                TEXT         NOT NULL,
    enabled                     BOOLEAN      NOT NULL,
    access_token_lifespan       BIGINT       NOT NULL,
    sso_session_idle_timeout    BIGINT       NOT NULL,
    sso_session_max_lifespan    BIGINT       NOT NULL,
    authorization_code_lifespan BIGINT       NOT NULL,
    signing_algorithm           VARCHAR(16)  NOT NULL,
    not_before                  BIGINT,
    created_at                  BIGINT       NOT NULL,
    CONSTRAINT realms_pk PRIMARY KEY (id),
    CONSTRAINT realms_name_unique UNIQUE (name)
);

CREATE TABLE users (
    id         VARCHAR(255) NOT NULL,
    realm_id   VARCHAR(255) NOT NULL,
    username   VARCHAR(255) NOT NULL,
    email      TEXT,
    first_name TEXT,
    last_name  TEXT,
    enabled    BOOLEAN      NOT NULL,
    not_before BIGINT,
    created_at BIGINT       NOT NULL,
    CONSTRAINT users_pk PRIMARY KEY (id),
    CONSTRAINT users_realm_fk FOREIGN KEY (realm_id) REFERENCES realms (id) ON DELETE CASCADE,
    -- Usernames are stored normalized (lower case), so this also makes them unique regardless of case.
    CONSTRAINT users_username_unique UNIQUE (realm_id, username)
);

CREATE TABLE user_passwords (
    user_id VARCHAR(255) NOT NULL,
    -- A PHC string, e.g. $argon2id$v=19$m=19456,t=2,p=1$...
    hash    TEXT         NOT NULL,
    CONSTRAINT user_passwords_pk PRIMARY KEY (user_id),
    CONSTRAINT user_passwords_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE TABLE clients (
    id                        VARCHAR(255) NOT NULL,
    realm_id                  VARCHAR(255) NOT NULL,
    client_id                 VARCHAR(255) NOT NULL,
    name                      TEXT         NOT NULL,
    enabled                   BOOLEAN      NOT NULL,
    public_client             BOOLEAN      NOT NULL,
    secret_hash               VARCHAR(255),
    redirect_uris             TEXT         NOT NULL,
    post_logout_redirect_uris TEXT         NOT NULL,
    standard_flow             BOOLEAN      NOT NULL,
    direct_access_grants      BOOLEAN      NOT NULL,
    service_accounts          BOOLEAN      NOT NULL,
    access_token_lifespan     BIGINT,
    not_before                BIGINT,
    created_at                BIGINT       NOT NULL,
    CONSTRAINT clients_pk PRIMARY KEY (id),
    CONSTRAINT clients_realm_fk FOREIGN KEY (realm_id) REFERENCES realms (id) ON DELETE CASCADE,
    CONSTRAINT clients_client_id_unique UNIQUE (realm_id, client_id)
);

-- id is the public session id (sid); cookie_hash is the SHA-256 of the browser's cookie secret. They are
-- unrelated values (DESIGN.md section 6).
CREATE TABLE user_sessions (
    id             VARCHAR(255) NOT NULL,
    realm_id       VARCHAR(255) NOT NULL,
    user_id        VARCHAR(255) NOT NULL,
    cookie_hash    VARCHAR(255) NOT NULL,
    created_at     BIGINT       NOT NULL,
    last_active_at BIGINT       NOT NULL,
    ip_address     VARCHAR(255) NOT NULL,
    user_agent     TEXT         NOT NULL,
    auth_methods   TEXT         NOT NULL,
    CONSTRAINT user_sessions_pk PRIMARY KEY (id),
    CONSTRAINT user_sessions_realm_fk FOREIGN KEY (realm_id) REFERENCES realms (id) ON DELETE CASCADE,
    CONSTRAINT user_sessions_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT user_sessions_cookie_hash_unique UNIQUE (cookie_hash)
);

-- The administrator's questions: the sessions of a user; the newest sessions of a realm; the sessions
-- idle for too long (expiry clean-up). The user index leads with user_id, not realm_id, so that it also
-- serves the cascade from users (user ids are unique across realms, so it answers "sessions of this
-- user in this realm" just as well).
CREATE INDEX user_sessions_user_idx ON user_sessions (user_id, realm_id);
CREATE INDEX user_sessions_created_idx ON user_sessions (realm_id, created_at);
CREATE INDEX user_sessions_last_active_idx ON user_sessions (realm_id, last_active_at);

CREATE TABLE client_sessions (
    session_id     VARCHAR(255) NOT NULL,
    client_id      VARCHAR(255) NOT NULL,
    created_at     BIGINT       NOT NULL,
    last_active_at BIGINT       NOT NULL,
    CONSTRAINT client_sessions_pk PRIMARY KEY (session_id, client_id),
    CONSTRAINT client_sessions_session_fk FOREIGN KEY (session_id) REFERENCES user_sessions (id) ON DELETE CASCADE,
    CONSTRAINT client_sessions_client_fk FOREIGN KEY (client_id) REFERENCES clients (id) ON DELETE CASCADE
);

-- The sessions of a client (sign-out of a client, client-session-stats).
CREATE INDEX client_sessions_client_idx ON client_sessions (client_id);

-- Codes and refresh tokens always belong to a session, and through it to a user and a realm, so they
-- cascade from those through the session; realm_id and user_id are kept for reading, without foreign
-- keys that would need two more indexes on the busiest tables.
CREATE TABLE authorization_codes (
    code_hash             VARCHAR(255) NOT NULL,
    realm_id              VARCHAR(255) NOT NULL,
    client_id             VARCHAR(255) NOT NULL,
    session_id            VARCHAR(255) NOT NULL,
    user_id               VARCHAR(255) NOT NULL,
    redirect_uri          TEXT         NOT NULL,
    scope                 TEXT         NOT NULL,
    nonce                 TEXT,
    code_challenge        VARCHAR(255),
    code_challenge_method VARCHAR(16),
    auth_time             BIGINT       NOT NULL,
    issued_at             BIGINT       NOT NULL,
    expires_at            BIGINT       NOT NULL,
    CONSTRAINT authorization_codes_pk PRIMARY KEY (code_hash),
    CONSTRAINT authorization_codes_client_fk FOREIGN KEY (client_id) REFERENCES clients (id) ON DELETE CASCADE,
    CONSTRAINT authorization_codes_session_fk FOREIGN KEY (session_id) REFERENCES user_sessions (id) ON DELETE CASCADE
);

CREATE INDEX authorization_codes_session_idx ON authorization_codes (session_id);
CREATE INDEX authorization_codes_client_idx ON authorization_codes (client_id);
CREATE INDEX authorization_codes_expires_idx ON authorization_codes (expires_at);

CREATE TABLE refresh_tokens (
    token_hash VARCHAR(255) NOT NULL,
    realm_id   VARCHAR(255) NOT NULL,
    session_id VARCHAR(255) NOT NULL,
    client_id  VARCHAR(255) NOT NULL,
    user_id    VARCHAR(255) NOT NULL,
    scope      TEXT         NOT NULL,
    issued_at  BIGINT       NOT NULL,
    expires_at BIGINT       NOT NULL,
    -- ACTIVE, ROTATED or REVOKED. ROTATED rows are kept until they expire: presenting one again is the
    -- sign of a stolen token (RFC 9700 section 4.14.2).
    status     VARCHAR(16)  NOT NULL,
    CONSTRAINT refresh_tokens_pk PRIMARY KEY (token_hash),
    CONSTRAINT refresh_tokens_client_fk FOREIGN KEY (client_id) REFERENCES clients (id) ON DELETE CASCADE,
    CONSTRAINT refresh_tokens_session_fk FOREIGN KEY (session_id) REFERENCES user_sessions (id) ON DELETE CASCADE
);

CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);
CREATE INDEX refresh_tokens_client_idx ON refresh_tokens (client_id);
CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at);

-- Access tokens are JWTs checked without the database; this remembers the jti of one revoked through
-- RFC 7009 until it would have expired anyway.
CREATE TABLE revoked_access_tokens (
    jti        VARCHAR(255) NOT NULL,
    realm_id   VARCHAR(255) NOT NULL,
    expires_at BIGINT       NOT NULL,
    CONSTRAINT revoked_access_tokens_pk PRIMARY KEY (jti),
    CONSTRAINT revoked_access_tokens_realm_fk FOREIGN KEY (realm_id) REFERENCES realms (id) ON DELETE CASCADE
);

CREATE INDEX revoked_access_tokens_realm_idx ON revoked_access_tokens (realm_id);
CREATE INDEX revoked_access_tokens_expires_idx ON revoked_access_tokens (expires_at);

CREATE TABLE signing_keys (
    kid         VARCHAR(255) NOT NULL,
    realm_id    VARCHAR(255) NOT NULL,
    algorithm   VARCHAR(16)  NOT NULL,
    -- The private key as a JWK (RFC 7517) JSON object.
    private_jwk TEXT         NOT NULL,
    -- ACTIVE or PASSIVE.
    status      VARCHAR(16)  NOT NULL,
    created_at  BIGINT       NOT NULL,
    CONSTRAINT signing_keys_pk PRIMARY KEY (kid),
    CONSTRAINT signing_keys_realm_fk FOREIGN KEY (realm_id) REFERENCES realms (id) ON DELETE CASCADE
);

CREATE INDEX signing_keys_realm_idx ON signing_keys (realm_id, created_at);

-- realm is a realm name, or '*' for every realm; it is not a foreign key because '*' names no row.
CREATE TABLE privilege_grants (
    user_id   VARCHAR(255) NOT NULL,
    privilege VARCHAR(64)  NOT NULL,
    realm     VARCHAR(64)  NOT NULL,
    CONSTRAINT privilege_grants_pk PRIMARY KEY (user_id, privilege, realm),
    CONSTRAINT privilege_grants_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX privilege_grants_realm_idx ON privilege_grants (realm);
