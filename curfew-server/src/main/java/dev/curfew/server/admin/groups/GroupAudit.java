package dev.curfew.server.admin.groups;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.signout.SignOutInput;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.util.function.Function;

/**
 * Every change to groups and memberships goes to the audit log with the change, in one transaction: membership
 * decides who a sign-out by group and a high-risk period reach, so who changed it, when and why must be on record.
 * Keycloak's group calls take no reason; an optional {@code reason} query parameter gives one.
 */
final class GroupAudit {
    private final Store store;
    private final AuditLog audit;
    private final RequestInfo requestInfo;

    GroupAudit(Store store, AuditLog audit, RequestInfo requestInfo) {
        this.store = store;
        this.audit = audit;
        this.requestInfo = requestInfo;
    }

    /**
     * Runs {@code change} in a transaction and, when it changed something (a true or non-null answer), records
     * {@code action} with {@code detail} in the same transaction.
     */
    <T> T change(
            Context ctx,
            Realm realm,
            AdminPrincipal admin,
            String action,
            String defaultReason,
            Object detail,
            Function<Store, T> change) {
        String reason = ctx.queryParam("reason") == null ? defaultReason : ctx.queryParam("reason");
        FieldProblems problems = new FieldProblems();
        SignOutInput.checkReason(reason, problems);
        problems.throwIfAny();
        AuditLog.Actor actor = Actors.of(ctx, admin, Privilege.USER_ADMINISTRATOR, realm.name(), requestInfo);
        return store.inTransaction(tx -> {
            T result = change.apply(tx);
            if (result != null && !Boolean.FALSE.equals(result)) {
                audit.record(tx, realm.id(), actor, action, reason.strip(), detail, 1);
            }
            return result;
        });
    }
}
