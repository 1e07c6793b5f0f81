-- Curfew schema, version 23: required actions, what a user must do at their next browser sign-in before any
-- application gets a code (Keycloak's UPDATE_PASSWORD and CONFIGURE_TOTP). A row is removed when the user has done
-- the action.
--
-- Same rules as V1__schema.sql: one SQL for PostgreSQL and H2 in PostgreSQL mode, every cascading foreign key column
-- leading an index.

CREATE TABLE user_required_actions (
    user_id VARCHAR(255) NOT NULL,
    action  VARCHAR(32)  NOT NULL,
    CONSTRAINT user_required_actions_pk PRIMARY KEY (user_id, action),
    CONSTRAINT user_required_actions_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
