package dev.curfew.server.admin.sessions;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.core.util.AsciiNumbers;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.RealmHandler;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /admin/realms/{realm}/session-stats?hours=24} [SESSION_VIEWER or AUTH_ADMINISTRATOR]: over the
 * last {@code hours} (1 to 720, default 24), oldest first, the number of sessions the realm held, as
 * housekeeping recorded it every minute ({@code samples}), and the number of sessions started in each hour,
 * counted as they start, so signed-out and expired ones count too ({@code starts}; hours without a start
 * are left out).
 */
public final class SessionStatsHistoryEndpoint implements RealmHandler {
    static final int DEFAULT_HOURS = 24;
    /** Housekeeping keeps 30 days of samples. */
    static final int MAX_HOURS = 720;

    private final Store store;
    private final Clock clock;

    public SessionStatsHistoryEndpoint(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** One recorded sample: {@code at} as an ISO-8601 UTC instant. */
    public record SampleRepresentation(String at, long active) {}

    /** One hour's starts: {@code hour} is the ISO-8601 UTC instant the hour begins. */
    public record HourOfStartsRepresentation(String hour, long started) {}

    public record SessionStatsHistory(
            String realm, List<SampleRepresentation> samples, List<HourOfStartsRepresentation> starts) {}

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        int hours = hours(ctx.queryParam("hours"));
        Instant from = clock.instant().minus(Duration.ofHours(hours));
        List<SampleRepresentation> samples = store.sessionStats().since(realm.id(), from).stream()
                .map(sample -> new SampleRepresentation(sample.at().toString(), sample.active()))
                .toList();
        List<HourOfStartsRepresentation> starts = store.sessionStats().startsSince(realm.id(), from).stream()
                .map(h -> new HourOfStartsRepresentation(h.hour().toString(), h.started()))
                .toList();
        ctx.json(new SessionStatsHistory(realm.name(), samples, starts));
    }

    private static int hours(String value) {
        if (value == null) {
            return DEFAULT_HOURS;
        }
        try {
            int hours = AsciiNumbers.parseInt(value.strip());
            if (hours >= 1 && hours <= MAX_HOURS) {
                return hours;
            }
        } catch (NumberFormatException e) {
            // Reported below, like a number out of range.
        }
        throw FieldProblems.single("hours", "must be a whole number between 1 and " + MAX_HOURS);
    }
}
