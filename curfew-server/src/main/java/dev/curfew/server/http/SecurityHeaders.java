package dev.curfew.server.http;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Headers on every response. The Content-Security-Policy allows no scripts at all and only Curfew's own
 * stylesheet; {@code frame-ancestors 'none'} and {@code X-Frame-Options} stop clickjacking of the login
 * page. {@code form-action} is deliberately absent: browsers apply it to the redirect that follows a
 * login, which goes to the application's origin.
 *
 * <p>The admin console ({@code /admin/console}) adds {@code script-src 'self'} for its one external script
 * file (still no inline script, no {@code eval}) and {@code form-action 'self'}: its forms only ever post
 * to Curfew itself.
 */
public final class SecurityHeaders {
    static final String CSP =
            "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'";

    static final String CONSOLE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    static final String CONSOLE_PATH = "/admin/console";

    private SecurityHeaders() {}

    public static void apply(Context ctx) {
        forPath(ctx.path()).forEach(ctx::header);
    }

    /** The headers for a response to a request for {@code path}, also for answers Jetty writes itself. */
    static Map<String, String> forPath(String path) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Content-Security-Policy", isConsole(path) ? CONSOLE_CSP : CSP);
        return headers;
    }

    static boolean isConsole(String path) {
        return path.equals(CONSOLE_PATH) || path.startsWith(CONSOLE_PATH + "/");
    }
}
