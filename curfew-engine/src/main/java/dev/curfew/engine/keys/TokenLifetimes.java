package dev.curfew.engine.keys;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.Page;
import dev.curfew.core.store.Store;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How long a token signed with a realm's key can live: the longest of the realm's access token lifespan and
 * every client's override of it. ID tokens live as long as the realm's access tokens; logout tokens and
 * Security Event Tokens are shorter; refresh tokens are opaque and not signed at all. So once this long has
 * passed after a key stopped signing, no token it signed is still valid.
 */
public final class TokenLifetimes {
    private TokenLifetimes() {}

    public static Duration longest(Store store, Realm realm) {
        Duration longest = realm.settings().accessTokenLifespan();
        for (int first = 0; ; first += Page.MAX_PAGE_SIZE) {
            List<Client> clients =
                    store.clients().list(realm.id(), Optional.empty(), new Page(first, Page.MAX_PAGE_SIZE));
            for (Client client : clients) {
                Duration lifespan = client.accessTokenLifespanOr(longest);
                if (lifespan.compareTo(longest) > 0) {
                    longest = lifespan;
                }
            }
            if (clients.size() < Page.MAX_PAGE_SIZE) {
                return longest;
            }
        }
    }
}
