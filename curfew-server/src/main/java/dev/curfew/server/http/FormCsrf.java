package dev.curfew.server.http;

import dev.curfew.core.util.Secrets;
import io.javalin.http.Context;

/**
 * Double-submit CSRF tokens for Curfew's own forms: a random value both in a {@code SameSite=Strict},
 * {@code HttpOnly} cookie scoped to the realm and in a hidden form field. A cross-site page can neither
 * read the cookie nor make the browser send it, so it cannot produce a matching pair.
 */
public final class FormCsrf {
    public static final String FIELD = "csrf";

    private final String cookieName;

    public FormCsrf(String cookieName) {
        this.cookieName = cookieName;
    }

    /** Sets a fresh token cookie and returns the value to put in the form. */
    public String issue(Context ctx, String path, boolean secure) {
        String token = Secrets.newSecret();
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        cookieName + "=" + token + "; Path=" + path + "; HttpOnly; SameSite=Strict"
                                + (secure ? "; Secure" : ""));
        return token;
    }

    /**
     * True iff the form's token equals the cookie's (constant-time). Both must be non-empty: a page on a sibling
     * domain can plant a cookie without a value, and an empty field would then match it.
     */
    public boolean valid(Context ctx) {
        String cookie = ctx.cookie(cookieName);
        String field = ctx.formParam(FIELD);
        if (cookie == null || cookie.isEmpty() || field == null || field.isEmpty()) {
            return false;
        }
        return Secrets.constantTimeEquals(cookie, field);
    }
}
