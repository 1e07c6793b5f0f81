package dev.curfew.server.admin;

import static dev.curfew.core.privilege.Privilege.AUDITOR;
import static dev.curfew.core.privilege.Privilege.AUTH_ADMINISTRATOR;
import static dev.curfew.core.privilege.Privilege.CLIENT_ADMINISTRATOR;
import static dev.curfew.core.privilege.Privilege.SESSION_VIEWER;
import static dev.curfew.core.privilege.Privilege.STREAM_ADMINISTRATOR;
import static dev.curfew.core.privilege.Privilege.SYSTEM_ADMINISTRATOR;
import static dev.curfew.core.privilege.Privilege.USER_ADMINISTRATOR;
import static dev.curfew.server.admin.Access.administrator;
import static dev.curfew.server.admin.Access.anyOf;
import static dev.curfew.server.admin.Access.anyPrivilege;
import static dev.curfew.server.admin.Access.everywhere;
import static dev.curfew.server.admin.Access.of;
import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import dev.curfew.core.store.Store;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.engine.bruteforce.BruteForceProtection;
import dev.curfew.engine.client.ClientService;
import dev.curfew.engine.delivery.Dispatcher;
import dev.curfew.engine.keys.KeyRotation;
import dev.curfew.engine.keys.RealmKeys;
import dev.curfew.engine.otp.OtpService;
import dev.curfew.engine.outbound.OutboundPolicy;
import dev.curfew.engine.playbook.Playbooks;
import dev.curfew.engine.realm.Maintenance;
import dev.curfew.engine.realm.RealmService;
import dev.curfew.engine.signout.SignOutSchedules;
import dev.curfew.engine.signout.SignOutService;
import dev.curfew.engine.ssf.Transmitter;
import dev.curfew.engine.user.UserService;
import dev.curfew.engine.validity.SessionValidity;
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
import dev.curfew.server.admin.groups.CountGroupsEndpoint;
import dev.curfew.server.admin.groups.CreateGroupEndpoint;
import dev.curfew.server.admin.groups.DeleteGroupEndpoint;
import dev.curfew.server.admin.groups.GetGroupEndpoint;
import dev.curfew.server.admin.groups.GroupLifetimesEndpoint;
import dev.curfew.server.admin.groups.GroupMembersEndpoint;
import dev.curfew.server.admin.groups.ListGroupsEndpoint;
import dev.curfew.server.admin.groups.MembershipEndpoint;
import dev.curfew.server.admin.groups.UpdateGroupEndpoint;
import dev.curfew.server.admin.groups.UserGroupsEndpoint;
import dev.curfew.server.admin.keys.ListKeysEndpoint;
import dev.curfew.server.admin.keys.RotateKeysEndpoint;
import dev.curfew.server.admin.maintenance.ClearMaintenanceEndpoint;
import dev.curfew.server.admin.maintenance.GetMaintenanceEndpoint;
import dev.curfew.server.admin.maintenance.SetMaintenanceEndpoint;
import dev.curfew.server.admin.playbooks.ComplianceEndpoint;
import dev.curfew.server.admin.playbooks.CredentialSharingEndpoint;
import dev.curfew.server.admin.playbooks.EnforceTwoFactorEndpoint;
import dev.curfew.server.admin.playbooks.HighRiskPeriodEndpoint;
import dev.curfew.server.admin.playbooks.IncidentResponseEndpoint;
import dev.curfew.server.admin.playbooks.LostDeviceEndpoint;
import dev.curfew.server.admin.playbooks.MigrationEndpoint;
import dev.curfew.server.admin.playbooks.OffboardingEndpoint;
import dev.curfew.server.admin.playbooks.PasswordCompromiseEndpoint;
import dev.curfew.server.admin.playbooks.SystemUpdateEndpoint;
import dev.curfew.server.admin.privileges.GetPrivilegesEndpoint;
import dev.curfew.server.admin.privileges.ReplacePrivilegesEndpoint;
import dev.curfew.server.admin.realms.CreateRealmEndpoint;
import dev.curfew.server.admin.realms.DeleteRealmEndpoint;
import dev.curfew.server.admin.realms.GetRealmEndpoint;
import dev.curfew.server.admin.realms.ListRealmsEndpoint;
import dev.curfew.server.admin.realms.PartialExportEndpoint;
import dev.curfew.server.admin.realms.UpdateRealmEndpoint;
import dev.curfew.server.admin.sessions.ClientSessionStatsEndpoint;
import dev.curfew.server.admin.sessions.ClientUserSessionsEndpoint;
import dev.curfew.server.admin.sessions.SearchSessionsEndpoint;
import dev.curfew.server.admin.sessions.SessionReportEndpoint;
import dev.curfew.server.admin.sessions.SessionStatsHistoryEndpoint;
import dev.curfew.server.admin.sessions.SessionViews;
import dev.curfew.server.admin.sessions.SharingSuspectsEndpoint;
import dev.curfew.server.admin.sessions.UserSessionsEndpoint;
import dev.curfew.server.admin.signout.CancelSignOutEndpoint;
import dev.curfew.server.admin.signout.CreateSignOutEndpoint;
import dev.curfew.server.admin.signout.CreateSignOutScheduleEndpoint;
import dev.curfew.server.admin.signout.DeleteSignOutScheduleEndpoint;
import dev.curfew.server.admin.signout.GetSignOutEndpoint;
import dev.curfew.server.admin.signout.KeycloakSignOutEndpoints;
import dev.curfew.server.admin.signout.ListSignOutSchedulesEndpoint;
import dev.curfew.server.admin.signout.ListSignOutsEndpoint;
import dev.curfew.server.admin.ssf.AdminDeleteStreamEndpoint;
import dev.curfew.server.admin.ssf.ListStreamsEndpoint;
import dev.curfew.server.admin.users.CountUsersEndpoint;
import dev.curfew.server.admin.users.CreateUserEndpoint;
import dev.curfew.server.admin.users.DeleteAuthenticatorEndpoint;
import dev.curfew.server.admin.users.DeleteUserEndpoint;
import dev.curfew.server.admin.users.GetUserEndpoint;
import dev.curfew.server.admin.users.ListUsersEndpoint;
import dev.curfew.server.admin.users.RequireActionEndpoint;
import dev.curfew.server.admin.users.ResetPasswordEndpoint;
import dev.curfew.server.admin.users.UpdateUserEndpoint;
import dev.curfew.server.http.RequestInfo;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.util.List;

