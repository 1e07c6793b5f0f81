package dev.curfew.core.store;

import dev.curfew.core.session.Page;
import java.util.Objects;
import java.util.Optional;

/**
 * Which users to list. {@code search} matches a substring of username, email, first or last name
 * (case-insensitive); {@code username} and {@code email} match exactly. Empty fields do not filter.
 */
public record UserQuery(
        String realmId, Optional<String> search, Optional<String> username, Optional<String> email, Page page) {
    public UserQuery {
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(page, "page");
    }

    public static UserQuery all(String realmId, Page page) {
        return new UserQuery(realmId, Optional.empty(), Optional.empty(), Optional.empty(), page);
    }
}
