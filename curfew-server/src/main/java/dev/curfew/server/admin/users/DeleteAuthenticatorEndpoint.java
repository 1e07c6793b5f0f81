package dev.curfew.server.admin.users;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.user.User;
import dev.curfew.engine.otp.OtpService;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.PrivilegeCeiling;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.http.Problem;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * {@code DELETE /admin/realms/{realm}/users/{id}/credentials/otp?reason=...}: removes the user's authenticator and
 * recovery codes — for a user who lost their phone — and ends every session of the user ({@link OtpService#reset}):
 * a session may have been signed in with the lost phone, and whoever holds it must be out, as with any sign-out.
 * Audited ({@code otp.reset}) with the reason and the sessions ended. An administrator's authenticator is removed
 * only by a caller holding every privilege they hold: otherwise it would take away a factor guarding more power.
 */
public final class DeleteAuthenticatorEndpoint implements RealmHandler {
    static final String DEFAULT_REASON = "Authenticator removed by an administrator";
    /** As long as a sign-out's reason may be. */
    static final int MAX_REASON = 1000;

    private final OtpService otp;
    private final Lookups lookups;
    private final PrivilegeCeiling ceiling;
    private final RequestInfo requestInfo;

    public DeleteAuthenticatorEndpoint(
            OtpService otp, Lookups lookups, PrivilegeCeiling ceiling, RequestInfo requestInfo) {
        this.otp = otp;
        this.lookups = lookups;
        this.ceiling = ceiling;
        this.requestInfo = requestInfo;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        User user = lookups.user(realm, ctx.pathParam("id"));
        String reason = Optional.ofNullable(ctx.queryParam("reason"))
                .filter(r -> !r.isBlank())
                .map(String::strip)
                .orElse(DEFAULT_REASON);
        if (reason.length() > MAX_REASON) {
            throw Problem.badRequest("reason must be at most " + MAX_REASON + " characters");
        }
        ceiling.requireOver(admin, realm, user, "remove the authenticator of");
        otp.reset(realm, user, Actors.of(ctx, admin, Privilege.USER_ADMINISTRATOR, realm.name(), requestInfo), reason)
                .orElseThrow(() -> Problem.notFound("The user has no authenticator"));
        Responses.noContent(ctx);
    }
}
