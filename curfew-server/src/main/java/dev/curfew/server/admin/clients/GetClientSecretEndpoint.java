package dev.curfew.server.admin.clients;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.server.admin.AdminAuth;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.http.Problem;
import io.javalin.http.Context;

/**
 * {@code GET /admin/realms/{realm}/clients/{id}/client-secret}. Keycloak returns the stored secret; Curfew
 * cannot, because it keeps only the secret's SHA-256 ({@code docs/architecture.md}, "Storage"), so it answers 409 and points to
 * {@code POST} on the same path, which issues a new secret and shows it once.
 */
public final class GetClientSecretEndpoint implements RealmHandler {
    private final Lookups lookups;
    private final AdminAuth auth;
    private final ClientProtection protection;

    public GetClientSecretEndpoint(Lookups lookups, AdminAuth auth) {
        this.lookups = lookups;
        this.auth = auth;
        this.protection = new ClientProtection(auth);
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        Client client = lookups.client(realm, ctx.pathParam("id"));
        protection.checkSecret(ctx, realm, client);
        if (client.publicClient()) {
            throw Problem.badRequest("A public client has no secret");
        }
        throw Problem.conflict("Curfew stores only a hash of client secrets, so it cannot show this one;"
                + " regenerate it (POST to this path) to get a new one");
    }
}
