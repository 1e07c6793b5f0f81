package dev.curfew.server.account;

import dev.curfew.engine.otp.OtpService;
import dev.curfew.server.http.Pages;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Optional;

/**
 * Confirms an enrolment with the first code of the user's app: the authenticator is stored and the ten recovery
 * codes are shown, this once (only their hashes are kept). The secret comes back in the form, as the page showed
 * it: a form that the CSRF token and the signed-in session protect, which could set no more than the user can. A
 * wrong code shows the same secret again.
 */
public final class ConfirmAuthenticatorEndpoint implements Handler {
    public static final String SECRET = "secret";
    public static final String CODE = "code";

    private final AccountGuard guard;
    private final OtpService otp;
    private final Pages pages;

    public ConfirmAuthenticatorEndpoint(AccountGuard guard, OtpService otp, Pages pages) {
        this.guard = guard;
        this.otp = otp;
        this.pages = pages;
    }

    @Override
    public void handle(Context ctx) {
        Optional<SignedIn> signedIn = guard.forForm(ctx);
        if (signedIn.isEmpty()) {
            return;
        }
        SignedIn user = signedIn.get();
        String page = AccountPaths.of(AccountPaths.TWO_FACTOR, user.realm().name());
        if (otp.hasAuthenticator(user.user())) {
            user.console().flash(Flash.error("", "You already have an authenticator. Remove it to set up another."));
            ctx.redirect(page, HttpStatus.SEE_OTHER);
            return;
        }
        String secret = Optional.ofNullable(ctx.formParam(SECRET)).orElse("");
        Optional<OtpService.Enrolment> enrolment = otp.again(user.realm(), user.user(), secret);
        if (enrolment.isEmpty()) {
            user.console().flash(Flash.error("", "The setup expired. Scan the new QR code."));
            ctx.redirect(page, HttpStatus.SEE_OTHER);
            return;
        }
        String code = Optional.ofNullable(ctx.formParam(CODE)).orElse("").strip();
        Optional<List<String>> recoveryCodes = otp.confirm(user.user(), secret, code);
        var common = AccountPages.common(ctx, user, guard, "two-factor");
        if (recoveryCodes.isEmpty()) {
            TwoFactorView.enrolling(
                    ctx,
                    pages,
                    common,
                    enrolment.get(),
                    400,
                    "That code is not right. Check the time on your phone and enter the code your app shows now.");
            return;
        }
        TwoFactorView.confirmed(ctx, pages, common, recoveryCodes.get());
    }
}
