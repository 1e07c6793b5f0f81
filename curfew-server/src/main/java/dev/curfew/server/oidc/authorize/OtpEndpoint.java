package dev.curfew.server.oidc.authorize;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.engine.otp.OtpService;
import dev.curfew.engine.token.AuthMethods;
import dev.curfew.server.http.OAuthError;
import dev.curfew.server.http.Pages;
import dev.curfew.server.http.RequestInfo;
import dev.curfew.server.oidc.Params;
import dev.curfew.server.oidc.RealmResolver;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;
import java.util.Set;

/**
 * Receives the second factor of a login ({@link OtpForm}): a code of the user's authenticator, or one of their
 * recovery codes. A right one completes the login with {@code amr} {@code ["pwd","otp"]}; a wrong one counts toward
 * the brute-force lock ({@link OtpService#verify}) and shows the form again, until the login has had too many and
 * starts again from the password ({@link PendingSecondFactors#MAX_WRONG_CODES}).
 */
public final class OtpEndpoint implements Handler {
    private final RealmResolver realms;
    private final AuthorizationRequestParser parser;
    private final AuthorizationResponder responder;
    private final Store store;
    private final OtpService otp;
    private final PendingSecondFactors pending;
    private final RequiredActions requiredActions;
    private final LoginForm loginForm;
    private final OtpForm otpForm;
    private final Pages pages;
    private final RequestInfo requestInfo;

    public OtpEndpoint(
            RealmResolver realms,
            AuthorizationRequestParser parser,
            AuthorizationResponder responder,
            Store store,
            OtpService otp,
            PendingSecondFactors pending,
            RequiredActions requiredActions,
            LoginForm loginForm,
            OtpForm otpForm,
            Pages pages,
            RequestInfo requestInfo) {
        this.realms = realms;
        this.parser = parser;
        this.responder = responder;
        this.store = store;
        this.otp = otp;
        this.pending = pending;
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
        boolean secure = requestInfo.secure(ctx);
        Optional<PendingSecondFactors.Pending> waiting =
                LoginForm.csrfValid(ctx) ? pending.take(ctx, realm) : Optional.empty();
        Optional<User> user = waiting.flatMap(
                p -> store.users().findById(realm.id(), p.userId()).filter(User::enabled));
        if (user.isEmpty()) {
            pending.clear(ctx, realm, secure);
            pages.error(
                    ctx,
                    400,
                    "Sign-in expired",
                    "The sign-in expired or came from another site. Go back to the application and start again.");
            return;
        }
        String issuer = requestInfo.issuer(ctx, realm.name());
        AuthorizationRequest request;
        try {
            request = parser.parse(realm, new Params(waiting.get().authParams()));
        } catch (AuthorizationErrors.Untrusted | OAuthError e) {
            pending.clear(ctx, realm, secure);
            pages.error(ctx, 400, "Cannot sign in", e.getMessage());
            return;
        } catch (AuthorizationErrors.Redirectable e) {
            pending.clear(ctx, realm, secure);
            responder.redirectWithError(ctx, e.redirectUri(), e.state(), e.error(), e.getMessage(), issuer);
            return;
        }
        String code = Optional.ofNullable(ctx.formParam(OtpForm.FIELD)).orElse("");
        if (otp.verify(realm, user.get(), code, requestInfo.signInAttempt(ctx))) {
            pending.clear(ctx, realm, secure);
            requiredActions.afterFactors(
                    ctx, realm, request, user.get(), Set.of(AuthMethods.PASSWORD, AuthMethods.OTP), issuer);
            return;
        }
        if (pending.retry(ctx, realm, waiting.get())) {
            otpForm.show(ctx, realm, 401, Optional.of("Invalid code."), secure);
            return;
        }
        pending.clear(ctx, realm, secure);
        loginForm.show(
                ctx,
                realm,
                request.raw(),
                401,
                Optional.of("Too many invalid codes. Sign in again."),
                user.get().username(),
                secure);
    }
}
