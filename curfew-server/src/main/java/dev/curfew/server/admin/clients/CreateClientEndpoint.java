package dev.curfew.server.admin.clients;

import dev.curfew.core.client.Client;
import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.DuplicateException;
import dev.curfew.core.store.Store;
import dev.curfew.core.util.Secrets;
import dev.curfew.engine.outbound.OutboundPolicy;
import dev.curfew.server.admin.AdminAuth;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.RequestBody;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.http.Problem;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code POST /admin/realms/{realm}/clients}: registers a client. Defaults as Keycloak's: confidential,
 * enabled, authorization code flow on; the password and client credentials grants stay off unless asked
 * for. A confidential client without a {@code secret} gets a generated one, returned in this answer only.
 */
public final class CreateClientEndpoint implements RealmHandler {
    private final Store store;
    private final AdminAuth auth;
    private final ClientProtection protection;
    private final RequestInfo requestInfo;
    private final Clock clock;
    private final OutboundPolicy outbound;

    public CreateClientEndpoint(
            Store store, AdminAuth auth, RequestInfo requestInfo, Clock clock, OutboundPolicy outbound) {
        this.store = store;
        this.auth = auth;
        this.protection = new ClientProtection(auth);
        this.requestInfo = requestInfo;
        this.clock = clock;
        this.outbound = outbound;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        ClientRepresentation rep = RequestBody.read(ctx, ClientRepresentation.class);
        if (rep.clientId() == null) {
            throw FieldProblems.single("clientId", "is required");
        }
        // The request's clientId (required above) replaces the placeholder, or the input is refused.
        Client defaults = Client.create(Secrets.newId(), realm.id(), "new", true, Optional.empty(), clock.instant());
        ClientInput.Result result = ClientInput.apply(defaults, rep, ClientInput.Mode.CREATE, outbound);
        protection.checkCreate(ctx, realm, result.client());
        if (result.client().ssfReceiver()) {
            // Registering a Shared Signals receiver is the stream administrator's call.
            auth.require(ctx, Privilege.STREAM_ADMINISTRATOR, realm.name());
        }
        try {
            store.clients().create(result.client());
        } catch (DuplicateException e) {
            throw Problem.conflict("The realm already has a client with clientId '" + rep.clientId() + "'");
        }
        ctx.header("Cache-Control", "no-store");
        Responses.created(
                ctx,
                requestInfo,
                "/admin/realms/" + realm.name() + "/clients/" + result.client().id(),
                ClientRepresentation.withSecret(
                        result.client(), result.generatedSecret().orElse(null)));
    }
}
