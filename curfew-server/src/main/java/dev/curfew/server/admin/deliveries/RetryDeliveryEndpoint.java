package dev.curfew.server.admin.deliveries;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.engine.delivery.Dispatcher;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.http.Problem;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.time.Clock;

/**
 * {@code POST /admin/realms/{realm}/deliveries/{id}/retry} [AUTH_ADMINISTRATOR]: puts a dead notification back
 * in the queue, due now, with a new maximum-age window; audited. 404 unless it is in the dead-letter list.
 */
public final class RetryDeliveryEndpoint implements RealmHandler {
    private final Store store;
    private final AuditLog audit;
    private final Dispatcher dispatcher;
    private final RequestInfo requestInfo;
    private final Clock clock;

    public RetryDeliveryEndpoint(
            Store store, AuditLog audit, Dispatcher dispatcher, RequestInfo requestInfo, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.dispatcher = dispatcher;
        this.requestInfo = requestInfo;
        this.clock = clock;
    }

    /** What the audit log records. */
    record Retried(String deliveryId, String destination) {}

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        String id = ctx.pathParam("id");
        boolean retried = store.inTransaction(tx -> {
            var dead = tx.outbox().find(realm.id(), id);
            if (dead.isEmpty() || !tx.outbox().retry(realm.id(), id, clock.instant())) {
                return false;
            }
            audit.record(
                    tx,
                    realm.id(),
                    Actors.of(ctx, admin, Privilege.AUTH_ADMINISTRATOR, realm.name(), requestInfo),
                    "delivery-retry",
                    "",
                    new Retried(id, dead.get().destination()),
                    1);
            return true;
        });
        if (!retried) {
            throw Problem.notFound("No dead notification with id '" + id + "' in realm '" + realm.name() + "'");
        }
        dispatcher.wake();
        Responses.noContent(ctx);
    }
}
