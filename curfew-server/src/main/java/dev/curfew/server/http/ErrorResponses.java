package dev.curfew.server.http;

import dev.curfew.engine.bruteforce.Waits;
import dev.curfew.engine.json.Json;
import dev.curfew.engine.password.PasswordHashingBusy;
import dev.curfew.store.DatabaseUnreachable;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the two error models: RFC 9457 problem details (admin API) and RFC 6749 errors (protocol). Every failure
 * comes through here, including Javalin's own (no such endpoint, a body over the limit), so no caller of the admin
 * API ever has to parse a third shape.
 */
public final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
    private static final String ADMIN = "/admin/";

    /**
     * What a client is told to wait while the database cannot be reached: about what a PostgreSQL restart or a
     * fail-over takes, and the connection pool's own wait for a connection.
     */
    static final Duration DATABASE_RETRY_AFTER = Duration.ofSeconds(5);

    static final String PROBLEM_JSON = "application/problem+json";

    private ErrorResponses() {}

    public static void problem(Problem problem, Context ctx) {
        problem.challenge().ifPresent(c -> ctx.header("WWW-Authenticate", c));
        ctx.status(problem.status())
                .contentType(PROBLEM_JSON)
                .result(toJson(problemBody(
                        problem.status(), problem.title(), problem.detail(), ctx.path(), problem.invalidParams())));
    }

    /** RFC 9457 §3.1 members; {@code instance} left out when null. */
    static Map<String, Object> problemBody(
            int status, String title, String detail, String instance, List<Map<String, String>> invalidParams) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        if (!invalidParams.isEmpty()) {
            body.put("invalid-params", invalidParams);
        }
        return body;
    }

    public static void oauth(OAuthError error, Context ctx) {
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
                .result(toJson(oauthBody(error.error(), error.description())));
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

    /** RFC 6749 §5.2 members. */
    static Map<String, Object> oauthBody(String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        if (description != null) {
            body.put("error_description", description);
        }
        return body;
    }

    /**
     * Javalin's own failures — no endpoint at the path, a body over the size limit, a body it could not bind — in
     * the error model of the path: a problem on the admin API, the console's or an HTML page for a browser, else an
     * RFC 6749 error.
     */
    public static void httpResponse(HttpResponseException e, Context ctx, Pages pages) {
        int status = e.getStatus();
        String title = HttpStatus.forStatus(status).getMessage();
        String detail = switch (status) {
            case 404 -> "There is nothing at " + ctx.method() + " " + ctx.path();
            case 413 -> "The request body is larger than " + HttpApp.MAX_REQUEST_BYTES + " bytes";
            default -> e.getMessage();
        };
        if (status == 413) {
            // The rest of the body is left unread, so Jetty closes the connection after the answer: RFC 9112 §9.6,
            // say so, or a client reuses the connection for its next request and finds it closed.
            ctx.header("Connection", "close");
        }
        if (isAdminApi(ctx.path())) {
            problem(new Problem(status, title, detail), ctx);
        } else if (SecurityHeaders.isConsole(ctx.path()) || acceptsHtml(ctx)) {
            pages.error(ctx, status, title, detail);
        } else {
            oauth(new OAuthError(status, oauthCode(status), detail), ctx);
        }
    }

    /** The admin REST API's paths: under {@code /admin/}, except the console's pages. */
    static boolean isAdminApi(String path) {
        return path.startsWith(ADMIN) && !SecurityHeaders.isConsole(path);
    }

    /** Protocol paths are answered in RFC 6749's model; every other failure is a problem. */
    static boolean isProtocol(String path) {
        return path.startsWith("/realms/");
    }

    static String oauthCode(int status) {
        // RFC 6749 §4.1.2.1: the server cannot handle the request now (overloaded); the client may retry.
        if (status == 503) {
            return "temporarily_unavailable";
        }
        if (status >= 500) {
            return "server_error";
        }
        return status == 404 ? "not_found" : "invalid_request";
    }

    /**
     * Anything unexpected: logged with its stack trace, answered without it. Jetty's own verdict on the request (a
     * 4xx {@link HttpException}, say a malformed body found while Javalin read it) is the client's error and
     * answered as such.
     */
    public static void unexpected(Exception e, Context ctx, Pages pages) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                LOG.debug("bad request on {} {}", ctx.method(), ctx.path(), e);
                httpResponse(new HttpResponseException(http.getCode(), "The request is malformed"), ctx, pages);
                return;
            }
        }
        if (DatabaseUnreachable.isCauseOf(e)) {
            LOG.warn("the database cannot be reached; {} {} answered 503: {}", ctx.method(), ctx.path(), e.toString());
            databaseUnreachable(ctx, pages);
            return;
        }
        LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
        if (ctx.path().startsWith(ADMIN)) {
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

    /**
     * The database cannot be reached (stopped, restarting, unreachable): 503 with {@code Retry-After}, in the model
     * of the caller, not 500 — nothing is wrong with the request, and it can be sent again as it is. Nothing was
     * written: a transaction that cannot reach the database does not commit.
     */
    static void databaseUnreachable(Context ctx, Pages pages) {
        String path = ctx.path();
        String retryAfter = Waits.retryAfter(DATABASE_RETRY_AFTER);
        if (isAdminApi(path)) {
            ctx.header("Retry-After", retryAfter);
            problem(
                    new Problem(
                            503,
                            "Service Unavailable",
                            "The database cannot be reached at the moment; nothing was changed. Try again in a few"
                                    + " seconds."),
                    ctx);
        } else if (isProtocol(path) && !acceptsHtml(ctx)) {
            // RFC 6749 §4.1.2.1 / §5.2: temporarily_unavailable, the client may retry.
            oauth(
                    OAuthError.temporarilyUnavailable(
                            503, "The database cannot be reached at the moment; try again", DATABASE_RETRY_AFTER),
                    ctx);
        } else {
            ctx.header("Retry-After", retryAfter);
            pages.error(
                    ctx,
                    503,
                    "Unavailable, try again",
                    "Curfew cannot reach its database at the moment and changed nothing. Wait a few seconds, then try"
                            + " again.");
        }
    }

    private static boolean acceptsHtml(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/html");
    }

    /**
     * The body as the bytes of its JSON in UTF-8 (RFC 8259 §8.1). Given a string, Javalin would encode it in the
     * response's charset, which for {@code application/problem+json} is ISO-8859-1: a detail quoting the caller's input
     * sent {@code ?} for what is not Latin-1, and Latin-1 letters as bytes that are no UTF-8.
     */
    static byte[] toJson(Object value) {
        try {
            return Json.MAPPER.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
