package dev.curfew.server.admin.privileges;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.privilege.PrivilegeGrant;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.PrivilegeCeiling;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.RequestBody;
import dev.curfew.server.http.Problem;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code PUT /admin/realms/master/users/{id}/privileges} with {@code [{"privilege":..., "realm":...}]}:
 * replaces the user's grants with exactly these, in one transaction, and returns them. Each realm must
 * exist (or be {@code "*"}), so a grant cannot wait for a realm someone creates later. Privileges travel in
 * admin tokens, so a change takes effect with the user's next token, at the latest when their current one
 * expires. A caller cannot remove their own {@code SYSTEM_ADMINISTRATOR@*}: the installation could be
 * left without anyone able to grant it back. Nobody grants what they do not hold, nor replaces the grants
 * of an administrator holding more than they do ({@link PrivilegeCeiling}); the route needs
 * {@code SYSTEM_ADMINISTRATOR@*} anyway, so this bites when that grant was taken away from the caller
 * while their token still carries it.
 */
public final class ReplacePrivilegesEndpoint implements RealmHandler {
    private static final TypeReference<List<PrivilegeGrantRepresentation>> GRANTS = new TypeReference<>() {};

    private final Store store;
    private final Lookups lookups;
    private final PrivilegeCeiling ceiling;
    private final AuditLog audit;
    private final RequestInfo requestInfo;

    public ReplacePrivilegesEndpoint(
            Store store, Lookups lookups, PrivilegeCeiling ceiling, AuditLog audit, RequestInfo requestInfo) {
        this.store = store;
        this.lookups = lookups;
        this.ceiling = ceiling;
        this.audit = audit;
        this.requestInfo = requestInfo;
    }

    @Override
    public void handle(Context ctx, Realm master, AdminPrincipal admin) {
        User user = MasterUsers.fromPath(ctx, master, lookups);
        Set<PrivilegeGrant> wanted = parse(user, RequestBody.read(ctx, GRANTS));
        ceiling.requireMayGrant(admin, wanted);
        ceiling.requireOver(admin, master, user, "replace the privileges of");
        PrivilegeGrant systemEverywhere =
                new PrivilegeGrant(user.id(), Privilege.SYSTEM_ADMINISTRATOR, PrivilegeGrant.ALL_REALMS);
        if (user.id().equals(admin.userId()) && !wanted.contains(systemEverywhere)) {
            throw Problem.badRequest("You cannot remove your own SYSTEM_ADMINISTRATOR privilege for all realms");
        }
        List<PrivilegeGrant> result = store.inTransaction(tx -> {
            List<PrivilegeGrant> existing = tx.privileges().forUser(user.id());
            existing.stream().filter(g -> !wanted.contains(g)).forEach(tx.privileges()::revoke);
            // Only what is missing: granting an existing grant inside a transaction trips the store's savepoint
            // handling (Duplicates.insertIfAbsent), and there is nothing to write for it anyway.
            wanted.stream().filter(g -> !existing.contains(g)).forEach(tx.privileges()::grant);
            List<PrivilegeGrant> now = tx.privileges().forUser(user.id());
            if (!Set.copyOf(existing).equals(Set.copyOf(now))) {
                audit.record(
                        tx,
                        user.realmId(),
                        Actors.of(ctx, admin, Privilege.SYSTEM_ADMINISTRATOR, "*", requestInfo),
                        "privileges",
                        Optional.ofNullable(ctx.queryParam("reason"))
                                .filter(r -> !r.isBlank())
                                .orElse("Privileges replaced"),
                        new PrivilegeChange(user.id(), user.username(), claims(existing), claims(now)),
                        now.size());
            }
            return now;
        });
        ctx.json(result.stream().map(PrivilegeGrantRepresentation::of).toList());
    }

    private Set<PrivilegeGrant> parse(User user, List<PrivilegeGrantRepresentation> grants) {
        FieldProblems problems = new FieldProblems();
        Set<PrivilegeGrant> parsed = new LinkedHashSet<>();
        for (int i = 0; i < grants.size(); i++) {
            PrivilegeGrantRepresentation grant = grants.get(i);
            if (grant == null) {
                problems.add("[" + i + "]", "must be an object with privilege and realm");
                continue;
            }
            Optional<Privilege> privilege = Privilege.parse(grant.privilege());
            if (privilege.isEmpty()) {
                problems.add(
                        "[" + i + "].privilege",
                        "unknown privilege '" + grant.privilege() + "'; known: " + List.of(Privilege.values()));
            }
            boolean realmOk = grant.realm() != null
                    && (grant.realm().equals(PrivilegeGrant.ALL_REALMS)
                            || store.realms().findByName(grant.realm()).isPresent());
            if (!realmOk) {
                problems.add("[" + i + "].realm", "must be \"*\" or the name of an existing realm");
            }
            if (privilege.isPresent() && realmOk) {
                parsed.add(new PrivilegeGrant(user.id(), privilege.get(), grant.realm()));
            }
        }
        problems.throwIfAny();
        return parsed;
    }

    /** What the audit log records of a privilege change. */
    record PrivilegeChange(String userId, String username, List<String> before, List<String> after) {}

    private static List<String> claims(List<PrivilegeGrant> grants) {
        return grants.stream().map(PrivilegeGrant::claimValue).sorted().toList();
    }
}
