package dev.curfew.server.account;

import dev.curfew.server.http.RequestInfo;
import dev.curfew.server.oidc.Endpoints;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * "Sign out" of this device: the console forgets its session and sends the browser to the realm's
 * end-session endpoint (OIDC RP-Initiated Logout 1.0 §2) with its ID token as the hint, which ends this
 * SSO session and returns to the console's registered post-logout URI.
 */
public final class SignOutThisDeviceEndpoint implements Handler {
    private final AccountGuard guard;
    private final AccountConsoleSessions consoleSessions;
    private final RequestInfo requestInfo;

    public SignOutThisDeviceEndpoint(
            AccountGuard guard, AccountConsoleSessions consoleSessions, RequestInfo requestInfo) {
        this.guard = guard;
        this.consoleSessions = consoleSessions;
        this.requestInfo = requestInfo;
    }

    @Override
    public void handle(Context ctx) {
        Optional<SignedIn> signedIn = guard.forForm(ctx);
        if (signedIn.isEmpty()) {
            return;
        }
        SignedIn user = signedIn.get();
        consoleSessions.end(ctx, user.realm().name(), requestInfo.secure(ctx));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("id_token_hint", user.console().idToken());
        params.put("client_id", AccountConsoleClient.CLIENT_ID);
        params.put("post_logout_redirect_uri", guard.signedOutUri(ctx, user.realm()));
        ctx.header("Cache-Control", "no-store")
                .redirect(
                        Endpoints.LOGOUT.replace("{realm}", user.realm().name()) + "?" + AccountUrls.query(params),
                        HttpStatus.SEE_OTHER);
    }
}
