package dev.curfew.server.account;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.user.User;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;

/** A console request whose SSO session is still valid: the realm, the user, this device's session. */
public record SignedIn(Realm realm, User user, UserSession thisDevice, AccountConsoleSession console) {

    /**
     * The user as the actor of what they do to their own account, for the audit log and the sign-out history:
     * {@code SELF} as the privilege that allowed it, since a user needs none.
     */
    public AuditLog.Actor asActor(Context ctx, RequestInfo requestInfo) {
        return new AuditLog.Actor(
                user.id(), user.username(), AuditLog.Actor.SELF, RequestInfo.requestId(ctx), requestInfo.clientIp(ctx));
    }
}
