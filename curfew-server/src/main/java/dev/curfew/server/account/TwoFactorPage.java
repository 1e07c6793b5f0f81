package dev.curfew.server.account;

import dev.curfew.engine.otp.OtpService;
import dev.curfew.server.http.Pages;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;

/**
 * The two-factor page: with an authenticator, how many recovery codes are left and a form to remove it; without,
 * a new secret to enrol ({@link OtpService#begin}), stored only once the user confirms it with a first code
 * ({@link ConfirmAuthenticatorEndpoint}).
 */
public final class TwoFactorPage implements Handler {
    private final AccountGuard guard;
    private final OtpService otp;
    private final Pages pages;

    public TwoFactorPage(AccountGuard guard, OtpService otp, Pages pages) {
        this.guard = guard;
        this.otp = otp;
        this.pages = pages;
    }

    @Override
    public void handle(Context ctx) {
        Optional<SignedIn> signedIn = guard.forPage(ctx, AccountPaths.TWO_FACTOR);
        if (signedIn.isEmpty()) {
            return;
        }
        SignedIn user = signedIn.get();
        var common = AccountPages.common(ctx, user, guard, "two-factor");
        if (otp.hasAuthenticator(user.user())) {
            TwoFactorView.enrolled(ctx, pages, common, otp.recoveryCodesLeft(user.user()));
        } else {
            TwoFactorView.enrolling(ctx, pages, common, otp.begin(user.realm(), user.user()), 200, "");
        }
    }
}
