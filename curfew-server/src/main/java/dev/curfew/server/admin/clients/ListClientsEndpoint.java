package dev.curfew.server.admin.clients;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.server.admin.AdminAuth;
import dev.curfew.server.admin.AdminPaging;
import dev.curfew.server.admin.Lookups;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;

/**
 * {@code GET /admin/realms/{realm}/clients?clientId=&first=&max=}: clients ordered by clientId; {@code
 * clientId} matches exactly, as in Keycloak. Session viewers may list clients too: they need them to
 * find a client's sessions.
 */
public final class ListClientsEndpoint implements Handler {
    private final Store store;
    private final Lookups lookups;
    private final AdminAuth auth;

    public ListClientsEndpoint(Store store, Lookups lookups, AdminAuth auth) {
        this.store = store;
        this.lookups = lookups;
        this.auth = auth;
    }

    @Override
    public void handle(Context ctx) {
        String realmName = ctx.pathParam("realm");
        auth.requireAnyOf(
                ctx, realmName, Privilege.CLIENT_ADMINISTRATOR, Privilege.SESSION_VIEWER, Privilege.AUTH_ADMINISTRATOR);
        Realm realm = lookups.realm(realmName);
        Optional<String> clientId =
                Optional.ofNullable(ctx.queryParam("clientId")).filter(c -> !c.isBlank());
        ctx.json(store.clients().list(realm.id(), clientId, AdminPaging.from(ctx)).stream()
                .map(ClientRepresentation::of)
                .toList());
    }
}
