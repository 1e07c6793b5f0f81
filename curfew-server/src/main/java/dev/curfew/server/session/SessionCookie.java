package dev.curfew.server.session;

import io.javalin.http.Context;
import java.util.Optional;

/**
 * The SSO cookie: holds the session's cookie secret (never the public session id). {@code HttpOnly} so
 * scripts cannot read it, {@code SameSite=Lax} so cross-site POSTs do not carry it, {@code Secure} when
 * served over https, and scoped to the realm's path so realms never see each other's cookies.
 */
public final class SessionCookie {
    public static final String NAME = "CURFEW_SESSION";

    private SessionCookie() {}

    public static String path(String realmName) {
        return "/realms/" + realmName + "/";
    }

    public static Optional<String> read(Context ctx) {
        return Optional.ofNullable(ctx.cookie(NAME)).filter(v -> !v.isBlank() && v.length() <= 128);
    }

    public static void set(Context ctx, String realmName, String secret, boolean secure) {
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        NAME + "=" + secret + "; Path=" + path(realmName) + "; HttpOnly; SameSite=Lax"
                                + (secure ? "; Secure" : ""));
    }

    public static void clear(Context ctx, String realmName, boolean secure) {
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        NAME + "=; Path=" + path(realmName)
                                + "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax"
                                + (secure ? "; Secure" : ""));
    }
}
