package dev.curfew.server.admin;

import dev.curfew.server.Services;
import dev.curfew.server.admin.realms.CreateRealmEndpoint;
import dev.curfew.server.admin.realms.DeleteRealmEndpoint;
import dev.curfew.server.admin.realms.GetRealmEndpoint;
import dev.curfew.server.admin.realms.ListRealmsEndpoint;
import dev.curfew.server.admin.realms.UpdateRealmEndpoint;
import io.javalin.config.RoutesConfig;

/**
 * The admin REST API under {@code /admin/realms}, with Keycloak's paths and shapes where they exist. The
 * full list, with privileges and examples, is in {@code docs/api-reference.md}.
 */
public final class AdminRoutes {
    private static final String REALM = "/admin/realms/{realm}";
    private static final String USERS = REALM + "/users";
    private static final String USER = USERS + "/{id}";
    private static final String CLIENTS = REALM + "/clients";
    private static final String CLIENT = CLIENTS + "/{id}";

    private final Services s;

    public AdminRoutes(Services services) {
        this.s = services;
    }

    public void register(RoutesConfig routes) {
        var auth = s.adminAuth();
        var store = s.store();
        var lookups = new Lookups(store);

        routes.get("/admin/realms", new ListRealmsEndpoint(store, auth));
        routes.post("/admin/realms", new CreateRealmEndpoint(s.realms(), auth, s.requestInfo()));
        routes.get(REALM, new GetRealmEndpoint(lookups, auth));
        routes.put(REALM, new UpdateRealmEndpoint(s.realms(), lookups, auth));
        routes.delete(REALM, new DeleteRealmEndpoint(s.realms(), lookups, auth));


    }
}
