package dev.curfew.server.admin.sessions;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.server.Services;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.Lookups;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.util.List;

/**
 * {@code GET /admin/realms/{realm}/session-stats?hours=24} [SESSION_VIEWER or AUTH_ADMINISTRATOR]: the
 * number of sessions the realm held, as housekeeping recorded it every minute over the last {@code hours}
 * (1 to 720, default 24), oldest first.
 */
public final class SessionStatsHistoryEndpoint implements Handler {
    static final int DEFAULT_HOURS = 24;
    /** Housekeeping keeps 30 days of samples. */
    static final int MAX_HOURS = 720;

    private final Services s;
    private final Lookups lookups;

    public SessionStatsHistoryEndpoint(Services services) {
        this.s = services;
        this.lookups = new Lookups(services.store());
    }

    /** One recorded sample: {@code at} as an ISO-8601 UTC instant. */
    public record SampleRepresentation(String at, long active) {}

    public record SessionStatsHistory(String realm, List<SampleRepresentation> samples) {}

    @Override
    public void handle(Context ctx) {
        String realmName = ctx.pathParam("realm");
        s.adminAuth().requireAnyOf(ctx, realmName, Privilege.SESSION_VIEWER, Privilege.AUTH_ADMINISTRATOR);
        Realm realm = lookups.realm(realmName);
        int hours = hours(ctx.queryParam("hours"));
        List<SampleRepresentation> samples =
                s.store().sessionStats().since(realm.id(), s.clock().instant().minus(Duration.ofHours(hours))).stream()
                        .map(sample -> new SampleRepresentation(sample.at().toString(), sample.active()))
                        .toList();
        ctx.json(new SessionStatsHistory(realm.name(), samples));
    }

    private static int hours(String value) {
        if (value == null) {
            return DEFAULT_HOURS;
        }
        try {
            int hours = Integer.parseInt(value.strip());
            if (hours >= 1 && hours <= MAX_HOURS) {
                return hours;
            }
        } catch (NumberFormatException e) {
            // Reported below, like a number out of range.
        }
        throw FieldProblems.single("hours", "must be a whole number between 1 and " + MAX_HOURS);
    }
}
