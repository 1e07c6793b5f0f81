package dev.curfew.server.welcome;

import dev.curfew.core.store.Store;
import dev.curfew.server.http.Pages;
import dev.curfew.server.http.RequestInfo;
import io.javalin.config.RoutesConfig;

/** The welcome page at {@code /} and the guides it links to. */
public record WelcomeRoutes(Store store, RequestInfo requestInfo, Pages pages) {

    public void register(RoutesConfig routes) {
        routes.get("/", new WelcomePage(store, requestInfo, pages));
        routes.get(DocsEndpoint.PREFIX + "{file}", new DocsEndpoint());
    }
}
