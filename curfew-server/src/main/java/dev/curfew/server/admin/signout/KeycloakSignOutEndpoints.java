package dev.curfew.server.admin.signout;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.signout.SignOutScope;
import dev.curfew.core.store.Store;
import dev.curfew.engine.signout.SignOutService;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.http.Problem;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keycloak's sign-out endpoints, with Keycloak's paths, methods and answers, each a thin front on the
 * same {@link dev.curfew.engine.signout.SignOutService} as {@code /sign-outs} — so they are audited and in
 * the history too. Keycloak has no reason field; an optional {@code reason} query parameter is recorded,
 * else a reason naming the endpoint.
 */
public final class KeycloakSignOutEndpoints {
    /** Keycloak's GlobalRequestResult: the clients' admin URLs it pushed to (Curfew pushes none here). */
    static final Map<String, List<String>> NO_PUSHES =
            Map.of("successRequests", List.of(), "failedRequests", List.of());

    private final Store store;
    private final Lookups lookups;
    private final SignOutService signOuts;
    private final RequestInfo requestInfo;

    public KeycloakSignOutEndpoints(Store store, Lookups lookups, SignOutService signOuts, RequestInfo requestInfo) {
        this.store = store;
        this.lookups = lookups;
        this.signOuts = signOuts;
        this.requestInfo = requestInfo;
    }

    /** {@code POST /admin/realms/{realm}/logout-all}: signs out every session of the realm. */
    public RealmHandler logoutAll() {
        return (ctx, realm, admin) -> {
            signOut(ctx, realm, admin, new SignOutScope.Realm(), "logout-all");
            ctx.json(NO_PUSHES);
        };
    }

    /** {@code POST /admin/realms/{realm}/users/{id}/logout}: signs out every session of the user; 204. */
    public RealmHandler userLogout() {
        return (ctx, realm, admin) -> {
            var user = lookups.user(realm, ctx.pathParam("id"));
            signOut(ctx, realm, admin, new SignOutScope.User(user.id()), "users/{id}/logout");
            Responses.noContent(ctx);
        };
    }

    /** {@code DELETE /admin/realms/{realm}/sessions/{session}}: signs out one session; 204, or 404. */
    public RealmHandler deleteSession() {
        return (ctx, realm, admin) -> {
            String sid = ctx.pathParam("session");
            if (store.sessions()
                    .findById(sid)
                    .filter(x -> x.realmId().equals(realm.id()))
                    .isEmpty()) {
                throw Problem.notFound("No session with id '" + sid + "' in realm '" + realm.name() + "'");
            }
            signOut(ctx, realm, admin, new SignOutScope.Sessions(List.of(sid)), "DELETE sessions/{session}");
            Responses.noContent(ctx);
        };
    }

    /**
     * {@code POST /admin/realms/{realm}/push-revocation}: Keycloak pushes the realm's not-before to the
     * admin URLs of its clients. Curfew's clients learn of sign-outs through back-channel logout and the
     * revocation feed instead, so there is nothing to push; the answer has Keycloak's shape.
     */
    public RealmHandler pushRevocation() {
        return (ctx, realm, admin) -> ctx.json(NO_PUSHES);
    }

    private void signOut(Context ctx, Realm realm, AdminPrincipal admin, SignOutScope scope, String endpoint) {
        String reason = Optional.ofNullable(ctx.queryParam("reason"))
                .filter(r -> !r.isBlank())
                .map(String::strip)
                .orElse("Signed out through the Keycloak-compatible " + endpoint + " endpoint");
        if (reason.length() > SignOutInput.MAX_REASON) {
            throw Problem.badRequest("reason must be at most " + SignOutInput.MAX_REASON + " characters");
        }
        signOuts.signOut(
                realm,
                scope,
                reason,
                Actors.of(ctx, admin, Privilege.AUTH_ADMINISTRATOR, realm.name(), requestInfo),
                Optional.empty(),
                n -> {});
    }
}
