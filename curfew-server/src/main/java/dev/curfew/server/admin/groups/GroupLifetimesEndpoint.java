package dev.curfew.server.admin.groups;

import dev.curfew.core.group.Group;
import dev.curfew.core.group.GroupLifetimes;
import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.signout.SignOutInput;
import dev.curfew.server.http.Problem;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;

/**
 * {@code GET} and {@code DELETE /admin/realms/{realm}/groups/{id}/lifetimes}: a group's shorter token lifetimes (set by
 * the high-risk-period playbook), and ending them before their time. GET answers {@code 404} when the group has none;
 * {@code active} says whether they still apply.
 */
public final class GroupLifetimesEndpoint {
    /** Lifetimes in seconds, times as ISO-8601 instants. */
    public record LifetimesRepresentation(
            String groupId,
            String group,
            long accessTokenLifespan,
            long refreshTokenLifespan,
            String until,
            boolean active) {
        static LifetimesRepresentation of(Group group, GroupLifetimes l, Instant now) {
            return new LifetimesRepresentation(
                    group.id(),
                    group.name(),
                    l.accessTokenLifespan().toSeconds(),
                    l.refreshTokenLifespan().toSeconds(),
                    l.until().toString(),
                    l.activeAt(now));
        }
    }

    private GroupLifetimesEndpoint() {}

    public static RealmHandler get(Store store, Lookups lookups, Clock clock) {
        return (Context ctx, Realm realm, AdminPrincipal admin) -> {
            Group group = lookups.group(realm, ctx.pathParam("id"));
            GroupLifetimes l = store.groups()
                    .lifetimes(group.id())
                    .orElseThrow(() -> Problem.notFound("Group '" + group.name() + "' has no shorter token lifetimes"));
            ctx.json(LifetimesRepresentation.of(group, l, clock.instant()));
        };
    }

    /** The audit action of lifetimes ended before their time. */
    public static final String CLEARED = "group.lifetimes-cleared";

    /** Ends them now (the realm's lifetimes apply to tokens issued from now on); audited with the optional reason. */
    public static RealmHandler delete(Store store, Lookups lookups, AuditLog audit, RequestInfo requestInfo) {
        return (Context ctx, Realm realm, AdminPrincipal admin) -> {
            Group group = lookups.group(realm, ctx.pathParam("id"));
            String reason = ctx.queryParam("reason") == null ? "High-risk period ended" : ctx.queryParam("reason");
            FieldProblems problems = new FieldProblems();
            SignOutInput.checkReason(reason, problems);
            problems.throwIfAny();
            AuditLog.Actor actor = Actors.of(ctx, admin, Privilege.SYSTEM_ADMINISTRATOR, realm.name(), requestInfo);
            boolean cleared = store.inTransaction(tx -> {
                if (!tx.groups().clearLifetimes(group.id())) {
                    return false;
                }
                audit.record(
                        tx, realm.id(), actor, CLEARED, reason.strip(), java.util.Map.of("group", group.name()), 0);
                return true;
            });
            if (!cleared) {
                throw Problem.notFound("Group '" + group.name() + "' has no shorter token lifetimes");
            }
            ctx.status(204);
        };
    }
}
