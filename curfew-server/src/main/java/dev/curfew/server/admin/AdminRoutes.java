package dev.curfew.server.admin;

import dev.curfew.server.Services;
import dev.curfew.server.admin.attackdetection.ClearAllBruteForceEndpoint;
import dev.curfew.server.admin.attackdetection.ClearBruteForceEndpoint;
import dev.curfew.server.admin.attackdetection.GetBruteForceStatusEndpoint;
import dev.curfew.server.admin.attackdetection.ListBruteForceEndpoint;
import dev.curfew.server.admin.audit.ListAuditEndpoint;
import dev.curfew.server.admin.audit.VerifyAuditEndpoint;
import dev.curfew.server.admin.clients.CreateClientEndpoint;
import dev.curfew.server.admin.clients.DeleteClientEndpoint;
import dev.curfew.server.admin.clients.GetClientEndpoint;
import dev.curfew.server.admin.clients.GetClientSecretEndpoint;
import dev.curfew.server.admin.clients.ListClientsEndpoint;
import dev.curfew.server.admin.clients.RegenerateClientSecretEndpoint;
import dev.curfew.server.admin.clients.UpdateClientEndpoint;
import dev.curfew.server.admin.deliveries.ClientDeliveryCountsEndpoint;
import dev.curfew.server.admin.deliveries.ListDeliveriesEndpoint;
import dev.curfew.server.admin.deliveries.RetryDeliveryEndpoint;
import dev.curfew.server.admin.deliveries.SignOutDeliveriesEndpoint;
import dev.curfew.server.admin.keys.ListKeysEndpoint;
import dev.curfew.server.admin.keys.RotateKeysEndpoint;
import dev.curfew.server.admin.privileges.GetPrivilegesEndpoint;
import dev.curfew.server.admin.privileges.ReplacePrivilegesEndpoint;
import dev.curfew.server.admin.realms.CreateRealmEndpoint;
import dev.curfew.server.admin.realms.DeleteRealmEndpoint;
import dev.curfew.server.admin.realms.GetRealmEndpoint;
import dev.curfew.server.admin.realms.ListRealmsEndpoint;
import dev.curfew.server.admin.realms.UpdateRealmEndpoint;
import dev.curfew.server.admin.sessions.ClientSessionStatsEndpoint;
import dev.curfew.server.admin.sessions.ClientUserSessionsEndpoint;
import dev.curfew.server.admin.sessions.SearchSessionsEndpoint;
import dev.curfew.server.admin.sessions.SessionStatsHistoryEndpoint;
import dev.curfew.server.admin.sessions.SessionViews;
import dev.curfew.server.admin.sessions.UserSessionsEndpoint;
import dev.curfew.server.admin.signout.CreateSignOutEndpoint;
import dev.curfew.server.admin.signout.GetSignOutEndpoint;
import dev.curfew.server.admin.signout.KeycloakSignOutEndpoints;
import dev.curfew.server.admin.signout.ListSignOutsEndpoint;
import dev.curfew.server.admin.ssf.AdminDeleteStreamEndpoint;
import dev.curfew.server.admin.ssf.ListStreamsEndpoint;
import dev.curfew.server.admin.users.CountUsersEndpoint;
import dev.curfew.server.admin.users.CreateUserEndpoint;
import dev.curfew.server.admin.users.DeleteUserEndpoint;
import dev.curfew.server.admin.users.GetUserEndpoint;
import dev.curfew.server.admin.users.ListUsersEndpoint;
import dev.curfew.server.admin.users.ResetPasswordEndpoint;
import dev.curfew.server.admin.users.UpdateUserEndpoint;
import io.javalin.config.RoutesConfig;

/**
 * The admin REST API under {@code /admin/realms}, with Keycloak's paths and shapes where they exist. The
 * full list, with privileges and examples, is in {@code docs/api-reference.md}.
 */
public final class AdminRoutes {
    private static final String REALM = "/admin/realms/{realm}";
    private static final String USERS = REALM + "/users";
    private static final String USER = USERS + "/{id}";
    private static final String CLIENTS = REALM + "/clients";
    private static final String CLIENT = CLIENTS + "/{id}";
    private static final String LOCKS = REALM + "/attack-detection/brute-force/users";

    private final Services s;

    public AdminRoutes(Services services) {
        this.s = services;
    }

