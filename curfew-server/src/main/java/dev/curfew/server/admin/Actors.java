package dev.curfew.server.admin;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;

/** Who is acting in an admin call, for the audit log: the administrator, the privilege used, the request. */
public final class Actors {
    private Actors() {}

    /**
     * @param used the privilege the call required; recorded as {@code SYSTEM_ADMINISTRATOR} when only that
     *     one allowed it
     */
    public static AuditLog.Actor of(
            Context ctx, AdminPrincipal admin, Privilege used, String realmName, RequestInfo requestInfo) {
        Privilege recorded =
                admin.privileges().grants().stream().anyMatch(g -> g.privilege() == used && g.covers(realmName))
                        ? used
                        : Privilege.SYSTEM_ADMINISTRATOR;
        return new AuditLog.Actor(
                admin.userId(),
                admin.username(),
                recorded.name(),
                RequestInfo.requestId(ctx),
                requestInfo.clientIp(ctx));
    }
}
