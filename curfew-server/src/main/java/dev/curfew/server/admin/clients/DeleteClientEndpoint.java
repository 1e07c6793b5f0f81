package dev.curfew.server.admin.clients;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.server.admin.AdminAuth;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.Responses;
import io.javalin.http.Context;

/**
 * {@code DELETE /admin/realms/{realm}/clients/{id}}: deletes the client with its client sessions, codes
 * and refresh tokens; its access tokens stop verifying because the client is gone. Never a built-in
 * client; an admin client only by {@code SYSTEM_ADMINISTRATOR@*} ({@link ClientProtection}).
 */
public final class DeleteClientEndpoint implements RealmHandler {
    private final Store store;
    private final Lookups lookups;
    private final AdminAuth auth;
    private final ClientProtection protection;

    public DeleteClientEndpoint(Store store, Lookups lookups, AdminAuth auth) {
        this.store = store;
        this.lookups = lookups;
        this.auth = auth;
        this.protection = new ClientProtection(auth);
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        Client client = lookups.client(realm, ctx.pathParam("id"));
        protection.checkDelete(ctx, realm, client);
        store.clients().delete(realm.id(), client.id());
        Responses.noContent(ctx);
    }
}
