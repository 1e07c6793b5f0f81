package dev.curfew.server.admin;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.privilege.Privileges;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.engine.token.TokenIssuer;
import dev.curfew.engine.token.TokenVerifier;
import dev.curfew.engine.token.VerifiedAccessToken;
import dev.curfew.server.http.Problem;
import io.javalin.http.Context;
import java.text.ParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates admin API calls: a bearer access token from the master realm, still valid under the
 * validity rule (a signed-out administrator is out of the API too), issued to one of the admin clients
 * (configuration key {@code admin-clients}), whose privileges claim grants what the call needs for the
 * realm it touches. Every admin route checks its {@link Access} through this class before its endpoint runs
 * ({@link AdminRoutes}); nothing is checked only in the console.
 *
 * <p>Only the admin clients' tokens count because every master client's token carries its user's
 * privileges: a client registered by anyone else (say a {@code CLIENT_ADMINISTRATOR}) could otherwise
 * receive an administrator's code through their single sign-on session and act as them.
 */
public final class AdminAuth {
    private static final String PRINCIPAL = "curfew.admin";

    /**
     * RFC 6750 §3: a 401 of a bearer-token API says so in {@code WWW-Authenticate}; without an error code when
     * the request carried no token (§3.1), with {@code invalid_token} when the token it carried is no good.
     */
    static final String CHALLENGE = "Bearer realm=\"curfew\"";

    static final String INVALID_TOKEN_CHALLENGE = CHALLENGE
            + ", error=\"invalid_token\", error_description=\"The access token is invalid, expired or revoked\"";

    private final Store store;
    private final TokenVerifier verifier;
    private final List<String> adminClients;

    /** @param adminClients the master-realm clients whose access tokens the admin API accepts */
    public AdminAuth(Store store, TokenVerifier verifier, List<String> adminClients) {
        this.store = store;
        this.verifier = verifier;
        this.adminClients = List.copyOf(adminClients);
    }

    /** True iff the admin API accepts access tokens issued to the master-realm client {@code clientId}. */
    public boolean isAdminClient(String clientId) {
        return adminClients.contains(clientId);
    }

    /** The caller, or a 401 problem. Cached on the request. */
    public AdminPrincipal authenticate(Context ctx) {
        AdminPrincipal cached = ctx.attribute(PRINCIPAL);
        if (cached != null) {
            return cached;
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw Problem.unauthorized(
                    "An admin API call needs 'Authorization: Bearer <token>' with an access token from the master realm",
                    CHALLENGE);
        }
        Realm master = store.realms()
                .findByName(Realm.MASTER)
                .orElseThrow(() -> new IllegalStateException("the master realm is missing"));
        Optional<VerifiedAccessToken> token =
                verifier.verifyAccessToken(master, header.substring(7).strip());
        if (token.isEmpty()) {
            throw Problem.unauthorized(
                    "The bearer token is not a valid master-realm access token (expired, signed out or malformed)",
                    INVALID_TOKEN_CHALLENGE);
        }
        String clientId = token.get().client().clientId();
        if (!isAdminClient(clientId)) {
            throw Problem.forbidden("The bearer token was issued to client '" + clientId
                    + "'; the admin API accepts only access tokens issued to " + String.join(", ", adminClients)
                    + " (configuration key admin-clients)");
        }
        if (token.get().user().isEmpty()) {
            throw Problem.unauthorized(
                    "The bearer token is not a valid master-realm access token of an administrator (a client's own"
                            + " token has no user)",
                    INVALID_TOKEN_CHALLENGE);
        }
        List<String> claim;
        try {
            claim = Optional.ofNullable(token.get().claims().getStringListClaim(TokenIssuer.PRIVILEGES_CLAIM))
                    .orElse(List.of());
        } catch (ParseException e) {
            claim = List.of();
        }
        var user = token.get().user().get();
        AdminPrincipal principal = new AdminPrincipal(
                user.id(),
                user.username(),
                token.get().session().map(s -> s.id()).orElse(""),
                Privileges.fromClaim(user.id(), claim));
        ctx.attribute(PRINCIPAL, principal);
        return principal;
    }

    /** The caller when they hold {@code privilege} for {@code realmName}; otherwise a 401 or 403 problem. */
    public AdminPrincipal require(Context ctx, Privilege privilege, String realmName) {
        AdminPrincipal principal = authenticate(ctx);
        if (!principal.privileges().allows(privilege, realmName)) {
            throw Problem.forbidden("This call needs the " + privilege + " privilege for realm '" + realmName + "'");
        }
        return principal;
    }

    /**
     * The caller when they hold at least one of {@code privileges} for {@code realmName}; otherwise a 401 or
     * 403 problem. For reads that several kinds of administrator need (a session viewer must find users).
     */
    public AdminPrincipal requireAnyOf(Context ctx, String realmName, Privilege... privileges) {
        AdminPrincipal principal = authenticate(ctx);
        for (Privilege privilege : privileges) {
            if (principal.privileges().allows(privilege, realmName)) {
                return principal;
            }
        }
        throw Problem.forbidden("This call needs one of the privileges " + Arrays.toString(privileges) + " for realm '"
                + realmName + "'");
    }

    /** The caller when they hold any privilege at all for {@code realmName} (to read the realm itself). */
    public AdminPrincipal requireAnyPrivilege(Context ctx, String realmName) {
        AdminPrincipal principal = authenticate(ctx);
        if (Arrays.stream(Privilege.values())
                .noneMatch(p -> principal.privileges().allows(p, realmName))) {
            throw Problem.forbidden("This call needs a privilege for realm '" + realmName + "'");
        }
        return principal;
    }

    /** The caller when they hold {@code privilege} for every realm (e.g. to create realms). */
    public AdminPrincipal requireEverywhere(Context ctx, Privilege privilege) {
        AdminPrincipal principal = authenticate(ctx);
        if (!principal.privileges().allowsEverywhere(privilege)) {
            throw Problem.forbidden("This call needs the " + privilege + " privilege for all realms");
        }
        return principal;
    }
}
