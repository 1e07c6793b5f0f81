-- Curfew schema, version 29: shorter token lifetimes for a group's members until a time (a high-risk period).
--
-- Same rules as V1__schema.sql: one SQL for PostgreSQL and H2 in PostgreSQL mode, times as BIGINT epoch
-- milliseconds, lifetimes in seconds. A row past its until_at no longer applies; housekeeping deletes it.

CREATE TABLE group_lifetimes (
    group_id               VARCHAR(255) NOT NULL,
    access_token_lifespan  BIGINT       NOT NULL,
    refresh_token_lifespan BIGINT       NOT NULL,
    until_at               BIGINT       NOT NULL,
    set_at                 BIGINT       NOT NULL,
    CONSTRAINT group_lifetimes_pk PRIMARY KEY (group_id),
    CONSTRAINT group_lifetimes_group_fk FOREIGN KEY (group_id) REFERENCES user_groups (id) ON DELETE CASCADE
);
