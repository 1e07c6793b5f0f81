package dev.curfew.server.oidc.token.grants;

import dev.curfew.core.realm.MaintenanceWindow;
import dev.curfew.core.user.User;
import dev.curfew.engine.bruteforce.SignInAttempt;
import dev.curfew.engine.bruteforce.Waits;
import dev.curfew.engine.otp.OtpService;
import dev.curfew.engine.realm.Maintenance;
import dev.curfew.engine.session.SessionLimitReached;
import dev.curfew.engine.session.SessionService;
import dev.curfew.engine.token.AuthMethods;
import dev.curfew.engine.token.IssuedTokens;
import dev.curfew.engine.token.Scopes;
import dev.curfew.engine.token.TokenIssuer;
import dev.curfew.engine.user.Authentication;
import dev.curfew.engine.user.UserService;
import dev.curfew.server.http.OAuthError;
import dev.curfew.server.http.RequestInfo;
import dev.curfew.server.oidc.authorize.MaintenanceNotice;
import dev.curfew.server.oidc.token.Grant;
import dev.curfew.server.oidc.token.TokenRequest;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 6749 §4.3, the resource owner password grant: only for clients that explicitly enable it (RFC 9700
 * §2.4 says it must not be used otherwise). Curfew's own command line uses it through {@code admin-cli}.
 * Each successful grant starts a session, so an administrator can see and end it like any other. Attempts count
 * for brute-force protection like the login form's: a locked account is {@code invalid_grant} like a wrong
 * password, an address refused for its failures is 429 {@code temporarily_unavailable} with {@code Retry-After}.
 * A user with an authenticator is refused: the grant has no place for a second factor, and a password alone must
 * not give their tokens. So is a user whom the realm's two-factor policy covers and who has no authenticator yet:
 * they enrol in the browser first.
 */
public final class PasswordGrant implements Grant {
    private final UserService users;
    private final Maintenance maintenance;
    private final Clock clock;
    private final OtpService otp;
    private final SessionService sessions;
    private final TokenIssuer issuer;
    private final RequestInfo requestInfo;

    public PasswordGrant(
            UserService users,
            OtpService otp,
            Maintenance maintenance,
            SessionService sessions,
            TokenIssuer issuer,
            RequestInfo requestInfo,
            Clock clock) {
        this.users = users;
        this.maintenance = maintenance;
        this.clock = clock;
        this.otp = otp;
        this.sessions = sessions;
        this.issuer = issuer;
        this.requestInfo = requestInfo;
    }

    @Override
    public String type() {
        return "password";
    }

    @Override
    public IssuedTokens handle(TokenRequest request) {
        if (!request.client().directAccessGrants()) {
            throw OAuthError.unauthorizedClient("This client may not use the password grant");
        }
        String username = request.params().require("username");
        String password = request.params().require("password");
        SignInAttempt attempt = requestInfo.signInAttempt(request.ctx());
        User user = switch (users.authenticate(request.realm(), username, password, attempt)) {
            case Authentication.Success success -> success.user();
            case Authentication.Refused refused -> throw OAuthError.invalidGrant("Invalid user credentials");
            case Authentication.Throttled throttled ->
                throw OAuthError.temporarilyUnavailable(
                        429,
                        "Too many failed sign-ins from this address; try again in "
                                + Waits.describe(throttled.retryAfter()),
                        throttled.retryAfter());
        };
        if (otp.hasAuthenticator(user)) {
            throw OAuthError.invalidGrant("This user signs in with a second factor, which the password grant cannot"
                    + " carry; use the authorization code flow");
        }
        if (otp.mustEnrol(request.realm(), user)) {
            throw OAuthError.invalidGrant("The realm requires two-factor authentication and this user has not enrolled"
                    + " an authenticator yet; two-factor enrolment is required in the browser (authorization code"
                    + " flow) first");
        }
        Optional<MaintenanceWindow> paused = maintenance.refusing(request.realm(), user.id());
        if (paused.isPresent()) {
            // RFC 6749 §5.2 has no such code at the token endpoint; §4.1.2.1 defines it for the same condition.
            throw OAuthError.temporarilyUnavailable(
                    503, MaintenanceNotice.text(paused.get()), MaintenanceNotice.retryAfter(paused.get(), clock));
        }
        if (!users.requiredActions(user).isEmpty()) {
            // Keycloak's words for the same refusal: the user must first do their required actions in the browser.
            throw OAuthError.invalidGrant("Account is not fully set up");
        }
        // The session and the tokens are stored in one transaction: one commit for the whole sign-in.
        SessionService.Started started = sessions.newSession(
                request.realm(),
                user,
                attempt,
                request.ctx().userAgent(),
                Set.of(AuthMethods.PASSWORD),
                request.issuer());
        Scopes scopes = Scopes.granted(request.params().get("scope").orElse(""));
        try {
            return issuer.issueForNewSession(
                    new TokenIssuer.UserGrant(
                            request.issuer(),
                            request.realm(),
                            request.client(),
                            user,
                            started.session(),
                            scopes,
                            Optional.empty()),
                    tx -> sessions.record(
                            tx, request.realm(), user, request.client().id(), started.session(), attempt));
        } catch (SessionLimitReached e) {
            // The grant is valid but may not open another session: RFC 6749 §5.2 has no closer error.
            throw OAuthError.invalidGrant(e.getMessage());
        }
    }
}
