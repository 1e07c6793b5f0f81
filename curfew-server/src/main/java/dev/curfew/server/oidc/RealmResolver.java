package dev.curfew.server.oidc;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.server.http.OAuthError;
import dev.curfew.server.http.Pages;
import io.javalin.http.Context;
import java.util.Optional;

/** Finds the enabled realm named in the path ({@code /realms/{realm}/...}). */
public final class RealmResolver {
    private final Store store;
    private final Pages pages;

    public RealmResolver(Store store, Pages pages) {
        this.store = store;
        this.pages = pages;
    }

    public Optional<Realm> find(Context ctx) {
        return store.realms().findByName(ctx.pathParam("realm")).filter(Realm::enabled);
    }

    /** For JSON endpoints: the realm, or a 404 protocol error. */
    public Realm require(Context ctx) {
        return find(ctx).orElseThrow(() -> new OAuthError(404, "not_found", "Realm does not exist"));
    }

    /** For pages: the realm, or a 404 error page (and empty). */
    public Optional<Realm> requireForPage(Context ctx) {
        Optional<Realm> realm = find(ctx);
        if (realm.isEmpty()) {
            pages.error(ctx, 404, "Unknown realm", "There is no realm of this name.");
        }
        return realm;
    }
}
