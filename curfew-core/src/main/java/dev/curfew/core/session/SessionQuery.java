package dev.curfew.core.session;

import java.util.Objects;

/** Which sessions of a realm to list: a filter and a page. Newest first. */
public record SessionQuery(String realmId, SessionFilter filter, Page page) {
    public SessionQuery {
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(page, "page");
    }

    public static SessionQuery ofUser(String realmId, String userId, Page page) {
        return new SessionQuery(realmId, SessionFilter.ofUser(userId), page);
    }

    public static SessionQuery ofClient(String realmId, String clientId, Page page) {
        return new SessionQuery(realmId, SessionFilter.ofClient(clientId), page);
    }

    public static SessionQuery ofRealm(String realmId, Page page) {
        return new SessionQuery(realmId, SessionFilter.ALL, page);
    }
}
