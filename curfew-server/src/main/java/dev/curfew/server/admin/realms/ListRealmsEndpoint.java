package dev.curfew.server.admin.realms;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.store.Store;
import dev.curfew.server.admin.AdminHandler;
import dev.curfew.server.admin.AdminPrincipal;
import io.javalin.http.Context;
import java.util.Arrays;

/**
 * {@code GET /admin/realms}: the realms the caller holds any privilege in (Keycloak lists only the realms
 * an administrator may see, too).
 */
public final class ListRealmsEndpoint implements AdminHandler {
    private final Store store;

    public ListRealmsEndpoint(Store store) {
        this.store = store;
    }

    @Override
    public void handle(Context ctx, AdminPrincipal admin) {
        ctx.json(store.realms().list().stream()
                .filter(r -> Arrays.stream(Privilege.values())
                        .anyMatch(p -> admin.privileges().allows(p, r.name())))
                .map(RealmRepresentation::of)
                .toList());
    }
}
