package dev.curfew.core.user;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A person (or service account) who can log in to a realm.
 *
 * @param notBefore the user's cut-off: sessions and tokens issued before it are invalid.
 */
public record User(
        String id,
        String realmId,
        String username,
        Optional<String> email,
        Optional<String> firstName,
        Optional<String> lastName,
        boolean enabled,
        Optional<Instant> notBefore,
        Instant createdAt) {

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(realmId, "realmId");
        Username.validate(username);
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public User withProfile(Optional<String> newEmail, Optional<String> newFirstName, Optional<String> newLastName) {
        return new User(id, realmId, username, newEmail, newFirstName, newLastName, enabled, notBefore, createdAt);
    }

    public User withEnabled(boolean newEnabled) {
        return new User(id, realmId, username, email, firstName, lastName, newEnabled, notBefore, createdAt);
    }

    public User withNotBefore(Optional<Instant> newNotBefore) {
        return new User(id, realmId, username, email, firstName, lastName, enabled, newNotBefore, createdAt);
    }
}
