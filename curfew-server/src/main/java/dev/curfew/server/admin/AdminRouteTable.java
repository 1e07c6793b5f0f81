package dev.curfew.server.admin;

import dev.curfew.core.realm.Realm;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the admin route table. Every route's {@link Access} is checked first — 401 without a valid admin token,
 * 403 without the privilege — and only then is the realm in the path looked up (404 when unknown), so an
 * unprivileged caller cannot learn which realms exist; the endpoint gets the realm and the caller.
 */
final class AdminRouteTable {
    private static final String REALM_PARAM = "realm";

    private final AdminAuth auth;
    private final Lookups lookups;
    private final List<AdminRoute> routes = new ArrayList<>();

    AdminRouteTable(AdminAuth auth, Lookups lookups) {
        this.auth = auth;
        this.lookups = lookups;
    }

    /** A route under {@code /admin/realms/{realm}}. */
    AdminRouteTable add(HandlerType method, String path, Access access, RealmHandler endpoint) {
        if (!path.contains("{" + REALM_PARAM + "}")) {
            throw new IllegalArgumentException("not a path under a realm: " + path);
        }
        routes.add(new AdminRoute(method, path, access, ctx -> {
            String realmName = ctx.pathParam(REALM_PARAM);
            AdminPrincipal admin = access.check(auth, ctx, realmName);
            Realm realm = lookups.realm(realmName);
            endpoint.handle(ctx, realm, admin);
        }));
        return this;
    }

    /** A route outside any one realm. */
    AdminRouteTable add(HandlerType method, String path, Access access, AdminHandler endpoint) {
        if (path.contains("{" + REALM_PARAM + "}")) {
            throw new IllegalArgumentException("a path under a realm: " + path);
        }
        if (!(access instanceof Access.Everywhere || access instanceof Access.Administrator)) {
            throw new IllegalArgumentException(access + " needs a realm in the path: " + path);
        }
        // Neither kind of access depends on a realm's name.
        routes.add(new AdminRoute(method, path, access, ctx -> endpoint.handle(ctx, access.check(auth, ctx, ""))));
        return this;
    }

    List<AdminRoute> routes() {
        return List.copyOf(routes);
    }
}
