package dev.curfew.server.admin.deliveries;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.server.Services;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.http.Problem;
import io.javalin.http.Context;

/**
 * {@code POST /admin/realms/{realm}/deliveries/{id}/retry} [AUTH_ADMINISTRATOR]: puts a dead notification back
 * in the queue, due now, with a new maximum-age window; audited. 404 unless it is in the dead-letter list.
 */
public final class RetryDeliveryEndpoint implements RealmHandler {
    private final Services s;

    public RetryDeliveryEndpoint(Services services) {
        this.s = services;
    }

    /** What the audit log records. */
    record Retried(String deliveryId, String destination) {}

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        String id = ctx.pathParam("id");
        boolean retried = s.store().inTransaction(tx -> {
            var dead = tx.outbox().find(realm.id(), id);
            if (dead.isEmpty() || !tx.outbox().retry(realm.id(), id, s.clock().instant())) {
                return false;
            }
            s.audit()
                    .record(
                            tx,
                            realm.id(),
                            Actors.of(ctx, admin, Privilege.AUTH_ADMINISTRATOR, realm.name(), s.requestInfo()),
                            "delivery-retry",
                            "",
                            new Retried(id, dead.get().destination()),
                            1);
            return true;
        });
        if (!retried) {
            throw Problem.notFound("No dead notification with id '" + id + "' in realm '" + realm.name() + "'");
        }
        s.dispatcher().wake();
        Responses.noContent(ctx);
    }
}
