package dev.curfew.engine.token;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.Page;
import dev.curfew.core.store.Store;
import java.time.Duration;
import java.util.Optional;

/** How long tokens of a realm can live, to know how long a revoked session id must be remembered. */
public final class TokenLifetimes {
    private TokenLifetimes() {}

    /** The longest access-token (and ID-token) lifetime among the realm and its clients' overrides. */
    public static Duration longest(Store store, Realm realm) {
        Duration longest = realm.accessTokenLifespan();
        int first = 0;
        while (true) {
            var clients = store.clients().list(realm.id(), Optional.empty(), new Page(first, Page.MAX_PAGE_SIZE));
            for (Client c : clients) {
                if (c.accessTokenLifespan().isPresent()
                        && c.accessTokenLifespan().get().compareTo(longest) > 0) {
                    longest = c.accessTokenLifespan().get();
                }
            }
            if (clients.size() < Page.MAX_PAGE_SIZE) {
                return longest;
            }
            first += Page.MAX_PAGE_SIZE;
        }
    }
}
