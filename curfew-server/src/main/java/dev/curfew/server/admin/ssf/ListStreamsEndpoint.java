package dev.curfew.server.admin.ssf;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.server.admin.AdminPaging;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.RealmHandler;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code GET /admin/realms/{realm}/ssf/streams?first=&max=} [STREAM_ADMINISTRATOR]: every Shared Signals stream
 * of the realm, oldest first, with its receiver's client_id, status, delivery method and queued SETs.
 */
public final class ListStreamsEndpoint implements RealmHandler {
    private final Store store;

    public ListStreamsEndpoint(Store store) {
        this.store = store;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        Map<String, String> clientIds = new HashMap<>();
        ctx.json(store.ssf().listByRealm(realm.id(), AdminPaging.from(ctx)).stream()
                .map(st -> StreamRepresentation.of(
                        st,
                        clientIds.computeIfAbsent(
                                st.clientId(),
                                id -> store.clients()
                                        .findById(realm.id(), id)
                                        .map(Client::clientId)
                                        .orElse(id)),
                        store.ssf().queued(st.id())))
                .toList());
    }
}
