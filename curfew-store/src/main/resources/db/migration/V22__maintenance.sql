-- Curfew schema, version 22: maintenance windows. While one is in force (starts_at <= now < ends_at, open-ended
-- when ends_at is NULL), new sign-ins to the realm are refused with the message, except for its administrators.
-- At most one per realm; it goes with the realm.
--
-- Same rules as V1__schema.sql: one SQL for PostgreSQL and H2 in PostgreSQL mode, times as BIGINT epoch
-- milliseconds.

CREATE TABLE realm_maintenance (
    realm_id   VARCHAR(255) NOT NULL,
    starts_at  BIGINT       NOT NULL,
    ends_at    BIGINT,
    message    TEXT         NOT NULL,
    created_at BIGINT       NOT NULL,
    CONSTRAINT realm_maintenance_pk PRIMARY KEY (realm_id),
    CONSTRAINT realm_maintenance_realm_fk FOREIGN KEY (realm_id) REFERENCES realms (id) ON DELETE CASCADE
);
