package dev.curfew.server.admin;

import dev.curfew.server.Services;
import dev.curfew.server.admin.realms.ListRealmsEndpoint;
import io.javalin.config.RoutesConfig;

/** The admin REST API under {@code /admin/realms}, with Keycloak's paths and shapes where they exist. */
public final class AdminRoutes {
    private final Services s;

    public AdminRoutes(Services services) {
        this.s = services;
    }

    public void register(RoutesConfig routes) {
        routes.get("/admin/realms", new ListRealmsEndpoint(s.store(), s.adminAuth()));
    }
}
