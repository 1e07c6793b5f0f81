package dev.curfew.server.account;

import dev.curfew.core.signout.SignOut;
import dev.curfew.core.signout.SignOutScope;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.engine.signout.SignOutService;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * A user signing out their own sessions. It goes through {@link SignOutService} like an administrator's
 * sign-out, so it is durable before the page answers, reaches everything the sessions issued, and is in
 * the realm's sign-out history and audit log — with the user as the actor and {@code SELF} as the
 * privilege that allowed it.
 */
public final class SelfSignOut {
    /** Recorded as the privilege: a user needs none to end their own sessions. */
    public static final String PRIVILEGE = AuditLog.Actor.SELF;

    public static final String REASON = "Signed out by the user from the account console";
    public static final String REASON_AFTER_PASSWORD =
            "Signed out by the user from the account console after changing their password";

    private final SignOutService signOuts;
    private final RequestInfo requestInfo;

    public SelfSignOut(SignOutService signOuts, RequestInfo requestInfo) {
        this.signOuts = signOuts;
        this.requestInfo = requestInfo;
    }

    /**
     * Ends the sessions, which the caller has checked are the user's own.
     *
     * @return how many sessions were ended (0 when there were none)
     */
    public long signOut(Context ctx, SignedIn user, List<String> ownSessionIds, String reason) {
        if (ownSessionIds.isEmpty()) {
            return 0;
        }
        SignOut done = signOuts.signOut(
                user.realm(),
                new SignOutScope.Sessions(ownSessionIds),
                reason,
                user.asActor(ctx, requestInfo),
                Optional.empty(),
                n -> {});
        return done.affectedSessions();
    }
}
