-- Curfew schema, version 16: two-factor authentication with a TOTP authenticator (RFC 6238) and recovery codes.
--
-- Same rules as V1__schema.sql: one SQL for PostgreSQL and H2 in PostgreSQL mode, times as BIGINT epoch
-- milliseconds, every cascading foreign key column leading an index.

-- A user's confirmed authenticator. secret is the shared key in base32, never returned by any API after enrolment;
-- last_step is the RFC 6238 time step of the last code accepted (NULL before the first), kept here rather than in
-- a node's memory so that a code accepted by one node is refused by every other (RFC 6238 §5.2).
CREATE TABLE otp_credentials (
    user_id    VARCHAR(255) NOT NULL,
    realm_id   VARCHAR(255) NOT NULL,
    secret     VARCHAR(255) NOT NULL,
    created_at BIGINT       NOT NULL,
    last_step  BIGINT,
    CONSTRAINT otp_credentials_pk PRIMARY KEY (user_id),
    CONSTRAINT otp_credentials_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT otp_credentials_realm_fk FOREIGN KEY (realm_id) REFERENCES realms (id) ON DELETE CASCADE
);

CREATE INDEX otp_credentials_realm_idx ON otp_credentials (realm_id);

-- The recovery codes not yet used, as SHA-256 hex of the normalised code; a code is deleted when used.
CREATE TABLE otp_recovery_codes (
    user_id   VARCHAR(255) NOT NULL,
    code_hash VARCHAR(64)  NOT NULL,
    CONSTRAINT otp_recovery_codes_pk PRIMARY KEY (user_id, code_hash),
    CONSTRAINT otp_recovery_codes_user_fk FOREIGN KEY (user_id) REFERENCES otp_credentials (user_id) ON DELETE CASCADE
);
