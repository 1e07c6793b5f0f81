package dev.curfew.server.admin;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.util.Secrets;
import dev.curfew.server.audit.AuditLog;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.util.regex.Pattern;

/** Who is acting in an admin call, for the audit log: the administrator, the privilege used, the request. */
public final class Actors {
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

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
                admin.userId(), admin.username(), recorded.name(), requestId(ctx), requestInfo.clientIp(ctx));
    }

    /** The caller's {@code X-Request-Id} when it is a sane token, else a new one (echoed in the response). */
    public static String requestId(Context ctx) {
        String given = ctx.attribute("curfew.request-id");
        if (given != null) {
            return given;
        }
        String header = ctx.header("X-Request-Id");
        String id = header != null && REQUEST_ID.matcher(header).matches() ? header : Secrets.newId();
        ctx.attribute("curfew.request-id", id);
        ctx.header("X-Request-Id", id);
        return id;
    }
}
