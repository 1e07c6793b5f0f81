package dev.curfew.server.oidc.authorize;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.store.Store;
import dev.curfew.core.token.AuthorizationCode;
import dev.curfew.core.util.Secrets;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Sends the authorization response to the client's redirect URI: a code, or an error (RFC 6749 §4.1.2). */
public final class AuthorizationResponder {
    private final Store store;
    private final Clock clock;

    public AuthorizationResponder(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Issues a one-time code for the session and redirects to the client with it. */
    public void redirectWithCode(
            Context ctx, Realm realm, AuthorizationRequest request, UserSession session, String issuer) {
        String code = Secrets.newSecret();
        Instant now = clock.instant();
        store.tokens()
                .saveCode(new AuthorizationCode(
                        Secrets.sha256(code),
                        realm.id(),
                        request.client().id(),
                        session.id(),
                        session.userId(),
                        request.redirectUri(),
                        request.scopes().toString(),
                        request.nonce(),
                        request.codeChallenge(),
                        request.codeChallenge().map(c -> "S256"),
                        session.createdAt(),
                        now,
                        now.plus(realm.settings().authorizationCodeLifespan())));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        request.state().ifPresent(s -> params.put("state", s));
        params.put("iss", issuer);
        redirect(ctx, request.redirectUri(), params);
    }

    public void redirectWithError(
            Context ctx, String redirectUri, Optional<String> state, String error, String description, String issuer) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        params.put("error_description", description);
        state.ifPresent(s -> params.put("state", s));
        params.put("iss", issuer);
        redirect(ctx, redirectUri, params);
    }

    /** RFC 6749 §3.1.2: keep the redirect URI's own query and append ours. */
    private static void redirect(Context ctx, String redirectUri, Map<String, String> params) {
        StringBuilder url = new StringBuilder(redirectUri);
        char separator = redirectUri.contains("?") ? '&' : '?';
        for (var e : params.entrySet()) {
            url.append(separator)
                    .append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        ctx.header("Cache-Control", "no-store");
        ctx.redirect(url.toString(), HttpStatus.FOUND);
    }
}
