package dev.curfew.server.admin.deliveries;

import dev.curfew.core.delivery.Delivery;
import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.server.Services;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.Paging;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Locale;

/**
 * {@code GET /admin/realms/{realm}/deliveries?status=DEAD&first=&max=} [AUTH_ADMINISTRATOR or AUDITOR]: the
 * realm's notifications of one status (default DEAD: the dead-letter list), newest first.
 */
public final class ListDeliveriesEndpoint implements Handler {
    private final Services s;
    private final Lookups lookups;

    public ListDeliveriesEndpoint(Services services) {
        this.s = services;
        this.lookups = new Lookups(services.store());
    }

    @Override
    public void handle(Context ctx) {
        String realmName = ctx.pathParam("realm");
        s.adminAuth().requireAnyOf(ctx, realmName, Privilege.AUTH_ADMINISTRATOR, Privilege.AUDITOR);
        Realm realm = lookups.realm(realmName);
        String statusText = ctx.queryParam("status");
        Delivery.Status status = Delivery.Status.DEAD;
        if (statusText != null && !statusText.isBlank()) {
            try {
                status = Delivery.Status.valueOf(statusText.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                FieldProblems problems = new FieldProblems();
                problems.add("status", "must be QUEUED, DELIVERED or DEAD");
                problems.throwIfAny();
            }
        }
        ClientNames names = new ClientNames(s.store(), realm.id());
        ctx.json(s.store().outbox().list(realm.id(), status, Paging.from(ctx)).stream()
                .map(d -> DeliveryRepresentation.of(d, names.of(d.clientId())))
                .toList());
    }
}
