package dev.curfew.server.admin.deliveries;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.http.Problem;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /admin/realms/{realm}/sign-outs/{id}/deliveries} [AUTH_ADMINISTRATOR or AUDITOR]: per destination,
 * how many of the sign-out's notifications are queued, delivered and dead, and the last error.
 */
public final class SignOutDeliveriesEndpoint implements RealmHandler {
    private final Store store;

    public SignOutDeliveriesEndpoint(Store store) {
        this.store = store;
    }

    /** One destination's line. */
    public record DestinationRepresentation(
            String destination, String clientId, long queued, long delivered, long dead, String lastError) {}

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        String id = ctx.pathParam("id");
        if (store.signOuts().find(realm.id(), id).isEmpty()) {
            throw Problem.notFound("No sign-out with id '" + id + "' in realm '" + realm.name() + "'");
        }
        ClientNames names = new ClientNames(store, realm.id());
        List<DestinationRepresentation> lines = store.outbox().summaryOfSignOut(realm.id(), id).stream()
                .map(d -> new DestinationRepresentation(
                        d.destination(),
                        names.of(d.clientId()),
                        d.queued(),
                        d.delivered(),
                        d.dead(),
                        d.lastError().orElse(null)))
                .toList();
        ctx.json(lines);
    }
}
