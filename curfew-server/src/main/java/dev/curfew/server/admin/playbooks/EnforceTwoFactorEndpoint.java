package dev.curfew.server.admin.playbooks;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.TwoFactorPolicy;
import dev.curfew.engine.playbook.Playbooks;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.RequestBody;
import dev.curfew.server.admin.signout.SignOutInput;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * {@code POST /admin/realms/{realm}/playbooks/enforce-two-factor} with {@code {"reason": ..., "who": "everyone" |
 * "administrators", "dryRun": false}}: the realm's {@code twoFactorRequired} set, then every session of a covered
 * user signed in without a code ended.
 */
public final class EnforceTwoFactorEndpoint implements RealmHandler {
    record Input(String reason, String who, Boolean dryRun) {}

    private final Playbooks playbooks;
    private final RequestInfo requestInfo;

    public EnforceTwoFactorEndpoint(Playbooks playbooks, RequestInfo requestInfo) {
        this.playbooks = playbooks;
        this.requestInfo = requestInfo;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        Input in = RequestBody.read(ctx, Input.class);
        FieldProblems problems = new FieldProblems();
        SignOutInput.checkReason(in.reason(), problems);
        Optional<TwoFactorPolicy> who = Optional.ofNullable(in.who())
                .flatMap(TwoFactorPolicy::fromWireName)
                .filter(p -> p != TwoFactorPolicy.OFF);
        if (who.isEmpty()) {
            problems.add("who", "must be everyone or administrators");
        }
        problems.throwIfAny();
        ctx.json(playbooks.enforceTwoFactor(
                realm,
                who.orElseThrow(),
                in.reason().strip(),
                Actors.of(ctx, admin, Privilege.SYSTEM_ADMINISTRATOR, realm.name(), requestInfo),
                Boolean.TRUE.equals(in.dryRun())));
    }
}
