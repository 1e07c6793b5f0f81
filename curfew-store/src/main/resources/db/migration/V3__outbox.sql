-- Curfew schema, version 3: back-channel logout and the transactional outbox (DESIGN.md section 7).
--
-- Same rules as V1__schema.sql: one SQL for PostgreSQL and H2 in PostgreSQL mode, times as BIGINT epoch
-- milliseconds, every cascading foreign key column leading an index.

-- OpenID Connect Back-Channel Logout 1.0 section 2.2 client metadata.
ALTER TABLE clients ADD COLUMN backchannel_logout_uri TEXT;
ALTER TABLE clients ADD COLUMN backchannel_logout_session_required BOOLEAN NOT NULL DEFAULT TRUE;

-- Notifications written in the same transaction as the sign-out that causes them, delivered by the
-- dispatcher. id is the notification's jti, the idempotency key. status is QUEUED, DELIVERED or DEAD.
-- claimed_until: a node delivering the row holds it until then; a crashed node's claim simply expires.
-- claim_token tells the claiming node which rows its claim statement took.
CREATE TABLE outbox (
    id              VARCHAR(255) NOT NULL,
    realm_id        VARCHAR(255) NOT NULL,
    kind            VARCHAR(64)  NOT NULL,
    destination     TEXT         NOT NULL,
    payload         TEXT         NOT NULL,
    content_type    VARCHAR(255) NOT NULL,
    created_at      BIGINT       NOT NULL,
    queued_at       BIGINT       NOT NULL,
    next_attempt_at BIGINT       NOT NULL,
    attempts        INTEGER      NOT NULL,
    last_error      TEXT,
    status          VARCHAR(16)  NOT NULL,
    sign_out_id     VARCHAR(255),
    client_id       VARCHAR(255) NOT NULL,
    delivered_at    BIGINT,
    claimed_until   BIGINT,
    claim_token     VARCHAR(64),
    CONSTRAINT outbox_pk PRIMARY KEY (id),
    CONSTRAINT outbox_realm_fk FOREIGN KEY (realm_id) REFERENCES realms (id) ON DELETE CASCADE
);

-- The dispatcher's claim: due QUEUED rows, oldest first.
CREATE INDEX outbox_due_idx ON outbox (status, next_attempt_at);
CREATE INDEX outbox_claim_idx ON outbox (claim_token);
-- The admin API: a sign-out's deliveries; a realm's dead letters.
CREATE INDEX outbox_sign_out_idx ON outbox (realm_id, sign_out_id);
CREATE INDEX outbox_realm_status_idx ON outbox (realm_id, status, created_at);
-- Housekeeping purges delivered rows after a while.
CREATE INDEX outbox_delivered_idx ON outbox (status, delivered_at);
