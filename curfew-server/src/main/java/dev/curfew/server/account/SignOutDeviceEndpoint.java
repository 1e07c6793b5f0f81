package dev.curfew.server.account;

import dev.curfew.core.session.UserSession;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Optional;

/**
 * "Sign out" on one device: a session-scope sign-out of that session. The session id comes from the form,
 * so it is checked to be the signed-in user's own; anything else is refused with a 403 and changes nothing.
 */
public final class SignOutDeviceEndpoint implements Handler {
    public static final String FIELD = "session";

    private final AccountGuard guard;
    private final UserDevices devices;
    private final SelfSignOut selfSignOut;
    private final AccountConsoleSessions consoleSessions;
    private final RequestInfo requestInfo;

    public SignOutDeviceEndpoint(
            AccountGuard guard,
            UserDevices devices,
            SelfSignOut selfSignOut,
            AccountConsoleSessions consoleSessions,
            RequestInfo requestInfo) {
        this.guard = guard;
        this.devices = devices;
        this.selfSignOut = selfSignOut;
        this.consoleSessions = consoleSessions;
        this.requestInfo = requestInfo;
    }

    @Override
    public void handle(Context ctx) {
        Optional<SignedIn> signedIn = guard.forForm(ctx);
        if (signedIn.isEmpty()) {
            return;
        }
        SignedIn user = signedIn.get();
        Optional<UserSession> session = devices.own(user, ctx.formParam(FIELD));
        if (session.isEmpty()) {
            guard.forbidden(
                    ctx,
                    user,
                    "Not your session",
                    "That session is not one of yours, or it has already ended. Nothing was changed.");
            return;
        }
        selfSignOut.signOut(ctx, user, List.of(session.get().id()), SelfSignOut.REASON);
        String realm = user.realm().name();
        if (session.get().id().equals(user.thisDevice().id())) {
            // This browser's own session: the console session goes with it.
            consoleSessions.end(ctx, realm, requestInfo.secure(ctx));
            ctx.redirect(AccountPaths.of(AccountPaths.SIGNED_OUT, realm), HttpStatus.SEE_OTHER);
            return;
        }
        user.console()
                .flash(Flash.success(DeviceNames.of(session.get().userAgent()) + " ("
                        + session.get().ipAddress() + ") was signed out."));
        ctx.redirect(AccountPaths.of(AccountPaths.HOME, realm), HttpStatus.SEE_OTHER);
    }
}
