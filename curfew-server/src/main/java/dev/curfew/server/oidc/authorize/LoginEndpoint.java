package dev.curfew.server.oidc.authorize;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.user.User;
import dev.curfew.engine.bruteforce.Waits;
import dev.curfew.engine.session.SessionService;
import dev.curfew.engine.user.Authentication;
import dev.curfew.engine.user.UserService;
import dev.curfew.server.http.Pages;
import dev.curfew.server.http.RequestInfo;
import dev.curfew.server.oidc.Params;
import dev.curfew.server.oidc.RealmResolver;
import dev.curfew.server.session.SessionCookie;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;
import java.util.Set;

/**
 * Receives the login form: checks the CSRF token, re-validates the authorization request it carries,
 * verifies the password, starts a new SSO session (ending the browser's previous one), and answers the
 * authorization request with a code. A wrong password, an unknown user and a locked account get the same page;
 * an address refused by brute-force protection gets 429 with {@code Retry-After}.
 */
public final class LoginEndpoint implements Handler {
    private final RealmResolver realms;
    private final AuthorizationRequestParser parser;
    private final AuthorizationResponder responder;
    private final UserService users;
    private final SessionService sessions;
    private final LoginForm loginForm;
    private final Pages pages;
    private final RequestInfo requestInfo;

    public LoginEndpoint(
            RealmResolver realms,
            AuthorizationRequestParser parser,
            AuthorizationResponder responder,
            UserService users,
            SessionService sessions,
            LoginForm loginForm,
            Pages pages,
            RequestInfo requestInfo) {
        this.realms = realms;
        this.parser = parser;
        this.responder = responder;
        this.users = users;
        this.sessions = sessions;
        this.loginForm = loginForm;
        this.pages = pages;
        this.requestInfo = requestInfo;
    }

    @Override
    public void handle(Context ctx) {
        Optional<Realm> found = realms.requireForPage(ctx);
        if (found.isEmpty()) {
            return;
        }
        Realm realm = found.get();
        String issuer = requestInfo.issuer(ctx, realm.name());
        if (!LoginForm.csrfValid(ctx)) {
            pages.error(
                    ctx,
                    400,
                    "Sign-in expired",
                    "The sign-in form expired or came from another site. Go back to the application and start again.");
            return;
        }
        Params params;
        AuthorizationRequest request;
        try {
            params = Params.form(ctx);
            request = parser.parse(realm, params);
        } catch (AuthorizationErrors.Untrusted | dev.curfew.server.http.OAuthError e) {
            pages.error(ctx, 400, "Cannot sign in", e.getMessage());
            return;
        } catch (AuthorizationErrors.Redirectable e) {
            responder.redirectWithError(ctx, e.redirectUri(), e.state(), e.error(), e.getMessage(), issuer);
            return;
        }
        String username = params.get("username").orElse("");
        Authentication result =
                users.authenticate(realm, username, params.get("password").orElse(""), requestInfo.signInAttempt(ctx));
        User user;
        switch (result) {
            case Authentication.Success success -> user = success.user();
            case Authentication.Refused refused -> {
                refuse(ctx, realm, request, username, 401, "Invalid username or password.");
                return;
            }
            case Authentication.Throttled throttled -> {
                ctx.header("Retry-After", Waits.retryAfter(throttled.retryAfter()));
                refuse(
                        ctx,
                        realm,
                        request,
                        username,
                        429,
                        "Too many failed sign-ins from your network. Try again in "
                                + Waits.describe(throttled.retryAfter()) + ".");
                return;
            }
        }
        SessionCookie.read(ctx)
                .flatMap(secret -> sessions.fromCookie(realm, secret))
                .ifPresent(previous -> sessions.end(realm, previous.session().id()));
        SessionService.Started started =
                sessions.start(realm, user, requestInfo.clientIp(ctx), ctx.userAgent(), Set.of("pwd"), issuer);
        SessionCookie.set(ctx, realm.name(), started.cookieSecret(), requestInfo.secure(ctx));
        responder.redirectWithCode(ctx, realm, request, started.session(), issuer);
    }

    /** The login form again, with the message and the name typed (never the password). */
    private void refuse(
            Context ctx, Realm realm, AuthorizationRequest request, String username, int status, String message) {
        loginForm.show(ctx, realm, request.raw(), status, Optional.of(message), username, requestInfo.secure(ctx));
    }
}
