package dev.curfew.server.admin.deliveries;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.server.Services;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.http.Problem;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;

/**
 * {@code GET /admin/realms/{realm}/sign-outs/{id}/deliveries} [AUTH_ADMINISTRATOR or AUDITOR]: per destination,
 * how many of the sign-out's notifications are queued, delivered and dead, and the last error.
 */
public final class SignOutDeliveriesEndpoint implements Handler {
    private final Services s;
    private final Lookups lookups;

    public SignOutDeliveriesEndpoint(Services services) {
        this.s = services;
        this.lookups = new Lookups(services.store());
    }

    /** One destination's line. */
    public record DestinationRepresentation(
            String destination, String clientId, long queued, long delivered, long dead, String lastError) {}

    @Override
    public void handle(Context ctx) {
        String realmName = ctx.pathParam("realm");
        s.adminAuth().requireAnyOf(ctx, realmName, Privilege.AUTH_ADMINISTRATOR, Privilege.AUDITOR);
        Realm realm = lookups.realm(realmName);
        String id = ctx.pathParam("id");
        if (s.store().signOuts().find(realm.id(), id).isEmpty()) {
            throw Problem.notFound("No sign-out with id '" + id + "' in realm '" + realm.name() + "'");
        }
        ClientNames names = new ClientNames(s.store(), realm.id());
        List<DestinationRepresentation> lines = s.store().outbox().summaryOfSignOut(realm.id(), id).stream()
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