/**
 * The admin REST API under {@code /admin/realms}, with Keycloak's paths and shapes where they exist, as one table:
 * method, path, what the caller needs ({@link Access}, checked server-side before anything else) and the endpoint.
 * An endpoint whose privilege also depends on what it acts on (an administrator holding privileges, a Shared
 * Signals receiver) checks that itself, on top of the privilege stated here. The privilege table in
 * {@code docs/api-reference.md} is held to this one by a test.
 */
public record AdminRoutes(
        Store store,
        Clock clock,
        AdminAuth adminAuth,
        RealmService realms,
        RealmKeys keys,
        KeyRotation keyRotation,
        UserService users,
        OtpService otp,
        ClientService clients,
        SessionValidity sessionValidity,
        SignOutService signOuts,
        SignOutSchedules signOutSchedules,
        BruteForceProtection bruteForce,
        AuditLog audit,
        Dispatcher dispatcher,
        Transmitter transmitter,
        OutboundPolicy outbound,
        RequestInfo requestInfo,
        Playbooks playbooks,
        Maintenance maintenance) {
    private static final String REALMS = "/admin/realms";
    private static final String REALM = REALMS + "/{realm}";
    private static final String USERS = REALM + "/users";
    private static final String USER = USERS + "/{id}";
    private static final String GROUPS = REALM + "/groups";
    private static final String GROUP = GROUPS + "/{id}";
    private static final String PLAYBOOKS = REALM + "/playbooks";
    private static final String CLIENTS = REALM + "/clients";
    private static final String CLIENT = CLIENTS + "/{id}";
    private static final String LOCKS = REALM + "/attack-detection/brute-force/users";

    public void register(RoutesConfig routes) {
        table().forEach(r -> routes.addHttpHandler(r.method(), r.path(), r.handler()));
    }

    /** Every admin route, in the order they are registered. */
    public List<AdminRoute> table() {
        var lookups = new Lookups(store);
        var sessionViews = new SessionViews(store, sessionValidity);
        var ceiling = new PrivilegeCeiling(store);
        var keycloak = new KeycloakSignOutEndpoints(store, lookups, signOuts, requestInfo);
        var userReader = anyOf(USER_ADMINISTRATOR, SESSION_VIEWER, AUTH_ADMINISTRATOR);
        var clientReader = anyOf(CLIENT_ADMINISTRATOR, SESSION_VIEWER, AUTH_ADMINISTRATOR);
        var sessionReader = anyOf(SESSION_VIEWER, AUTH_ADMINISTRATOR);
        var signOutReader = anyOf(AUTH_ADMINISTRATOR, AUDITOR);
        return new AdminRouteTable(adminAuth, lookups)
                .add(GET, REALMS, administrator(), new ListRealmsEndpoint(store))
                .add(POST, REALMS, everywhere(SYSTEM_ADMINISTRATOR), new CreateRealmEndpoint(realms, requestInfo))
                .add(GET, REALM, anyPrivilege(), new GetRealmEndpoint())
                .add(
                        POST,
                        REALM + "/partial-export",
                        of(SYSTEM_ADMINISTRATOR),
                        new PartialExportEndpoint(store, audit, requestInfo))
                .add(PUT, REALM, of(SYSTEM_ADMINISTRATOR), new UpdateRealmEndpoint(realms, signOuts, requestInfo))
                .add(DELETE, REALM, everywhere(SYSTEM_ADMINISTRATOR), new DeleteRealmEndpoint(realms))
                // Maintenance windows.
                .add(GET, REALM + "/maintenance", anyPrivilege(), new GetMaintenanceEndpoint(maintenance, clock))
                .add(
                        PUT,
                        REALM + "/maintenance",
                        of(SYSTEM_ADMINISTRATOR),
                        new SetMaintenanceEndpoint(maintenance, requestInfo, clock))
                .add(
                        DELETE,
                        REALM + "/maintenance",
                        of(SYSTEM_ADMINISTRATOR),
                        new ClearMaintenanceEndpoint(maintenance, requestInfo))
                // Signing keys.
                .add(GET, REALM + "/keys", of(SYSTEM_ADMINISTRATOR), new ListKeysEndpoint(keys, clock))
                .add(
                        POST,
                        REALM + "/keys/rotations",
                        of(SYSTEM_ADMINISTRATOR),
                        new RotateKeysEndpoint(keyRotation, requestInfo, clock))
                // Users.
                .add(POST, USERS, of(USER_ADMINISTRATOR), new CreateUserEndpoint(users, requestInfo))
                .add(
                        POST,
                        USERS + "/required-actions",
                        of(USER_ADMINISTRATOR),
                        new RequireActionEndpoint(store, audit, ceiling, requestInfo))
                .add(GET, USERS, userReader, new ListUsersEndpoint(store))
                // Before USER, so that "count" is not taken for a user id.
                .add(GET, USERS + "/count", userReader, new CountUsersEndpoint(store))
                .add(GET, USER, userReader, new GetUserEndpoint(lookups, users))
                .add(
                        PUT,
                        USER,
                        of(USER_ADMINISTRATOR),
                        new UpdateUserEndpoint(store, users, lookups, signOuts, bruteForce, requestInfo, ceiling))
                .add(DELETE, USER, of(USER_ADMINISTRATOR), new DeleteUserEndpoint(users, lookups, ceiling))
                .add(
                        DELETE,
                        USER + "/credentials/otp",
                        of(USER_ADMINISTRATOR),
                        new DeleteAuthenticatorEndpoint(otp, lookups, ceiling, requestInfo))
                .add(
                        PUT,
                        USER + "/reset-password",
                        of(USER_ADMINISTRATOR),
                        new ResetPasswordEndpoint(users, lookups, ceiling))
                .add(
                        GET,
                        USER + "/sessions",
                        anyOf(SESSION_VIEWER, USER_ADMINISTRATOR),
                        new UserSessionsEndpoint(store, sessionViews, lookups))
                // Groups.
                .add(POST, GROUPS, of(USER_ADMINISTRATOR), new CreateGroupEndpoint(store, audit, requestInfo, clock))
                .add(GET, GROUPS, userReader, new ListGroupsEndpoint(store))
                // Before GROUP, so that "count" is not taken for a group id.
                .add(GET, GROUPS + "/count", userReader, new CountGroupsEndpoint(store))
                .add(GET, GROUP, userReader, new GetGroupEndpoint(lookups))
                .add(PUT, GROUP, of(USER_ADMINISTRATOR), new UpdateGroupEndpoint(store, lookups, audit, requestInfo))
                .add(DELETE, GROUP, of(USER_ADMINISTRATOR), new DeleteGroupEndpoint(store, lookups, audit, requestInfo))
                .add(GET, GROUP + "/members", userReader, new GroupMembersEndpoint(store, lookups))
                .add(GET, GROUP + "/lifetimes", userReader, GroupLifetimesEndpoint.get(store, lookups, clock))
                .add(
                        DELETE,
                        GROUP + "/lifetimes",
                        of(SYSTEM_ADMINISTRATOR),
                        GroupLifetimesEndpoint.delete(store, lookups, audit, requestInfo))
                .add(GET, USER + "/groups", userReader, new UserGroupsEndpoint(store, lookups))
                .add(
                        PUT,
                        USER + "/groups/{groupId}",
                        of(USER_ADMINISTRATOR),
                        MembershipEndpoint.join(store, lookups, audit, requestInfo))
                .add(
                        DELETE,
                        USER + "/groups/{groupId}",
                        of(USER_ADMINISTRATOR),
                        MembershipEndpoint.leave(store, lookups, audit, requestInfo))
                // Playbooks: the situations of docs/playbooks.md, each one call.
                .add(
                        POST,
                        PLAYBOOKS + "/incident-response",
                        of(SYSTEM_ADMINISTRATOR),
                        new IncidentResponseEndpoint(playbooks, requestInfo, clock))
                .add(
                        POST,
                        PLAYBOOKS + "/offboarding",
                        of(USER_ADMINISTRATOR),
                        new OffboardingEndpoint(playbooks, store, ceiling, requestInfo))
                .add(
                        POST,
                        PLAYBOOKS + "/lost-device",
                        of(AUTH_ADMINISTRATOR),
                        new LostDeviceEndpoint(playbooks, store, requestInfo))
                .add(
                        POST,
                        PLAYBOOKS + "/enforce-two-factor",
                        of(SYSTEM_ADMINISTRATOR),
                        new EnforceTwoFactorEndpoint(playbooks, requestInfo))
                .add(
                        POST,
                        PLAYBOOKS + "/password-compromise",
                        of(SYSTEM_ADMINISTRATOR),
                        new PasswordCompromiseEndpoint(playbooks, store, ceiling, requestInfo))
                .add(
                        POST,
                        PLAYBOOKS + "/credential-sharing",
                        of(SYSTEM_ADMINISTRATOR),
                        new CredentialSharingEndpoint(playbooks, store, ceiling, requestInfo))
                .add(
                        POST,
                        PLAYBOOKS + "/system-update",
                        of(AUTH_ADMINISTRATOR),
                        new SystemUpdateEndpoint(playbooks, store, requestInfo, clock))
                .add(
                        POST,
                        PLAYBOOKS + "/compliance",
                        of(AUTH_ADMINISTRATOR),
                        new ComplianceEndpoint(playbooks, store, requestInfo, clock))
                .add(
                        POST,
                        PLAYBOOKS + "/migration",
                        of(SYSTEM_ADMINISTRATOR),
                        new MigrationEndpoint(playbooks, requestInfo, clock))
                .add(
                        POST,
                        PLAYBOOKS + "/high-risk-period",
                        of(SYSTEM_ADMINISTRATOR),
                        new HighRiskPeriodEndpoint(playbooks, store, requestInfo, clock))
                // Privilege grants: master-realm users only; the endpoints answer 404 for other realms.
                .add(
                        GET,
                        USER + "/privileges",
                        everywhere(SYSTEM_ADMINISTRATOR),
                        new GetPrivilegesEndpoint(store, lookups))
                .add(
                        PUT,
                        USER + "/privileges",
                        everywhere(SYSTEM_ADMINISTRATOR),
                        new ReplacePrivilegesEndpoint(store, lookups, ceiling, audit, requestInfo))
                // Clients.
                .add(
                        POST,
                        CLIENTS,
                        of(CLIENT_ADMINISTRATOR),
                        new CreateClientEndpoint(store, adminAuth, requestInfo, clock, outbound))
                .add(GET, CLIENTS, clientReader, new ListClientsEndpoint(store))
                .add(GET, CLIENT, clientReader, new GetClientEndpoint(lookups))
                .add(
                        PUT,
                        CLIENT,
                        of(CLIENT_ADMINISTRATOR),
                        new UpdateClientEndpoint(store, lookups, adminAuth, outbound))
                .add(DELETE, CLIENT, of(CLIENT_ADMINISTRATOR), new DeleteClientEndpoint(store, lookups, adminAuth))
                .add(
                        GET,
                        CLIENT + "/client-secret",
                        of(CLIENT_ADMINISTRATOR),
                        new GetClientSecretEndpoint(lookups, adminAuth))
                .add(
                        POST,
                        CLIENT + "/client-secret",
                        of(CLIENT_ADMINISTRATOR),
                        new RegenerateClientSecretEndpoint(clients, lookups, adminAuth))
                .add(
                        GET,
                        CLIENT + "/user-sessions",
                        of(SESSION_VIEWER),
                        new ClientUserSessionsEndpoint(store, sessionViews, lookups))
                .add(GET, REALM + "/client-session-stats", of(SESSION_VIEWER), new ClientSessionStatsEndpoint(store))
                // Session control.
                .add(GET, REALM + "/sessions", sessionReader, new SearchSessionsEndpoint(store, sessionViews))
                .add(
                        GET,
                        REALM + "/sessions/report",
                        anyOf(SESSION_VIEWER, AUTH_ADMINISTRATOR, AUDITOR),
                        new SessionReportEndpoint(store, sessionViews, clock))
                .add(
                        GET,
                        REALM + "/sessions/sharing",
                        anyOf(SESSION_VIEWER, AUTH_ADMINISTRATOR, AUDITOR),
                        new SharingSuspectsEndpoint(store))
                .add(GET, REALM + "/session-stats", sessionReader, new SessionStatsHistoryEndpoint(store, clock))
                .add(
                        POST,
                        REALM + "/sign-outs",
                        of(AUTH_ADMINISTRATOR),
                        new CreateSignOutEndpoint(store, signOuts, sessionViews, requestInfo, clock))
                .add(GET, REALM + "/sign-outs", signOutReader, new ListSignOutsEndpoint(store))
                .add(GET, REALM + "/sign-outs/{id}", signOutReader, new GetSignOutEndpoint(store))
                .add(
                        POST,
                        REALM + "/sign-outs/{id}/cancel",
                        of(AUTH_ADMINISTRATOR),
                        new CancelSignOutEndpoint(store, signOuts, requestInfo))
                .add(
                        POST,
                        REALM + "/sign-out-schedules",
                        of(AUTH_ADMINISTRATOR),
                        new CreateSignOutScheduleEndpoint(store, signOutSchedules, requestInfo, clock))
                .add(
                        GET,
                        REALM + "/sign-out-schedules",
                        signOutReader,
                        new ListSignOutSchedulesEndpoint(signOutSchedules))
                .add(
                        DELETE,
                        REALM + "/sign-out-schedules/{id}",
                        of(AUTH_ADMINISTRATOR),
                        new DeleteSignOutScheduleEndpoint(signOutSchedules, requestInfo))
                .add(GET, REALM + "/sign-outs/{id}/deliveries", signOutReader, new SignOutDeliveriesEndpoint(store))
                .add(GET, REALM + "/deliveries", signOutReader, new ListDeliveriesEndpoint(store))
                .add(GET, REALM + "/deliveries/counts", signOutReader, new ClientDeliveryCountsEndpoint(store))
                .add(
                        POST,
                        REALM + "/deliveries/{id}/retry",
                        of(AUTH_ADMINISTRATOR),
                        new RetryDeliveryEndpoint(store, audit, dispatcher, requestInfo, clock))
                // Keycloak's sign-out endpoints.
                .add(POST, REALM + "/logout-all", of(AUTH_ADMINISTRATOR), keycloak.logoutAll())
                .add(POST, USER + "/logout", of(AUTH_ADMINISTRATOR), keycloak.userLogout())
                .add(DELETE, REALM + "/sessions/{session}", of(AUTH_ADMINISTRATOR), keycloak.deleteSession())
                .add(POST, REALM + "/push-revocation", of(AUTH_ADMINISTRATOR), keycloak.pushRevocation())
                // Shared Signals streams.
                .add(GET, REALM + "/ssf/streams", of(STREAM_ADMINISTRATOR), new ListStreamsEndpoint(store))
                .add(
                        DELETE,
                        REALM + "/ssf/streams/{id}",
                        of(STREAM_ADMINISTRATOR),
                        new AdminDeleteStreamEndpoint(store, transmitter))
                // Brute-force protection, at Keycloak's paths.
                .add(GET, LOCKS, of(USER_ADMINISTRATOR), new ListBruteForceEndpoint(bruteForce))
                .add(DELETE, LOCKS, of(USER_ADMINISTRATOR), new ClearAllBruteForceEndpoint(bruteForce, requestInfo))
                .add(
                        GET,
                        LOCKS + "/{userId}",
                        of(USER_ADMINISTRATOR),
                        new GetBruteForceStatusEndpoint(bruteForce, lookups))
                .add(
                        DELETE,
                        LOCKS + "/{userId}",
                        of(USER_ADMINISTRATOR),
                        new ClearBruteForceEndpoint(bruteForce, lookups, requestInfo))
                // Audit log.
                .add(GET, REALM + "/audit", of(AUDITOR), new ListAuditEndpoint(store))
                .add(GET, REALM + "/audit/verification", of(AUDITOR), new VerifyAuditEndpoint(audit))
                .routes();
    }
}
