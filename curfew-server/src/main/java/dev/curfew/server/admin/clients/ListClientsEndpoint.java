package dev.curfew.server.admin.clients;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.server.admin.AdminPaging;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.RealmHandler;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * {@code GET /admin/realms/{realm}/clients?clientId=&first=&max=}: clients ordered by clientId; {@code
 * clientId} matches exactly, as in Keycloak. Session viewers may list clients too: they need them to
 * find a client's sessions.
 */
public final class ListClientsEndpoint implements RealmHandler {
    private final Store store;

    public ListClientsEndpoint(Store store) {
        this.store = store;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        Optional<String> clientId =
                Optional.ofNullable(ctx.queryParam("clientId")).filter(c -> !c.isBlank());
        ctx.json(store.clients().list(realm.id(), clientId, AdminPaging.from(ctx)).stream()
                .map(ClientRepresentation::of)
                .toList());
    }
}
