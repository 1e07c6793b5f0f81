package dev.curfew.server.admin.deliveries;

import dev.curfew.core.client.Client;
import dev.curfew.core.delivery.Delivery;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.RealmHandler;
import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code GET /admin/realms/{realm}/deliveries/counts?clientId=my-app} [AUTH_ADMINISTRATOR or AUDITOR]: how
 * many of the notifications to one client are queued, delivered and dead: {@code {"clientId", "queued",
 * "delivered", "dead"}}. Delivered rows are purged after 7 days, so "delivered" counts the recent ones.
 */
public final class ClientDeliveryCountsEndpoint implements RealmHandler {
    private final Store store;

    public ClientDeliveryCountsEndpoint(Store store) {
        this.store = store;
    }

    /** The counts of one client's notifications per status. */
    public record Counts(String clientId, long queued, long delivered, long dead) {}

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        FieldProblems problems = new FieldProblems();
        var client = ListDeliveriesEndpoint.clientFilter(ctx, realm, problems, store);
        if (client.isEmpty() && problems.isEmpty()) {
            problems.add("clientId", "is required (the public clientId)");
        }
        problems.throwIfAny();
        Client c = client.orElseThrow();
        Map<Delivery.Status, Long> counts = store.outbox().countsOfClient(realm.id(), c.id());
        ctx.json(new Counts(
                c.clientId(),
                counts.get(Delivery.Status.QUEUED),
                counts.get(Delivery.Status.DELIVERED),
                counts.get(Delivery.Status.DEAD)));
    }
}
