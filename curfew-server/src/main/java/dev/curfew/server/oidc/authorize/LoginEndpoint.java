package dev.curfew.server.oidc.authorize;

import dev.curfew.core.realm.MaintenanceWindow;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.user.User;
import dev.curfew.engine.bruteforce.Waits;
import dev.curfew.engine.otp.OtpService;
import dev.curfew.engine.realm.Maintenance;
import dev.curfew.engine.token.AuthMethods;
import dev.curfew.engine.user.Authentication;
import dev.curfew.engine.user.UserService;
import dev.curfew.server.http.Pages;
import dev.curfew.server.http.RequestInfo;
import dev.curfew.server.oidc.Params;
import dev.curfew.server.oidc.RealmResolver;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Receives the login form: checks the CSRF token, re-validates the authorization request it carries,
 * verifies the password, then either asks for the second factor ({@link OtpEndpoint}) of a user with an
 * authenticator, or goes on to what the user must do first ({@link RequiredActions}) and then starts a new SSO
 * session ({@link SignInCompletion}) and answers the authorization request with a code. A wrong password, an unknown user and a locked account get the same page; an address refused by
 * brute-force protection gets 429 with {@code Retry-After}.
 */
public final class LoginEndpoint implements Handler {
    private final RealmResolver realms;
    private final AuthorizationRequestParser parser;
    private final AuthorizationResponder responder;
    private final UserService users;
    private final OtpService otp;
    private final Maintenance maintenance;
    private final Clock clock;
    private final PendingSecondFactors pendingSecondFactors;
    private final RequiredActions requiredActions;
    private final LoginForm loginForm;
    private final OtpForm otpForm;
    private final Pages pages;
    private final RequestInfo requestInfo;

    public LoginEndpoint(
            RealmResolver realms,
            AuthorizationRequestParser parser,
            AuthorizationResponder responder,
            UserService users,
            OtpService otp,
            Maintenance maintenance,
            Clock clock,
            PendingSecondFactors pendingSecondFactors,
            RequiredActions requiredActions,
            LoginForm loginForm,
            OtpForm otpForm,
            Pages pages,
            RequestInfo requestInfo) {
        this.realms = realms;
        this.parser = parser;
        this.responder = responder;
        this.users = users;
        this.otp = otp;
        this.maintenance = maintenance;
        this.clock = clock;
        this.pendingSecondFactors = pendingSecondFactors;
        this.requiredActions = requiredActions;
        this.loginForm = loginForm;
        this.otpForm = otpForm;
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
        Optional<MaintenanceWindow> paused = maintenance.refusing(realm, user.id());
        if (paused.isPresent()) {
            // Decided only after the password, so that the page does not tell who administers the realm.
            ctx.header("Retry-After", Waits.retryAfter(MaintenanceNotice.retryAfter(paused.get(), clock)));
            pages.error(ctx, 503, "Sign-in paused", MaintenanceNotice.text(paused.get()));
            return;
        }
        if (otp.hasAuthenticator(user)) {
            pendingSecondFactors.start(ctx, realm, user, request.raw(), requestInfo.secure(ctx));
            otpForm.show(ctx, realm, 200, Optional.empty(), requestInfo.secure(ctx));
            return;
        }
        requiredActions.afterFactors(ctx, realm, request, user, Set.of(AuthMethods.PASSWORD), issuer);
    }

    /** The login form again, with the message and the name typed (never the password). */
    private void refuse(
            Context ctx, Realm realm, AuthorizationRequest request, String username, int status, String message) {
        loginForm.show(ctx, realm, request.raw(), status, Optional.of(message), username, requestInfo.secure(ctx));
    }
}
