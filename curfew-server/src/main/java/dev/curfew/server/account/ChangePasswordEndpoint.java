package dev.curfew.server.account;

import dev.curfew.core.password.PasswordRules;
import dev.curfew.engine.bruteforce.Waits;
import dev.curfew.engine.ssf.Initiator;
import dev.curfew.engine.user.Authentication;
import dev.curfew.engine.user.UserService;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.util.Optional;

/**
 * Changes the signed-in user's password: the current one must be right (a session left open on a shared
 * computer is not enough), the new one must meet the realm's password policy and be typed twice alike. On
 * success the other devices are signed out unless the user unticked it. Results, good or bad, are shown
 * after a redirect (POST-redirect-GET); passwords are never put back into the form. A wrong current password counts
 * for brute-force protection like a failed sign-in.
 */
public final class ChangePasswordEndpoint implements Handler {
    public static final String CURRENT = "current_password";
    public static final String NEW = "new_password";
    public static final String AGAIN = "new_password_again";
    public static final String SIGN_OUT_OTHERS = "sign_out_others";

    private final AccountGuard guard;
    private final UserService users;
    private final UserDevices devices;
    private final SelfSignOut selfSignOut;
    private final RequestInfo requestInfo;

    public ChangePasswordEndpoint(
            AccountGuard guard,
            UserService users,
            UserDevices devices,
            SelfSignOut selfSignOut,
            RequestInfo requestInfo) {
        this.guard = guard;
        this.users = users;
        this.devices = devices;
        this.selfSignOut = selfSignOut;
        this.requestInfo = requestInfo;
    }

    @Override
    public void handle(Context ctx) {
        Optional<SignedIn> signedIn = guard.forForm(ctx);
        if (signedIn.isEmpty()) {
            return;
        }
        SignedIn user = signedIn.get();
        String current = Optional.ofNullable(ctx.formParam(CURRENT)).orElse("");
        String chosen = Optional.ofNullable(ctx.formParam(NEW)).orElse("");
        String again = Optional.ofNullable(ctx.formParam(AGAIN)).orElse("");
        Optional<Flash> problem = check(user.realm().settings().passwordRules(), user, chosen, again, current);
        if (problem.isEmpty()) {
            problem = verify(ctx, user, current);
        }
        if (problem.isEmpty()) {
            // The history needs the stored hashes: checked once the current password is known to be right.
            problem = users.newPasswordProblem(user.realm().settings().passwordRules(), user.user(), chosen)
                    .map(p -> Flash.error("new-password", "The new " + p + "."));
        }
        if (problem.isPresent()) {
            user.console().flash(problem.get());
            ctx.redirect(AccountPaths.of(AccountPaths.PASSWORD, user.realm().name()), HttpStatus.SEE_OTHER);
            return;
        }
        users.setPassword(user.user(), chosen, Initiator.USER);
        String message = "Your password was changed.";
        if (ctx.formParam(SIGN_OUT_OTHERS) != null) {
            long ended =
                    selfSignOut.signOut(ctx, user, devices.otherSessionIds(user), SelfSignOut.REASON_AFTER_PASSWORD);
            message += " " + OtherDevices.signedOut(ended);
        }
        user.console().flash(Flash.success(message));
        ctx.redirect(AccountPaths.of(AccountPaths.HOME, user.realm().name()), HttpStatus.SEE_OTHER);
    }

    /** The problem with the current password, if any. */
    private Optional<Flash> verify(Context ctx, SignedIn user, String current) {
        Authentication result =
                users.authenticate(user.realm(), user.user().username(), current, requestInfo.signInAttempt(ctx));
        return switch (result) {
            case Authentication.Success success
            when success.user().id().equals(user.user().id()) -> Optional.empty();
            case Authentication.Throttled throttled ->
                Optional.of(Flash.error(
                        "current-password",
                        "Too many failed attempts from your network. Try again in "
                                + Waits.describe(throttled.retryAfter()) + "."));
            default -> Optional.of(Flash.error("current-password", "Your current password is not correct."));
        };
    }

    /** The first problem with the form that needs no password hashing to find. */
    private static Optional<Flash> check(
            PasswordRules rules, SignedIn user, String chosen, String again, String current) {
        if (current.isEmpty()) {
            return Optional.of(Flash.error("current-password", "Enter your current password."));
        }
        Optional<String> policy =
                rules.check(chosen, user.user().username(), user.user().email());
        if (policy.isPresent()) {
            return Optional.of(Flash.error("new-password", "The new " + policy.get() + "."));
        }
        if (!chosen.equals(again)) {
            return Optional.of(Flash.error("new-password-again", "The two new passwords do not match."));
        }
        if (chosen.equals(current)) {
            return Optional.of(Flash.error("new-password", "The new password must differ from the current one."));
        }
        return Optional.empty();
    }
}
