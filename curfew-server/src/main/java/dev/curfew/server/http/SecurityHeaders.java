package dev.curfew.server.http;

import io.javalin.http.Context;

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
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", isConsole(ctx.path()) ? CONSOLE_CSP : CSP);
    }

    static boolean isConsole(String path) {
        return path.equals(CONSOLE_PATH) || path.startsWith(CONSOLE_PATH + "/");
    }
}
