package dev.curfew.server.http;

import dev.curfew.engine.json.Json;
import dev.curfew.engine.password.PasswordHashingBusy;
import dev.curfew.engine.session.SessionLimitReached;
import dev.curfew.server.config.AdmissionSettings;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;

/**
 * Builds the HTTP server: Javalin on Jetty 12 with virtual threads, the security headers, the input guard and the
 * error models. The features' routes are registered by the caller, so this package depends on no feature.
 */
public final class HttpApp {
    /** The largest request body accepted: far above any admin or protocol request, far below a memory risk. */
    public static final int MAX_REQUEST_BYTES = 1_000_000;

    /**
     * The buffer through which Javalin copies each answer to Jetty, allocated anew for every answer. Javalin's default
     * is Jetty's whole output buffer (32 KiB), so an answer of a few hundred bytes cost 32 KiB of allocation; a
     * protocol answer fits in 8 KiB, and a larger one is copied in several passes into Jetty's output buffer, whose
     * size is unchanged.
     */
    static final int RESPONSE_COPY_BUFFER_BYTES = 8 * 1024;

    private HttpApp() {}

    /**
     * @param pages renders the HTML error pages
     * @param admission how many requests run and wait at once (the admission limit in front of every route)
     * @param meters where the admission limit's metrics go
     * @param routes registers every feature's routes
     */
    public static Javalin create(
            Pages pages, AdmissionSettings admission, MeterRegistry meters, Consumer<RoutesConfig> routes) {
        return Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.jetty.threadPool = HttpThreads.create();
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, true));
            config.http.responseBufferSize = RESPONSE_COPY_BUFFER_BYTES;
            // Jetty keeps, per connection, a cache of the values of some request headers (Authorization, Cookie,
            // User-Agent, Accept...) to skip parsing a value seen before. Here the values that matter change at
            // every request — bearer tokens of different users on a client's pooled connection, cookies through a
            // proxy — so each one filled the cache, cleared it and parsed the value anyway: 14 % of the CPU samples
            // of a userinfo run (bench/README.md, "The HTTP floor"). Without the cache every value is parsed once.
            config.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setHeaderCacheSize(0);
            });
            // What Jetty answers itself (a malformed request never reaches Javalin) has the security headers and
            // the error model of the path too.
            JettyErrors jettyErrors = new JettyErrors();
            // Javalin puts its servlet context inside the handler already set on the server: every request passes
            // the admission limit first.
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(jettyErrors);
                server.setHandler(new AdmissionLimit(admission, meters));
            });
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(jettyErrors));

            config.routes.before(SecurityHeaders::apply);
            config.routes.before(InputGuard::check);
            config.routes.exception(Problem.class, ErrorResponses::problem);
            config.routes.exception(OAuthError.class, ErrorResponses::oauth);
            // Only a browser sign-in lets this out (the password grant answers invalid_grant itself).
            config.routes.exception(
                    SessionLimitReached.class, (e, ctx) -> pages.error(ctx, 403, "Too many sessions", e.getMessage()));
            config.routes.exception(PasswordHashingBusy.class, (e, ctx) -> ErrorResponses.busy(e, ctx, pages));
            config.routes.exception(
                    HttpResponseException.class, (e, ctx) -> ErrorResponses.httpResponse(e, ctx, pages));
            config.routes.exception(Exception.class, (e, ctx) -> ErrorResponses.unexpected(e, ctx, pages));

            routes.accept(config.routes);
        });
    }
}
