package dev.curfew.server.admin.maintenance;

import dev.curfew.core.realm.Realm;
import dev.curfew.engine.realm.Maintenance;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.http.Problem;
import io.javalin.http.Context;
import java.time.Clock;

/** {@code GET /admin/realms/{realm}/maintenance}: the realm's window; 404 when it has none. */
public final class GetMaintenanceEndpoint implements RealmHandler {
    private final Maintenance maintenance;
    private final Clock clock;

    public GetMaintenanceEndpoint(Maintenance maintenance, Clock clock) {
        this.maintenance = maintenance;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        ctx.json(MaintenanceRepresentation.of(
                maintenance
                        .find(realm)
                        .orElseThrow(() -> Problem.notFound("Realm '" + realm.name() + "' has no maintenance window")),
                clock.instant()));
    }
}
