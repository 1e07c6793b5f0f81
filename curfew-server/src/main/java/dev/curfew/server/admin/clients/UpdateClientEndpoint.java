package dev.curfew.server.admin.clients;

import dev.curfew.core.client.Client;
import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.DuplicateException;
import dev.curfew.core.store.Store;
import dev.curfew.engine.outbound.OutboundPolicy;
import dev.curfew.server.admin.AdminAuth;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.RequestBody;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.http.Problem;
import io.javalin.http.Context;

/**
 * {@code PUT /admin/realms/{realm}/clients/{id}}: changes the client; absent fields stay as they are. A
 * {@code secret} in the request replaces the stored one (at least 32 characters). Making a confidential
 * client public clears its secret. Built-in clients take no change but an account console's
 * {@code enabled}; admin clients need {@code SYSTEM_ADMINISTRATOR@*} ({@link ClientProtection}).
 */
public final class UpdateClientEndpoint implements RealmHandler {
    private final Store store;
    private final Lookups lookups;
    private final AdminAuth auth;
    private final ClientProtection protection;
    private final OutboundPolicy outbound;

    public UpdateClientEndpoint(Store store, Lookups lookups, AdminAuth auth, OutboundPolicy outbound) {
        this.store = store;
        this.lookups = lookups;
        this.auth = auth;
        this.protection = new ClientProtection(auth);
        this.outbound = outbound;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        Client before = lookups.client(realm, ctx.pathParam("id"));
        protection.checkMayChange(realm, before);
        ClientRepresentation rep = RequestBody.read(ctx, ClientRepresentation.class);
        Client after = ClientInput.apply(before, rep, ClientInput.Mode.UPDATE, outbound)
                .client();
        if (after.ssfReceiver() != before.ssfReceiver()) {
            // Registering (or unregistering) a Shared Signals receiver is the stream administrator's call.
            auth.require(ctx, Privilege.STREAM_ADMINISTRATOR, realm.name());
        }
        protection.checkUpdate(ctx, realm, before, after);
        boolean updated;
        try {
            updated = store.clients().update(after);
        } catch (DuplicateException e) {
            throw Problem.conflict("The realm already has a client with clientId '" + after.clientId() + "'");
        }
        if (!updated) {
            throw Problem.notFound("The client was deleted meanwhile");
        }
        Responses.noContent(ctx);
    }
}
