package dev.curfew.server.admin.realms;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.signout.SignOutInput;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code POST /admin/realms/{realm}/partial-export?exportClients=true&exportGroupsAndRoles=true&exportUsers=true}:
 * the realm as JSON ({@link RealmExport}), as Keycloak's partial export answers it, and with Curfew's
 * {@code exportUsers} its users too — never a secret. Each flag is {@code true} or {@code false} (default). An export
 * holds the realm's whole configuration and its users, so it needs SYSTEM_ADMINISTRATOR, and is audited
 * ({@value #AUDIT_ACTION}), before it is written, with what it holds and the optional {@code reason} parameter.
 */
public final class PartialExportEndpoint implements RealmHandler {
    /** The audit action of an export. */
    public static final String AUDIT_ACTION = "realm.exported";

    /** What the audit log records of an export: what it was asked to hold. */
    record Detail(RealmExport.Options included) {}

    private final Store store;
    private final AuditLog audit;
    private final RequestInfo requestInfo;

    public PartialExportEndpoint(Store store, AuditLog audit, RequestInfo requestInfo) {
        this.store = store;
        this.audit = audit;
        this.requestInfo = requestInfo;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) throws IOException {
        FieldProblems problems = new FieldProblems();
        RealmExport.Options options = new RealmExport.Options(
                flag(ctx, "exportClients", problems),
                flag(ctx, "exportGroupsAndRoles", problems),
                flag(ctx, "exportUsers", problems));
        String reason = ctx.queryParam("reason") == null ? "Realm export" : ctx.queryParam("reason");
        SignOutInput.checkReason(reason, problems);
        problems.throwIfAny();
        // On record before a byte is written: an export that breaks off half-way has still left the server.
        AuditLog.Actor actor = Actors.of(ctx, admin, Privilege.SYSTEM_ADMINISTRATOR, realm.name(), requestInfo);
        store.inTransaction(
                tx -> audit.record(tx, realm.id(), actor, AUDIT_ACTION, reason.strip(), new Detail(options), 0));
        ctx.contentType("application/json");
        try (OutputStream out = ctx.outputStream()) {
            new RealmExport(store).write(realm, options, out);
        }
    }

    /** A flag of Keycloak's partial export: absent is false; anything but true or false is a 400 naming it. */
    private static boolean flag(Context ctx, String name, FieldProblems problems) {
        String value = ctx.queryParam(name);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        problems.add(name, "must be true or false");
        return false;
    }
}
