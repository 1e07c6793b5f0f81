package dev.curfew.server.oidc.authorize;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.user.User;
import dev.curfew.server.http.Pages;
import dev.curfew.server.http.RequestInfo;
import dev.curfew.server.oidc.Params;
import dev.curfew.server.oidc.RealmResolver;
import dev.curfew.server.session.SessionCookie;
import dev.curfew.server.session.SessionService;
import dev.curfew.server.user.UserService;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;
import java.util.Set;

/**
 * Receives the login form: checks the CSRF token, re-validates the authorization request it carries,
 * verifies the password, starts a new SSO session (ending the browser's previous one), and answers the
 * authorization request with a code.
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
        Optional<User> user =
                users.authenticate(realm, username, params.get("password").orElse(""));
        if (user.isEmpty()) {
            loginForm.show(
                    ctx,
                    realm,
                    request.raw(),
                    401,
                    Optional.of("Invalid username or password."),
                    username,
                    requestInfo.secure(ctx));
            return;
        }
        SessionCookie.read(ctx)
                .flatMap(secret -> sessions.fromCookie(realm, secret))
                .ifPresent(previous -> sessions.end(realm, previous.session().id()));
        SessionService.Started started =
                sessions.start(realm, user.get(), requestInfo.clientIp(ctx), ctx.userAgent(), Set.of("pwd"), issuer);
        SessionCookie.set(ctx, realm.name(), started.cookieSecret(), requestInfo.secure(ctx));
        responder.redirectWithCode(ctx, realm, request, started.session(), issuer);
    }
}
