package dev.curfew.server.admin.realms;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.store.Store;
import dev.curfew.server.admin.AdminAuth;
import dev.curfew.server.admin.AdminPrincipal;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Arrays;

/**
 * {@code GET /admin/realms}: the realms the caller holds any privilege in (Keycloak lists only the realms
 * an administrator may see, too).
 */
public final class ListRealmsEndpoint implements Handler {
    private final Store store;
    private final AdminAuth auth;

    public ListRealmsEndpoint(Store store, AdminAuth auth) {
        this.store = store;
        this.auth = auth;
    }

    @Override
    public void handle(Context ctx) {
        AdminPrincipal admin = auth.authenticate(ctx);
        ctx.json(store.realms().list().stream()
                .filter(r -> Arrays.stream(Privilege.values())
                        .anyMatch(p -> admin.privileges().allows(p, r.name())))
                .map(RealmRepresentation::of)
                .toList());
    }
}
