package dev.curfew.server.http;

import dev.curfew.server.Services;
import dev.curfew.server.account.AccountRoutes;
import dev.curfew.server.admin.AdminRoutes;
import dev.curfew.server.console.ConsoleRoutes;
import dev.curfew.server.crypto.PasswordHashingBusy;
import dev.curfew.server.oidc.OidcRoutes;
import dev.curfew.server.ops.OpsRoutes;
import dev.curfew.server.ssf.SsfRoutes;
import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.json.JavalinJackson;

/** Builds the HTTP server: Javalin on Jetty 12 with virtual threads, every route, and the error models. */
public final class HttpApp {
    private HttpApp() {}

    public static Javalin create(Services services, OpsRoutes ops) {
        return Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = 1_000_000;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, true));
            config.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));

            config.routes.before(SecurityHeaders::apply);
            config.routes.exception(Problem.class, ErrorResponses::problem);
            config.routes.exception(OAuthError.class, ErrorResponses::oauth);
            config.routes.exception(
                    PasswordHashingBusy.class, (e, ctx) -> ErrorResponses.busy(e, ctx, services.pages()));
            config.routes.exception(BadRequestResponse.class, (e, ctx) -> {
                if (ctx.path().startsWith("/admin/")) {
                    ErrorResponses.problem(
                            Problem.badRequest("The request body is not valid JSON for this call: " + e.getMessage()),
                            ctx);
                } else {
                    ErrorResponses.oauth(OAuthError.invalidRequest(e.getMessage()), ctx);
                }
            });
            config.routes.exception(Exception.class, ErrorResponses::unexpected);
            config.routes.error(404, "*", ctx -> {
                if (SecurityHeaders.isConsole(ctx.path()) && ctx.result() == null) {
                    services.pages().error(ctx, 404, "Not found", "The console has no page at this address.");
                } else if (ctx.path().startsWith("/admin/") && ctx.result() == null) {
                    ErrorResponses.problem(Problem.notFound("No such resource: " + ctx.path()), ctx);
                }
            });

            new OidcRoutes(services).register(config.routes);
            new SsfRoutes(services).register(config.routes);
            new AdminRoutes(services).register(config.routes);
            new ConsoleRoutes(services).register(config.routes);
            new AccountRoutes(services).register(config.routes);
            ops.register(config.routes);
        });
    }
}
