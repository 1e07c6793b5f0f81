package dev.curfew.core.group;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A named set of a realm's users, such as a department, so that a sign-out can target all of them at once. Groups
 * are flat: Keycloak's subgroups are not supported.
 *
 * @param name unique in the realm, compared as written (Keycloak's group names are case-sensitive too)
 */
public record Group(String id, String realmId, String name, Instant createdAt) {
    public static final int MAX_NAME_LENGTH = 255;

    public Group {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(realmId, "realmId");
        problem(name).ifPresent(p -> {
            throw new IllegalArgumentException("group name " + p);
        });
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * What is wrong with a group name, if anything. A slash is refused because Keycloak writes a group's path as
     * {@code /name}, and a name holding one would make two groups' paths ambiguous.
     */
    public static Optional<String> problem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return Optional.of("must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (!name.equals(name.strip())) {
            return Optional.of("must not start or end with a space");
        }
        if (name.contains("/")) {
            return Optional.of("must not contain '/'");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("must not contain control characters");
        }
        return Optional.empty();
    }

    /** Keycloak's {@code path} of a top-level group. */
    public String path() {
        return "/" + name;
    }

    public Group withName(String newName) {
        return new Group(id, realmId, newName, createdAt);
    }
}
