package dev.curfew.server.oidc.authorize;

import dev.curfew.core.client.ClientIds;
import dev.curfew.core.realm.Realm;
import dev.curfew.engine.otp.OtpService;
import dev.curfew.engine.realm.Maintenance;
import dev.curfew.engine.session.SessionService;
import dev.curfew.engine.token.AuthMethods;
import dev.curfew.server.http.Pages;
import dev.curfew.server.http.RequestInfo;
import dev.curfew.server.oidc.Params;
import dev.curfew.server.oidc.RealmResolver;
import dev.curfew.server.session.SessionCookie;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.util.Optional;

/**
 * The authorization endpoint (OIDC Core §3.1.2): validates the request, then either answers at once from
 * a valid SSO session (single sign-on), or shows the login page.
 */
public final class AuthorizationEndpoint implements Handler {
    private final RealmResolver realms;
    private final AuthorizationRequestParser parser;
    private final AuthorizationResponder responder;
    private final SessionService sessions;
    private final OtpService otp;
    private final Maintenance maintenance;
    private final LoginForm loginForm;
    private final Pages pages;
    private final RequestInfo requestInfo;
    private final Clock clock;

    public AuthorizationEndpoint(
            RealmResolver realms,
            AuthorizationRequestParser parser,
            AuthorizationResponder responder,
            SessionService sessions,
            OtpService otp,
            Maintenance maintenance,
            LoginForm loginForm,
            Pages pages,
            RequestInfo requestInfo,
            Clock clock) {
        this.realms = realms;
        this.parser = parser;
        this.responder = responder;
        this.sessions = sessions;
        this.otp = otp;
        this.maintenance = maintenance;
        this.loginForm = loginForm;
        this.pages = pages;
        this.requestInfo = requestInfo;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx) {
        Optional<Realm> found = realms.requireForPage(ctx);
        if (found.isEmpty()) {
            return;
        }
        Realm realm = found.get();
        String issuer = requestInfo.issuer(ctx, realm.name());
        AuthorizationRequest request;
        try {
            Params.Lenient params = Params.lenientQueryOrForm(ctx);
            request = parser.parse(realm, params.params(), params.repeated());
        } catch (AuthorizationErrors.Untrusted e) {
            pages.error(ctx, 400, "Cannot sign in", e.getMessage());
            return;
        } catch (AuthorizationErrors.Redirectable e) {
            responder.redirectWithError(ctx, e.redirectUri(), e.state(), e.error(), e.getMessage(), issuer);
            return;
        } catch (dev.curfew.server.http.OAuthError e) {
            pages.error(ctx, 400, "Cannot sign in", e.description());
            return;
        }
        Optional<SessionService.Active> active =
                SessionCookie.read(ctx).flatMap(secret -> sessions.fromCookie(realm, secret));
        boolean fresh = active.isPresent()
                && !request.promptLogin()
                && withinMaxAge(request, active.get())
                && !lacksRequiredSecondFactor(realm, request, active.get());
        if (fresh) {
            // Single sign-on: the browser already has a valid session in this realm.
            responder.redirectWithCode(ctx, realm, request, active.get().session(), issuer);
            return;
        }
        if (request.promptNone()) {
            responder.redirectWithError(
                    ctx, request.redirectUri(), request.state(), "login_required", "The user is not signed in", issuer);
            return;
        }
        loginForm.show(
                ctx,
                realm,
                request.raw(),
                200,
                // During a maintenance window the form stays, for the realm's administrators, with the notice.
                maintenance.find(realm).filter(w -> w.inForce(clock.instant())).map(MaintenanceNotice::text),
                request.raw().getOrDefault("login_hint", ""),
                requestInfo.secure(ctx));
    }

    /**
     * A session signed in with a password alone, of a user the realm's two-factor policy now covers, gives no
     * single sign-on: they sign in again, with their code. Only the account console, where they enrol, takes it.
     */
    private boolean lacksRequiredSecondFactor(Realm realm, AuthorizationRequest request, SessionService.Active active) {
        return !active.session().authMethods().contains(AuthMethods.OTP)
                && !request.client().clientId().equals(ClientIds.ACCOUNT_CONSOLE)
                && otp.requiresSecondFactor(realm, active.session().userId());
    }

    /** OIDC Core §3.1.2.1 max_age: the last authentication must be at most that many seconds ago. */
    private boolean withinMaxAge(AuthorizationRequest request, SessionService.Active active) {
        return request.maxAgeSeconds()
                .map(max -> active.session().createdAt().plusSeconds(max).isAfter(clock.instant()))
                .orElse(true);
    }
}
