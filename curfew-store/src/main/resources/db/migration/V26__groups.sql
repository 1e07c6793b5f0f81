-- Curfew schema, version 26: groups of users, such as a department, so that a sign-out can target all of their
-- members at once (the sign-out filter's groupIds). Flat: no group has a parent.
--
-- Same rules as V1__schema.sql: one SQL for PostgreSQL and H2 in PostgreSQL mode, times as BIGINT epoch
-- milliseconds, every cascading foreign key column leading an index.

CREATE TABLE user_groups (
    id         VARCHAR(255) NOT NULL,
    realm_id   VARCHAR(255) NOT NULL,
    name       VARCHAR(255) NOT NULL,
    created_at BIGINT       NOT NULL,
    CONSTRAINT user_groups_pk PRIMARY KEY (id),
    CONSTRAINT user_groups_name_uq UNIQUE (realm_id, name),
    CONSTRAINT user_groups_realm_fk FOREIGN KEY (realm_id) REFERENCES realms (id) ON DELETE CASCADE
);

-- Who belongs to which group. A sign-out by group reads it from the user's side (user_id IN the members).
CREATE TABLE group_members (
    group_id VARCHAR(255) NOT NULL,
    user_id  VARCHAR(255) NOT NULL,
    CONSTRAINT group_members_pk PRIMARY KEY (group_id, user_id),
    CONSTRAINT group_members_group_fk FOREIGN KEY (group_id) REFERENCES user_groups (id) ON DELETE CASCADE,
    CONSTRAINT group_members_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX group_members_user_idx ON group_members (user_id);
