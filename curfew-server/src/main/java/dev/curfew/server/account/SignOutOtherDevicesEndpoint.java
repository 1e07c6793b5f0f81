package dev.curfew.server.account;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.util.Optional;

/** "Sign out all other devices": every session of the user except this one, in one session-scope sign-out. */
public final class SignOutOtherDevicesEndpoint implements Handler {
    private final AccountGuard guard;
    private final UserDevices devices;
    private final SelfSignOut selfSignOut;

    public SignOutOtherDevicesEndpoint(AccountGuard guard, UserDevices devices, SelfSignOut selfSignOut) {
        this.guard = guard;
        this.devices = devices;
        this.selfSignOut = selfSignOut;
    }

    @Override
    public void handle(Context ctx) {
        Optional<SignedIn> signedIn = guard.forForm(ctx);
        if (signedIn.isEmpty()) {
            return;
        }
        SignedIn user = signedIn.get();
        long ended = selfSignOut.signOut(ctx, user, devices.otherSessionIds(user), SelfSignOut.REASON);
        user.console().flash(Flash.success(OtherDevices.signedOut(ended)));
        ctx.redirect(AccountPaths.of(AccountPaths.HOME, user.realm().name()), HttpStatus.SEE_OTHER);
    }
}
