package dev.curfew.server.welcome;

import dev.curfew.server.Services;
import io.javalin.config.RoutesConfig;

/** The welcome page at {@code /} and the guides it links to. */
public final class WelcomeRoutes {
    private final Services services;

    public WelcomeRoutes(Services services) {
        this.services = services;
    }

    public void register(RoutesConfig routes) {
        routes.get("/", new WelcomePage(services.store(), services.requestInfo(), services.pages()));
        routes.get(DocsEndpoint.PREFIX + "{file}", new DocsEndpoint());
    }
}
