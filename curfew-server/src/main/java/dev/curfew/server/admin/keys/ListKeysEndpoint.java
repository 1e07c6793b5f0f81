package dev.curfew.server.admin.keys;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.server.Services;
import dev.curfew.server.admin.Lookups;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Instant;

/**
 * {@code GET /admin/realms/{realm}/keys} [SYSTEM_ADMINISTRATOR]: the realm's signing keys, newest first, with
 * their status; never their private parts.
 */
public final class ListKeysEndpoint implements Handler {
    private final Services s;
    private final Lookups lookups;

    public ListKeysEndpoint(Services services) {
        this.s = services;
        this.lookups = new Lookups(services.store());
    }

    @Override
    public void handle(Context ctx) {
        String realmName = ctx.pathParam("realm");
        s.adminAuth().require(ctx, Privilege.SYSTEM_ADMINISTRATOR, realmName);
        Realm realm = lookups.realm(realmName);
        Instant now = s.clock().instant();
        ctx.json(s.keys().list(realm.id()).stream()
                .map(k -> KeyRepresentation.of(k, now))
                .toList());
    }
}
