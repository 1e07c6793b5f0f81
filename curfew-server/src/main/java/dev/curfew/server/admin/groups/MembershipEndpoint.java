package dev.curfew.server.admin.groups;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code PUT} (join) and {@code DELETE} (leave) {@code /admin/realms/{realm}/users/{id}/groups/{groupId}}: 204 either
 * way, also when the user already was, or was not, a member, as in Keycloak. Both the user and the group must be of
 * the realm in the path (404 otherwise). Joining a group grants nothing, so no privilege ceiling applies.
 */
public final class MembershipEndpoint implements RealmHandler {
    private final GroupAudit audit;
    private final Lookups lookups;
    private final boolean join;

    private MembershipEndpoint(GroupAudit audit, Lookups lookups, boolean join) {
        this.audit = audit;
        this.lookups = lookups;
        this.join = join;
    }

    public static MembershipEndpoint join(Store store, Lookups lookups, AuditLog audit, RequestInfo requestInfo) {
        return new MembershipEndpoint(new GroupAudit(store, audit, requestInfo), lookups, true);
    }

    public static MembershipEndpoint leave(Store store, Lookups lookups, AuditLog audit, RequestInfo requestInfo) {
        return new MembershipEndpoint(new GroupAudit(store, audit, requestInfo), lookups, false);
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        var user = lookups.user(realm, ctx.pathParam("id"));
        var group = lookups.group(realm, ctx.pathParam("groupId"));
        // Only a change is recorded: joining a group twice changes nothing the second time.
        Map<String, Object> detail = Map.of("group", group.name(), "username", user.username(), "userId", user.id());
        if (join) {
            audit.change(
                    ctx,
                    realm,
                    admin,
                    "group.member-added",
                    "Added to the group",
                    detail,
                    tx -> tx.groups().addMember(group.id(), user.id()));
        } else {
            audit.change(
                    ctx,
                    realm,
                    admin,
                    "group.member-removed",
                    "Removed from the group",
                    detail,
                    tx -> tx.groups().removeMember(group.id(), user.id()));
        }
        Responses.noContent(ctx);
    }
}
