package dev.curfew.core.session;

import java.util.Objects;
import java.util.Optional;

/**
 * Which sessions of a realm to list. Empty fields do not filter.
 *
 * @param clientId internal id of a client: only sessions in which that client has a client session
 */
public record SessionQuery(String realmId, Optional<String> userId, Optional<String> clientId, Page page) {
    public SessionQuery {
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(page, "page");
    }

    public static SessionQuery ofUser(String realmId, String userId, Page page) {
        return new SessionQuery(realmId, Optional.of(userId), Optional.empty(), page);
    }

    public static SessionQuery ofClient(String realmId, String clientId, Page page) {
        return new SessionQuery(realmId, Optional.empty(), Optional.of(clientId), page);
    }
}
