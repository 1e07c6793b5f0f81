package dev.curfew.server.http;

import dev.curfew.server.Services;
import dev.curfew.server.account.AccountRoutes;
import dev.curfew.server.admin.AdminRoutes;
import dev.curfew.server.console.ConsoleRoutes;
import dev.curfew.server.crypto.PasswordHashingBusy;
import dev.curfew.server.oidc.OidcRoutes;
import dev.curfew.server.ops.OpsRoutes;
import dev.curfew.server.ssf.SsfRoutes;
import dev.curfew.server.welcome.WelcomeRoutes;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;

/** Builds the HTTP server: Javalin on Jetty 12 with virtual threads, every route, and the error models. */
public final class HttpApp {
    /** The largest request body accepted: far above any admin or protocol request, far below a memory risk. */
    static final int MAX_REQUEST_BYTES = 1_000_000;

    private HttpApp() {}

    public static Javalin create(Services services, OpsRoutes ops) {
        return Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.jetty.threadPool = HttpThreads.create();
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, true));
            config.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
            // What Jetty answers itself (a malformed request never reaches Javalin) has the security headers and
            // the error model of the path too.
            JettyErrors jettyErrors = new JettyErrors();
            // Javalin puts its servlet context inside the handler already set on the server: every request passes
            // the admission limit first.
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(jettyErrors);
                server.setHandler(new AdmissionLimit(services.config().admission()));
            });
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(jettyErrors));

            config.routes.before(SecurityHeaders::apply);
            config.routes.before(InputGuard::check);
            config.routes.exception(Problem.class, ErrorResponses::problem);
            config.routes.exception(OAuthError.class, ErrorResponses::oauth);
            config.routes.exception(
                    PasswordHashingBusy.class, (e, ctx) -> ErrorResponses.busy(e, ctx, services.pages()));
            config.routes.exception(
                    HttpResponseException.class, (e, ctx) -> ErrorResponses.httpResponse(e, ctx, services.pages()));
            config.routes.exception(Exception.class, (e, ctx) -> ErrorResponses.unexpected(e, ctx, services.pages()));

            new OidcRoutes(services).register(config.routes);
            new SsfRoutes(services).register(config.routes);
            new AdminRoutes(services).register(config.routes);
            new ConsoleRoutes(services).register(config.routes);
            new AccountRoutes(services).register(config.routes);
            ops.register(config.routes);
            new WelcomeRoutes(services).register(config.routes);
        });
    }
}
