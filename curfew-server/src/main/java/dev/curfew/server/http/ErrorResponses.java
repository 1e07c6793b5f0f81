package dev.curfew.server.http;

import dev.curfew.server.bruteforce.Waits;
import dev.curfew.server.crypto.PasswordHashingBusy;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the two error models: RFC 9457 problem details (admin API) and RFC 6749 errors (protocol). */
public final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {}

    public static void problem(Problem problem, Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        body.put("instance", ctx.path());
        if (!problem.invalidParams().isEmpty()) {
            body.put("invalid-params", problem.invalidParams());
        }
        ctx.status(problem.status()).contentType("application/problem+json").result(toJson(body));
    }

    public static void oauth(OAuthError error, Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.error());
        if (error.description() != null) {
            body.put("error_description", error.description());
        }
        // RFC 6750 §3: bearer-token errors say so in WWW-Authenticate; RFC 6749 §5.2: so does a failed
        // client authentication at the token endpoint.
        if (error.error().equals("invalid_token") || error.error().equals("insufficient_scope")) {
            ctx.header(
                    "WWW-Authenticate",
                    "Bearer error=\"" + error.error() + "\", error_description=\""
                            + error.description().replace("\"", "'") + "\"");
        } else if (error.status() == 401) {
            ctx.header("WWW-Authenticate", "Basic realm=\"curfew\"");
        }
        error.retryAfter().ifPresent(wait -> ctx.header("Retry-After", Long.toString(wait.toSeconds())));
        ctx.status(error.status())
                .header("Cache-Control", "no-store")
                .contentType("application/json")
                .result(toJson(body));
    }

    /**
     * The password-hashing queue is full: 503 with {@code Retry-After}, in the model of the caller — problem
     * details for the admin API, {@code temporarily_unavailable} for protocol endpoints (the token endpoint's
     * password grant), a page for people (the login form, the account console).
     */
    public static void busy(PasswordHashingBusy busy, Context ctx, Pages pages) {
        String path = ctx.path();
        if (path.startsWith("/admin/") && !SecurityHeaders.isConsole(path)) {
            ctx.header("Retry-After", Waits.retryAfter(busy.retryAfter()));
            problem(
                    new Problem(
                            503,
                            "Service Unavailable",
                            "Every password-hashing thread is busy and the queue is full; try again in a second."),
                    ctx);
        } else if (path.contains("/protocol/openid-connect/")) {
            oauth(
                    OAuthError.temporarilyUnavailable(
                            503, "The server is busy checking passwords; try again in a second", busy.retryAfter()),
                    ctx);
        } else {
            ctx.header("Retry-After", Waits.retryAfter(busy.retryAfter()));
            pages.error(
                    ctx,
                    503,
                    "Busy, try again",
                    "Curfew is checking a great many passwords at this moment and could not check yours. Nothing "
                            + "was changed. Wait a second, then go back and send the form again.");
        }
    }

    /** Anything unexpected: logged with its stack trace, answered without it. */
    public static void unexpected(Exception e, Context ctx) {
        LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
        if (ctx.path().startsWith("/admin/")) {
            problem(
                    new Problem(
                            500,
                            "Internal Server Error",
                            "The server failed to handle the request; the error is logged."),
                    ctx);
        } else if (acceptsHtml(ctx)) {
            ctx.status(500).contentType("text/plain").result("Internal server error; the error is logged.");
        } else {
            oauth(new OAuthError(500, "server_error", "The server failed to handle the request"), ctx);
        }
    }

    private static boolean acceptsHtml(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/html");
    }

    static String toJson(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
