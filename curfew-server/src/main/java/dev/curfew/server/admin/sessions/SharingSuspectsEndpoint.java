package dev.curfew.server.admin.sessions;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.SharingDetection;
import dev.curfew.core.session.SharingSuspect;
import dev.curfew.core.store.Store;
import dev.curfew.core.util.AsciiNumbers;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.signout.FilterInput;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /admin/realms/{realm}/sessions/sharing?concurrentSessionsAtLeast=3&distinctNetworksAtLeast=2&max=100}:
 * the accounts that look shared now — users holding at least so many sessions at once, or sessions from at least
 * so many networks at once (IPv4 /24, IPv6 /64) — the most widely spread first. Without the parameters, the realm's
 * own thresholds ({@code sharingDetection}) apply. The same counts are filter fields of the session search and of
 * sign-outs, so what this lists can be signed out as one filter.
 */
public final class SharingSuspectsEndpoint implements RealmHandler {
    static final int DEFAULT_MAX = 100;
    static final int MAX = 1000;

    private final Store store;

    public SharingSuspectsEndpoint(Store store) {
        this.store = store;
    }

    /** One suspect; {@code lastAccess} in epoch milliseconds, as the session list has it. */
    public record SuspectRepresentation(String userId, String username, int sessions, int networks, long lastAccess) {
        static SuspectRepresentation of(SharingSuspect s) {
            return new SuspectRepresentation(
                    s.userId(),
                    s.username(),
                    s.spread().sessions(),
                    s.spread().networks(),
                    s.lastActiveAt().toEpochMilli());
        }
    }

    /** The thresholds applied (0: ignored) and the suspects; {@code truncated} when more than {@code max} matched. */
    public record SharingSuspects(
            String realm,
            int concurrentSessionsAtLeast,
            int distinctNetworksAtLeast,
            List<SuspectRepresentation> suspects,
            boolean truncated) {}

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        FieldProblems problems = new FieldProblems();
        SharingDetection configured = realm.settings().sharingDetection();
        String sessionsParam = ctx.queryParam("concurrentSessionsAtLeast");
        String networksParam = ctx.queryParam("distinctNetworksAtLeast");
        boolean given = sessionsParam != null || networksParam != null;
        int sessions = given
                ? FilterInput.atLeastTwo("concurrentSessionsAtLeast", sessionsParam, problems)
                : configured.concurrentSessions();
        int networks = given
                ? FilterInput.atLeastTwo("distinctNetworksAtLeast", networksParam, problems)
                : configured.distinctNetworks();
        int max = max(ctx.queryParam("max"), problems);
        if (problems.isEmpty() && sessions == 0 && networks == 0) {
            problems.add(
                    given ? "concurrentSessionsAtLeast" : "sharingDetection",
                    "sharing detection is off in realm '" + realm.name()
                            + "': give concurrentSessionsAtLeast or distinctNetworksAtLeast, or set the realm's"
                            + " sharingDetection");
        }
        problems.throwIfAny();
        List<SharingSuspect> found = store.sessions().spreadAtLeast(realm.id(), sessions, networks, max + 1);
        ctx.json(new SharingSuspects(
                realm.name(),
                sessions,
                networks,
                found.stream().limit(max).map(SuspectRepresentation::of).toList(),
                found.size() > max));
    }

    private static int max(String value, FieldProblems problems) {
        if (value == null) {
            return DEFAULT_MAX;
        }
        try {
            int n = AsciiNumbers.parseInt(value.strip());
            if (n >= 1 && n <= MAX) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("max", "must be a whole number from 1 to " + MAX);
        return DEFAULT_MAX;
    }
}
