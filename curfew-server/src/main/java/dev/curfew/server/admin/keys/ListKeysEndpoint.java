package dev.curfew.server.admin.keys;

import dev.curfew.core.realm.Realm;
import dev.curfew.engine.keys.RealmKeys;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.RealmHandler;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;

/**
 * {@code GET /admin/realms/{realm}/keys} [SYSTEM_ADMINISTRATOR]: the realm's signing keys, newest first, with
 * their status; never their private parts.
 */
public final class ListKeysEndpoint implements RealmHandler {
    private final RealmKeys keys;
    private final Clock clock;

    public ListKeysEndpoint(RealmKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        Instant now = clock.instant();
        ctx.json(keys.list(realm.id()).stream()
                .map(k -> KeyRepresentation.of(k, now))
                .toList());
    }
}
