package dev.curfew.server.admin.sessions;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.RealmHandler;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /admin/realms/{realm}/client-session-stats}: for each client with sessions, {@code
 * [{"id","clientId","active":"N","offline":"0"}]} — counts as strings, as Keycloak sends them. Curfew has
 * no offline sessions. The count comes from one grouped query, so it includes sessions ended by a cut-off
 * or expiry whose rows the clean-up has not removed yet: an upper bound, not a validity check per session.
 */
public final class ClientSessionStatsEndpoint implements RealmHandler {
    private final Store store;

    public ClientSessionStatsEndpoint(Store store) {
        this.store = store;
    }

    /** One row of the answer. */
    public record Stat(String id, String clientId, String active, String offline) {}

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        Map<String, Long> counts = store.sessions().countByClient(realm.id());
        List<Stat> stats = counts.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .flatMap(e -> store.clients().findById(realm.id(), e.getKey()).stream()
                        .map(c -> new Stat(c.id(), c.clientId(), Long.toString(e.getValue()), "0")))
                .sorted((a, b) -> a.clientId().compareTo(b.clientId()))
                .toList();
        ctx.json(stats);
    }
}
