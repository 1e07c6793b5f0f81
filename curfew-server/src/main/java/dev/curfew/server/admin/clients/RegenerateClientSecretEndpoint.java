package dev.curfew.server.admin.clients;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.engine.client.ClientService;
import dev.curfew.server.admin.AdminAuth;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.http.Problem;
import io.javalin.http.Context;

/**
 * {@code POST /admin/realms/{realm}/clients/{id}/client-secret}: replaces the secret of a confidential
 * client and returns the new one, {@code {"type":"secret","value":"..."}}, this once. The old secret stops
 * working at once.
 */
public final class RegenerateClientSecretEndpoint implements RealmHandler {
    private final ClientService clients;
    private final Lookups lookups;
    private final AdminAuth auth;
    private final ClientProtection protection;

    public RegenerateClientSecretEndpoint(ClientService clients, Lookups lookups, AdminAuth auth) {
        this.clients = clients;
        this.lookups = lookups;
        this.auth = auth;
        this.protection = new ClientProtection(auth);
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        Client client = lookups.client(realm, ctx.pathParam("id"));
        protection.checkSecret(ctx, realm, client);
        ClientService.WithSecret regenerated;
        try {
            regenerated = clients.regenerateSecret(client);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(e.getMessage());
        }
        ctx.header("Cache-Control", "no-store")
                .json(ClientSecretRepresentation.of(regenerated.secret().orElseThrow()));
    }
}
