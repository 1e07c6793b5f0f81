package dev.curfew.server.admin.playbooks;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.IpRange;
import dev.curfew.core.session.SessionFilter;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.core.user.Username;
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
import java.util.Set;

/**
 * {@code POST /admin/realms/{realm}/playbooks/lost-device} with {@code {"reason": ..., "username": "bob",
 * "userAgent": "iPhone", "ip": "203.0.113.7", "dryRun": false}}: the user's sessions whose user agent contains
 * {@code userAgent} and whose address is in {@code ip} (at least one of the two, so that the user's other devices
 * keep working; both must hold when both are given).
 */
public final class LostDeviceEndpoint implements RealmHandler {
    record Input(String reason, String username, String userId, String userAgent, String ip, Boolean dryRun) {}

    private final Playbooks playbooks;
    private final Store store;
    private final RequestInfo requestInfo;

    public LostDeviceEndpoint(Playbooks playbooks, Store store, RequestInfo requestInfo) {
        this.playbooks = playbooks;
        this.store = store;
        this.requestInfo = requestInfo;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        Input in = RequestBody.read(ctx, Input.class);
        FieldProblems problems = new FieldProblems();
        SignOutInput.checkReason(in.reason(), problems);
        Optional<User> user = Optional.empty();
        if (in.username() != null) {
            user = store.users().findByUsername(realm.id(), Username.normalize(in.username()));
            if (user.isEmpty()) {
                problems.add("username", "no user '" + in.username() + "' in realm '" + realm.name() + "'");
            }
        } else if (in.userId() != null) {
            user = store.users().findById(realm.id(), in.userId());
            if (user.isEmpty()) {
                problems.add("userId", "no user with id '" + in.userId() + "' in realm '" + realm.name() + "'");
            }
        } else {
            problems.add("username", "is required (or userId): whose device it is");
        }
        boolean agent = in.userAgent() != null && !in.userAgent().isBlank();
        boolean address = in.ip() != null && !in.ip().isBlank();
        if (!agent && !address) {
            problems.add("userAgent", "give userAgent or ip (or both), so that only that device is signed out");
        }
        Optional<IpRange> range = Optional.empty();
        if (address) {
            try {
                range = Optional.of(IpRange.parse(in.ip()));
            } catch (IllegalArgumentException e) {
                problems.add("ip", e.getMessage());
            }
        }
        problems.throwIfAny();
        SessionFilter device = SessionFilter.ALL
                .withUserIds(Set.of(user.orElseThrow().id()))
                .withUserAgentContains(agent ? Optional.of(in.userAgent()) : Optional.empty())
                .withIpRange(range);
        ctx.json(playbooks.lostDevice(
                realm,
                device,
                in.reason().strip(),
                Actors.of(ctx, admin, Privilege.AUTH_ADMINISTRATOR, realm.name(), requestInfo),
                Boolean.TRUE.equals(in.dryRun())));
    }
}
