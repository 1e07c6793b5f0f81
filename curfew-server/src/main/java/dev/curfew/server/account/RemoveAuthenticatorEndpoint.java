package dev.curfew.server.account;

import dev.curfew.engine.bruteforce.Waits;
import dev.curfew.engine.otp.OtpService;
import dev.curfew.engine.user.Authentication;
import dev.curfew.engine.user.UserService;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Removes the signed-in user's authenticator, once they proved they are the user and not someone at a computer
 * left signed in: with a code of the authenticator (six digits) or their current password. Either, when wrong,
 * counts as a failed sign-in for brute-force protection. Recorded in the audit log with {@code privilege: SELF}.
 */
public final class RemoveAuthenticatorEndpoint implements Handler {
    public static final String PROOF = "password_or_code";
    static final String REASON = "Removed by the user from the account console";
    private static final Pattern TOTP_CODE = Pattern.compile("\\d{6}");

    private final AccountGuard guard;
    private final UserService users;
    private final OtpService otp;
    private final RequestInfo requestInfo;

    public RemoveAuthenticatorEndpoint(AccountGuard guard, UserService users, OtpService otp, RequestInfo requestInfo) {
        this.guard = guard;
        this.users = users;
        this.otp = otp;
        this.requestInfo = requestInfo;
    }

    @Override
    public void handle(Context ctx) {
        Optional<SignedIn> signedIn = guard.forForm(ctx);
        if (signedIn.isEmpty()) {
            return;
        }
        SignedIn user = signedIn.get();
        String proof = Optional.ofNullable(ctx.formParam(PROOF)).orElse("");
        Optional<Flash> problem = proof.isBlank()
                ? Optional.of(Flash.error("password-or-code", "Enter your password or a code from your app."))
                : verify(ctx, user, proof);
        if (problem.isEmpty()) {
            otp.remove(user.realm(), user.user(), user.asActor(ctx, requestInfo), REASON);
        }
        user.console()
                .flash(problem.orElse(Flash.success(
                        "Two-factor authentication is off: your password alone signs you in. Your app's entry and"
                                + " your recovery codes no longer work.")));
        ctx.redirect(AccountPaths.of(AccountPaths.TWO_FACTOR, user.realm().name()), HttpStatus.SEE_OTHER);
    }

    private Optional<Flash> verify(Context ctx, SignedIn user, String proof) {
        if (TOTP_CODE.matcher(proof.strip()).matches()) {
            return otp.verify(user.realm(), user.user(), proof.strip(), requestInfo.signInAttempt(ctx))
                    ? Optional.empty()
                    : Optional.of(Flash.error("password-or-code", "That code is not right."));
        }
        Authentication result =
                users.authenticate(user.realm(), user.user().username(), proof, requestInfo.signInAttempt(ctx));
        return switch (result) {
            case Authentication.Success success
            when success.user().id().equals(user.user().id()) -> Optional.empty();
            case Authentication.Throttled throttled ->
                Optional.of(Flash.error(
                        "password-or-code",
                        "Too many failed attempts from your network. Try again in "
                                + Waits.describe(throttled.retryAfter()) + "."));
            default -> Optional.of(Flash.error("password-or-code", "That password is not correct."));
        };
    }
}
