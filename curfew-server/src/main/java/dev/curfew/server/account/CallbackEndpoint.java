package dev.curfew.server.account;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.engine.session.SessionService;
import dev.curfew.engine.token.IssuedTokens;
import dev.curfew.engine.token.TokenVerifier;
import dev.curfew.server.http.OAuthError;
import dev.curfew.server.http.Pages;
import dev.curfew.server.http.RequestInfo;
import dev.curfew.server.oidc.Params;
import dev.curfew.server.oidc.RealmResolver;
import dev.curfew.server.oidc.token.Grant;
import dev.curfew.server.oidc.token.TokenRequest;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's redirect URI (OIDC Core §3.1.2.5): checks that this browser started the sign-in, redeems
 * the code with PKCE through the token endpoint's own authorization-code grant, validates the ID token
 * (§3.1.3.7: signature, issuer, audience, nonce, expiry), and starts a console session bound to the
 * token's {@code sid}.
 *
 * <p>The answer is a page that moves on by itself rather than a redirect: the console cookie is
 * {@code SameSite=Strict}, and a browser that arrived through a chain of redirects begun on another site
 * would not send it on a redirect, so the console would start another sign-in, forever.
 */
public final class CallbackEndpoint implements Handler {
    private final RealmResolver realms;
    private final Store store;
    private final Grant authorizationCode;
    private final TokenVerifier verifier;
    private final SessionService sessions;
    private final AccountGuard guard;
    private final PendingSignIns pending;
    private final AccountConsoleSessions consoleSessions;
    private final RequestInfo requestInfo;
    private final Pages pages;
    private final Clock clock;

    public CallbackEndpoint(
            RealmResolver realms,
            Store store,
            Grant authorizationCode,
            TokenVerifier verifier,
            SessionService sessions,
            AccountGuard guard,
            PendingSignIns pending,
            AccountConsoleSessions consoleSessions,
            RequestInfo requestInfo,
            Pages pages,
            Clock clock) {
        this.realms = realms;
        this.store = store;
        this.authorizationCode = authorizationCode;
        this.verifier = verifier;
        this.sessions = sessions;
        this.guard = guard;
        this.pending = pending;
        this.consoleSessions = consoleSessions;
        this.requestInfo = requestInfo;
        this.pages = pages;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx) {
        Optional<Realm> found = realms.requireForPage(ctx);
        if (found.isEmpty()) {
            return;
        }
        Realm realm = found.get();
        boolean secure = requestInfo.secure(ctx);
        Optional<PendingSignIns.Pending> started =
                pending.finish(ctx, realm, Optional.ofNullable(ctx.queryParam("state")), secure);
        if (started.isEmpty()) {
            failed(ctx, realm, "The sign-in expired or was started in another browser or tab.");
            return;
        }
        String error = ctx.queryParam("error");
        if (error != null) {
            failed(ctx, realm, "Sign-in did not complete (" + error + ").");
            return;
        }
        String code = ctx.queryParam("code");
        Optional<Client> client = store.clients()
                .findByClientId(realm.id(), AccountConsoleClient.CLIENT_ID)
                .filter(Client::enabled);
        if (code == null || client.isEmpty()) {
            failed(ctx, realm, "The account console is not available in this realm.");
            return;
        }
        String issuer = requestInfo.issuer(ctx, realm.name());
        IssuedTokens tokens;
        try {
            tokens = authorizationCode.handle(new TokenRequest(
                    ctx,
                    realm,
                    client.get(),
                    Params.of(Map.of(
                            "grant_type", List.of("authorization_code"),
                            "code", List.of(code),
                            "redirect_uri", List.of(guard.callbackUri(ctx, realm)),
                            "code_verifier", List.of(started.get().verifier()))),
                    issuer));
        } catch (OAuthError e) {
            failed(ctx, realm, "Sign-in did not complete: " + e.description() + ".");
            return;
        }
        Optional<JWTClaimsSet> idToken = tokens.idToken()
                .flatMap(t -> verifier.verifySignature(realm, t, JOSEObjectType.JWT))
                .filter(c -> valid(c, issuer, started.get().nonce()));
        Optional<SessionService.Active> active = idToken.flatMap(c -> claim(c, "sid"))
                .flatMap(sid -> sessions.byId(realm, sid))
                .filter(a -> a.user().id().equals(idToken.get().getSubject()));
        if (active.isEmpty()) {
            failed(ctx, realm, "The identity token could not be verified.");
            return;
        }
        consoleSessions.start(
                ctx,
                realm.name(),
                new AccountConsoleSession(
                        realm.id(),
                        active.get().user().id(),
                        active.get().session().id(),
                        tokens.idToken().orElseThrow()),
                secure);
        pages.render(
                ctx,
                200,
                "account/continue.jte",
                Map.of("realmName", realm.name(), "target", started.get().returnTo()));
    }

    private boolean valid(JWTClaimsSet claims, String issuer, String nonce) {
        return issuer.equals(claims.getIssuer())
                && claims.getAudience().contains(AccountConsoleClient.CLIENT_ID)
                && claim(claims, "nonce").filter(nonce::equals).isPresent()
                && claims.getExpirationTime() != null
                && claims.getExpirationTime().toInstant().isAfter(clock.instant());
    }

    private static Optional<String> claim(JWTClaimsSet claims, String name) {
        try {
            return Optional.ofNullable(claims.getStringClaim(name));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private void failed(Context ctx, Realm realm, String message) {
        pages.render(
                ctx,
                400,
                "account/message.jte",
                Map.of(
                        "realmName",
                        realm.name(),
                        "title",
                        "Cannot sign in to your account",
                        "message",
                        message,
                        "linkText",
                        "Start again",
                        "linkHref",
                        AccountPaths.of(AccountPaths.HOME, realm.name())));
    }
}
