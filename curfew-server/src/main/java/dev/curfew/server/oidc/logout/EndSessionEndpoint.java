package dev.curfew.server.oidc.logout;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.engine.session.SessionService;
import dev.curfew.engine.token.TokenVerifier;
import dev.curfew.server.http.FormCsrf;
import dev.curfew.server.http.Pages;
import dev.curfew.server.http.RequestInfo;
import dev.curfew.server.oidc.Endpoints;
import dev.curfew.server.oidc.Params;
import dev.curfew.server.oidc.RealmResolver;
import dev.curfew.server.session.SessionCookie;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenID Connect RP-Initiated Logout 1.0. Anyone can link a browser to this URL, so the OP asks the user before
 * ending a session (§2 and §6: it SHOULD ask, and a request not known to come from the RP is a reason to), except
 * in one case: a valid {@code id_token_hint} whose {@code sid} is the session of this browser's cookie. Then the
 * request names the very session that sends it, and it ends at once. Every other request — no hint, a hint for
 * another session, no session cookie (a cross-site POST does not carry the {@code SameSite=Lax} cookie) — gets
 * the confirmation page, a form protected by a double-submit CSRF token that carries the request along; on
 * confirmation the session the hint names and the browser's own end. When neither exists, nothing is asked.
 * {@code post_logout_redirect_uri} must be registered for the client (§3), otherwise Curfew shows its own page
 * instead of redirecting.
 */
public final class EndSessionEndpoint implements Handler {
    private static final FormCsrf CSRF = new FormCsrf("CURFEW_LOGOUT_CSRF");

    private final RealmResolver realms;
    private final TokenVerifier verifier;
    private final SessionService sessions;
    private final Store store;
    private final Pages pages;
    private final RequestInfo requestInfo;

    public EndSessionEndpoint(
            RealmResolver realms,
            TokenVerifier verifier,
            SessionService sessions,
            Store store,
            Pages pages,
            RequestInfo requestInfo) {
        this.realms = realms;
        this.verifier = verifier;
        this.sessions = sessions;
        this.store = store;
        this.pages = pages;
        this.requestInfo = requestInfo;
    }

    /** What the request asks, once checked. */
    private record LogoutRequest(
            Optional<JWTClaimsSet> hint,
            Optional<Client> client,
            Optional<String> redirectUri,
            Optional<String> state) {}

    @Override
    public void handle(Context ctx) {
        Optional<Realm> found = realms.requireForPage(ctx);
        if (found.isEmpty()) {
            return;
        }
        Realm realm = found.get();
        Params params;
        try {
            params = ctx.method().name().equals("POST") ? Params.of(ctx.formParamMap()) : Params.query(ctx);
        } catch (dev.curfew.server.http.OAuthError e) {
            pages.error(ctx, 400, "Cannot sign out", e.description());
            return;
        }
        Optional<LogoutRequest> request = parse(ctx, realm, params);
        if (request.isEmpty()) {
            return;
        }
        boolean confirmed = params.get("confirm").isPresent();
        if (confirmed && !CSRF.valid(ctx)) {
            pages.error(
                    ctx,
                    400,
                    "Sign-out expired",
                    "The sign-out form expired or came from another site. Nothing was changed.");
            return;
        }
        Optional<SessionService.Active> browser =
                SessionCookie.read(ctx).flatMap(secret -> sessions.fromCookie(realm, secret));
        Optional<String> hintSid = request.get().hint().flatMap(h -> stringClaim(h, "sid"));
        if (!confirmed && !ownSession(browser, hintSid) && somethingToEnd(realm, browser, hintSid)) {
            confirm(ctx, realm, params);
            return;
        }
        hintSid.ifPresent(sid -> sessions.end(realm, sid));
        browser.ifPresent(a -> sessions.end(realm, a.session().id()));
        SessionCookie.clear(ctx, realm.name(), requestInfo.secure(ctx));
        if (request.get().redirectUri().isPresent()) {
            String target = request.get().redirectUri().get();
            Optional<String> state = request.get().state();
            if (state.isPresent()) {
                target += (target.contains("?") ? "&" : "?") + "state="
                        + URLEncoder.encode(state.get(), StandardCharsets.UTF_8);
            }
            ctx.header("Cache-Control", "no-store").redirect(target, HttpStatus.FOUND);
            return;
        }
        pages.render(ctx, 200, "logged-out.jte", Map.of("realmName", realm.name()));
    }

    private Optional<LogoutRequest> parse(Context ctx, Realm realm, Params params) {
        Optional<String> hintParam = params.get("id_token_hint");
        Optional<JWTClaimsSet> hint = hintParam.flatMap(h -> verifier.verifySignature(realm, h, JOSEObjectType.JWT));
        if (hintParam.isPresent() && hint.isEmpty()) {
            pages.error(ctx, 400, "Cannot sign out", "The id_token_hint is not an ID token issued by this realm.");
            return Optional.empty();
        }
        Optional<String> hintClient = hint.flatMap(h -> stringClaim(h, "azp"))
                .or(() -> hint.map(JWTClaimsSet::getAudience)
                        .filter(a -> a.size() == 1)
                        .map(a -> a.get(0)));
        Optional<String> clientId = params.get("client_id");
        if (clientId.isPresent() && hintClient.isPresent() && !clientId.equals(hintClient)) {
            pages.error(ctx, 400, "Cannot sign out", "client_id does not match the id_token_hint.");
            return Optional.empty();
        }
        Optional<Client> client =
                clientId.or(() -> hintClient).flatMap(id -> store.clients().findByClientId(realm.id(), id));
        Optional<String> redirectUri = params.get("post_logout_redirect_uri");
        if (redirectUri.isPresent()) {
            boolean registered = client.map(c -> c.postLogoutRedirectUris().contains(redirectUri.get()))
                    .orElse(false);
            if (!registered) {
                pages.error(
                        ctx,
                        400,
                        "Cannot sign out",
                        "The post-logout redirect URI is not registered for this application.");
                return Optional.empty();
            }
        }
        return Optional.of(new LogoutRequest(hint, client, redirectUri, params.get("state")));
    }

    /** The hint names the session of the browser that sends the request: it may end without asking. */
    private static boolean ownSession(Optional<SessionService.Active> browser, Optional<String> hintSid) {
        return browser.isPresent()
                && hintSid.isPresent()
                && browser.get().session().id().equals(hintSid.get());
    }

    /** A session the request would end: the browser's, or a valid one the hint names. */
    private boolean somethingToEnd(Realm realm, Optional<SessionService.Active> browser, Optional<String> hintSid) {
        return browser.isPresent()
                || hintSid.flatMap(sid -> sessions.byId(realm, sid)).isPresent();
    }

    private void confirm(Context ctx, Realm realm, Params params) {
        Map<String, String> hidden = new HashMap<>();
        for (String name : List.of("id_token_hint", "post_logout_redirect_uri", "state", "client_id")) {
            params.get(name).ifPresent(v -> hidden.put(name, v));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("realmName", realm.displayName().isBlank() ? realm.name() : realm.displayName());
        model.put("action", Endpoints.LOGOUT.replace("{realm}", realm.name()));
        model.put("hidden", hidden);
        model.put("csrf", CSRF.issue(ctx, "/realms/" + realm.name() + "/", requestInfo.secure(ctx)));
        pages.render(ctx, 200, "logout-confirm.jte", model);
    }

    private static Optional<String> stringClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String s ? Optional.of(s) : Optional.empty();
    }
}
