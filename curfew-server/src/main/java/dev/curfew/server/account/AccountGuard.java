package dev.curfew.server.account;

import dev.curfew.core.realm.Realm;
import dev.curfew.engine.session.SessionService;
import dev.curfew.server.http.FormCsrf;
import dev.curfew.server.http.Pages;
import dev.curfew.server.http.RequestInfo;
import dev.curfew.server.oidc.Endpoints;
import dev.curfew.server.oidc.RealmResolver;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What every console page does first. Finds the realm and this browser's console session, then asks the
 * one validity rule about the SSO session behind it ({@link SessionService#byId}): a session signed out
 * by an administrator or from another device drops the console session at once, and the browser is sent
 * to sign in again. A browser without a console session starts the authorization code flow (with PKCE)
 * against the realm's own authorization endpoint, where an SSO cookie signs it in without a password.
 */
public final class AccountGuard {
    private static final FormCsrf CSRF = new FormCsrf("CURFEW_ACCOUNT_CSRF");

    private final RealmResolver realms;
    private final SessionService sessions;
    private final AccountConsoleSessions consoleSessions;
    private final PendingSignIns pending;
    private final RequestInfo requestInfo;
    private final Pages pages;

    public AccountGuard(
            RealmResolver realms,
            SessionService sessions,
            AccountConsoleSessions consoleSessions,
            PendingSignIns pending,
            RequestInfo requestInfo,
            Pages pages) {
        this.realms = realms;
        this.sessions = sessions;
        this.consoleSessions = consoleSessions;
        this.pending = pending;
        this.requestInfo = requestInfo;
        this.pages = pages;
    }

    /**
     * For a page (GET): the signed-in user, or empty after starting a sign-in that returns to
     * {@code returnTo} (or after a 404 page for an unknown realm).
     */
    public Optional<SignedIn> forPage(Context ctx, String returnTo) {
        Optional<Realm> realm = realms.requireForPage(ctx);
        if (realm.isEmpty()) {
            return Optional.empty();
        }
        Optional<SignedIn> signedIn = current(ctx, realm.get());
        if (signedIn.isEmpty()) {
            startSignIn(ctx, realm.get(), AccountPaths.of(returnTo, realm.get().name()));
        }
        return signedIn;
    }

    /**
     * For a form (POST): the signed-in user when the CSRF token matches; otherwise empty, after sending
     * the browser to sign in (303 to the console) or showing a 403 page for a missing or wrong token.
     */
    public Optional<SignedIn> forForm(Context ctx) {
        Optional<Realm> realm = realms.requireForPage(ctx);
        if (realm.isEmpty()) {
            return Optional.empty();
        }
        Optional<SignedIn> signedIn = current(ctx, realm.get());
        if (signedIn.isEmpty()) {
            ctx.header("Cache-Control", "no-store")
                    .redirect(AccountPaths.of(AccountPaths.HOME, realm.get().name()), HttpStatus.SEE_OTHER);
            return Optional.empty();
        }
        if (!CSRF.valid(ctx)) {
            forbidden(
                    ctx,
                    signedIn.get(),
                    "Form expired",
                    "This form expired or came from another site, so nothing was changed. Go back to your"
                            + " account and try again.");
            return Optional.empty();
        }
        return signedIn;
    }

    /** A fresh CSRF token for the forms of the page being rendered. */
    public String csrf(Context ctx, Realm realm) {
        return CSRF.issue(ctx, AccountPaths.cookiePath(realm.name()), requestInfo.secure(ctx));
    }

    /** The 403 page: the request asked for something this user may not do. Nothing was changed. */
    public void forbidden(Context ctx, SignedIn signedIn, String title, String message) {
        pages.render(
                ctx,
                403,
                "account/message.jte",
                Map.of(
                        "realmName",
                        signedIn.realm().name(),
                        "title",
                        title,
                        "message",
                        message,
                        "linkText",
                        "Back to your devices",
                        "linkHref",
                        AccountPaths.of(AccountPaths.HOME, signedIn.realm().name())));
    }

    private Optional<SignedIn> current(Context ctx, Realm realm) {
        Optional<AccountConsoleSession> console =
                consoleSessions.find(ctx).filter(c -> c.realmId().equals(realm.id()));
        if (console.isEmpty()) {
            return Optional.empty();
        }
        Optional<SessionService.Active> active = sessions.byId(
                        realm, console.get().sid())
                .filter(a -> a.user().id().equals(console.get().userId()));
        if (active.isEmpty()) {
            // Signed out elsewhere (an administrator, another device, a cut-off) or expired.
            consoleSessions.end(ctx, realm.name(), requestInfo.secure(ctx));
            return Optional.empty();
        }
        sessions.touch(active.get().session());
        return Optional.of(new SignedIn(realm, active.get().user(), active.get().session(), console.get()));
    }

    /** Sends the browser to the realm's authorization endpoint as the {@code account-console} client. */
    private void startSignIn(Context ctx, Realm realm, String returnTo) {
        PendingSignIns.Pending p = pending.start(ctx, realm, returnTo, requestInfo.secure(ctx));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", AccountConsoleClient.CLIENT_ID);
        params.put("redirect_uri", callbackUri(ctx, realm));
        params.put("scope", "openid");
        params.put("state", p.state());
        params.put("nonce", p.nonce());
        params.put("code_challenge", p.challenge());
        params.put("code_challenge_method", "S256");
        String url = Endpoints.AUTH.replace("{realm}", realm.name()) + "?" + AccountUrls.query(params);
        ctx.header("Cache-Control", "no-store").redirect(url, HttpStatus.FOUND);
    }

    /** The redirect URI registered for the console: at the base URL this request came in on. */
    public String callbackUri(Context ctx, Realm realm) {
        return requestInfo.baseUrl(ctx) + AccountPaths.of(AccountPaths.CALLBACK, realm.name());
    }

    public String signedOutUri(Context ctx, Realm realm) {
        return requestInfo.baseUrl(ctx) + AccountPaths.of(AccountPaths.SIGNED_OUT, realm.name());
    }
}
