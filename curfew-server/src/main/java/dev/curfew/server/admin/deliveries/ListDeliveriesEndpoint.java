package dev.curfew.server.admin.deliveries;

import dev.curfew.core.client.Client;
import dev.curfew.core.delivery.Delivery;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.server.admin.AdminPaging;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.RealmHandler;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /admin/realms/{realm}/deliveries?status=DEAD&clientId=&first=&max=} [AUTH_ADMINISTRATOR or
 * AUDITOR]: the realm's notifications of one status (default DEAD: the dead-letter list), newest first; only
 * those to one client when {@code clientId} (its public clientId) is given.
 */
public final class ListDeliveriesEndpoint implements RealmHandler {
    private final Store store;

    public ListDeliveriesEndpoint(Store store) {
        this.store = store;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        FieldProblems problems = new FieldProblems();
        Delivery.Status status = Delivery.Status.DEAD;
        String statusText = ctx.queryParam("status");
        if (statusText != null && !statusText.isBlank()) {
            try {
                status = Delivery.Status.valueOf(statusText.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("status", "must be QUEUED, DELIVERED or DEAD");
            }
        }
        Optional<Client> client = clientFilter(ctx, realm, problems, store);
        problems.throwIfAny();
        ClientNames names = new ClientNames(store, realm.id());
        ctx.json(store.outbox().list(realm.id(), status, client.map(Client::id), AdminPaging.from(ctx)).stream()
                .map(d -> DeliveryRepresentation.of(d, names.of(d.clientId())))
                .toList());
    }

    /**
     * The client named by the {@code clientId} query parameter (its public clientId), if given; an unknown one
     * is a problem of that field.
     */
    static Optional<Client> clientFilter(Context ctx, Realm realm, FieldProblems problems, Store store) {
        String clientId = ctx.queryParam("clientId");
        if (clientId == null || clientId.isBlank()) {
            return Optional.empty();
        }
        Optional<Client> client = store.clients().findByClientId(realm.id(), clientId.strip());
        if (client.isEmpty()) {
            problems.add("clientId", "no client '" + clientId.strip() + "' in realm '" + realm.name() + "'");
        }
        return client;
    }
}