    public void register(RoutesConfig routes) {
        var auth = s.adminAuth();
        var store = s.store();
        var lookups = new Lookups(store);
        var sessionViews = new SessionViews(store, s.sessionValidity());
        var ceiling = new PrivilegeCeiling(store);

        routes.get("/admin/realms", new ListRealmsEndpoint(store, auth));
        routes.post("/admin/realms", new CreateRealmEndpoint(s.realms(), auth, s.requestInfo()));
        routes.get(REALM, new GetRealmEndpoint(lookups, auth));
        routes.put(REALM, new UpdateRealmEndpoint(s.realms(), lookups, auth, s.signOuts(), s.requestInfo()));
        routes.delete(REALM, new DeleteRealmEndpoint(s.realms(), lookups, auth));
        routes.get(REALM + "/keys", new ListKeysEndpoint(s));
        routes.post(REALM + "/keys/rotations", new RotateKeysEndpoint(s));

        routes.post(USERS, new CreateUserEndpoint(s.users(), lookups, auth, s.requestInfo()));
        routes.get(USERS, new ListUsersEndpoint(store, lookups, auth));
        // Before USER, so that "count" is not taken for a user id.
        routes.get(USERS + "/count", new CountUsersEndpoint(store, lookups, auth));
        routes.get(USER, new GetUserEndpoint(lookups, auth));
        routes.put(
                USER,
                new UpdateUserEndpoint(
                        store, s.users(), lookups, auth, s.signOuts(), s.bruteForce(), s.requestInfo(), ceiling));
        routes.delete(USER, new DeleteUserEndpoint(store, lookups, auth, ceiling));
        routes.put(USER + "/reset-password", new ResetPasswordEndpoint(s.users(), lookups, auth, ceiling));
        routes.get(USER + "/sessions", new UserSessionsEndpoint(store, sessionViews, lookups, auth));
        routes.get(USER + "/privileges", new GetPrivilegesEndpoint(store, lookups, auth));
        routes.put(
                USER + "/privileges",
                new ReplacePrivilegesEndpoint(store, lookups, auth, ceiling, s.audit(), s.requestInfo()));

        routes.post(CLIENTS, new CreateClientEndpoint(store, lookups, auth, s.requestInfo(), s.clock(), s.outbound()));
        routes.get(CLIENTS, new ListClientsEndpoint(store, lookups, auth));
        routes.get(CLIENT, new GetClientEndpoint(lookups, auth));
        routes.put(CLIENT, new UpdateClientEndpoint(store, lookups, auth, s.outbound()));
        routes.delete(CLIENT, new DeleteClientEndpoint(store, lookups, auth));
        routes.get(CLIENT + "/client-secret", new GetClientSecretEndpoint(lookups, auth));
        routes.post(CLIENT + "/client-secret", new RegenerateClientSecretEndpoint(s.clients(), lookups, auth));
        routes.get(CLIENT + "/user-sessions", new ClientUserSessionsEndpoint(store, sessionViews, lookups, auth));
        routes.get(REALM + "/client-session-stats", new ClientSessionStatsEndpoint(store, lookups, auth));

        // Session control.
        routes.get(REALM + "/sessions", new SearchSessionsEndpoint(s));
        routes.get(REALM + "/session-stats", new SessionStatsHistoryEndpoint(s));
        routes.post(REALM + "/sign-outs", new CreateSignOutEndpoint(s));
        routes.get(REALM + "/sign-outs", new ListSignOutsEndpoint(s));
        routes.get(REALM + "/sign-outs/{id}", new GetSignOutEndpoint(s));
        routes.get(REALM + "/sign-outs/{id}/deliveries", new SignOutDeliveriesEndpoint(s));
        routes.get(REALM + "/deliveries", new ListDeliveriesEndpoint(s));
        routes.get(REALM + "/deliveries/counts", new ClientDeliveryCountsEndpoint(s));
        routes.post(REALM + "/deliveries/{id}/retry", new RetryDeliveryEndpoint(s));
        var keycloak = new KeycloakSignOutEndpoints(s);
        routes.post(REALM + "/logout-all", keycloak.logoutAll());
        routes.post(USER + "/logout", keycloak.userLogout());
        routes.delete(REALM + "/sessions/{session}", keycloak.deleteSession());
        routes.post(REALM + "/push-revocation", keycloak.pushRevocation());
        routes.get(REALM + "/ssf/streams", new ListStreamsEndpoint(s));
        routes.delete(REALM + "/ssf/streams/{id}", new AdminDeleteStreamEndpoint(s));
        // Brute-force protection, at Keycloak's paths.
        routes.get(LOCKS, new ListBruteForceEndpoint(s));
        routes.delete(LOCKS, new ClearAllBruteForceEndpoint(s));
        routes.get(LOCKS + "/{userId}", new GetBruteForceStatusEndpoint(s));
        routes.delete(LOCKS + "/{userId}", new ClearBruteForceEndpoint(s));
        routes.get(REALM + "/audit", new ListAuditEndpoint(s));
        routes.get(REALM + "/audit/verification", new VerifyAuditEndpoint(s));
    }
}
