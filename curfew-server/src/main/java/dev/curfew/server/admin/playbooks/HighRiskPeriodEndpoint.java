package dev.curfew.server.admin.playbooks;

import dev.curfew.core.group.Group;
import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.engine.playbook.Playbooks;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.RequestBody;
import dev.curfew.server.admin.signout.SignOutInput;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * {@code POST /admin/realms/{realm}/playbooks/high-risk-period} with {@code {"reason": ..., "group": "Finance" (or
 * "groupId"), "until": "2026-12-31T00:00:00Z", "accessTokenLifespan": 60, "refreshTokenLifespan": 900, "dryRun":
 * false}}: the group's members get short-lived tokens until {@code until} and are signed out now. Lifetimes are in
 * seconds, no longer than the realm's own (defaults: 60 and 900, or the realm's when shorter).
 */
public final class HighRiskPeriodEndpoint implements RealmHandler {
    static final Duration DEFAULT_ACCESS = Duration.ofSeconds(60);
    static final Duration DEFAULT_REFRESH = Duration.ofMinutes(15);
    /** A high-risk period is a period: longer than this, change the realm's settings instead. */
    static final Duration MAX_PERIOD = Duration.ofDays(366);

    record Input(
            String reason,
            String group,
            String groupId,
            String until,
            Integer accessTokenLifespan,
            Integer refreshTokenLifespan,
            Boolean dryRun) {}

    private final Playbooks playbooks;
    private final Store store;
    private final RequestInfo requestInfo;
    private final Clock clock;

    public HighRiskPeriodEndpoint(Playbooks playbooks, Store store, RequestInfo requestInfo, Clock clock) {
        this.playbooks = playbooks;
        this.store = store;
        this.requestInfo = requestInfo;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        Input in = RequestBody.read(ctx, Input.class);
        FieldProblems problems = new FieldProblems();
        SignOutInput.checkReason(in.reason(), problems);
        Optional<Group> group = group(realm, in, problems);
        Instant now = clock.instant();
        Optional<Instant> until = until(in.until(), now, problems);
        Duration realmAccess = realm.settings().accessTokenLifespan();
        Duration realmRefresh = realm.settings().ssoSessionIdleTimeout();
        Duration access = lifespan(
                "accessTokenLifespan",
                in.accessTokenLifespan(),
                shorter(DEFAULT_ACCESS, realmAccess),
                realmAccess,
                problems);
        Duration refresh = lifespan(
                "refreshTokenLifespan",
                in.refreshTokenLifespan(),
                shorter(DEFAULT_REFRESH, realmRefresh),
                realmRefresh,
                problems);
        problems.throwIfAny();
        ctx.json(playbooks.highRiskPeriod(
                realm,
                group.orElseThrow(),
                access,
                refresh,
                until.orElseThrow(),
                in.reason().strip(),
                Actors.of(ctx, admin, Privilege.SYSTEM_ADMINISTRATOR, realm.name(), requestInfo),
                Boolean.TRUE.equals(in.dryRun())));
    }

    private Optional<Group> group(Realm realm, Input in, FieldProblems problems) {
        if (in.group() != null) {
            Optional<Group> found = store.groups().findByName(realm.id(), in.group());
            if (found.isEmpty()) {
                problems.add("group", "no group named '" + in.group() + "' in realm '" + realm.name() + "'");
            }
            return found;
        }
        if (in.groupId() != null) {
            Optional<Group> found = store.groups().find(realm.id(), in.groupId());
            if (found.isEmpty()) {
                problems.add("groupId", "no group with id '" + in.groupId() + "' in realm '" + realm.name() + "'");
            }
            return found;
        }
        problems.add("group", "is required (or groupId): whose tokens are shortened");
        return Optional.empty();
    }

    private static Optional<Instant> until(String value, Instant now, FieldProblems problems) {
        if (value == null) {
            problems.add("until", "is required: when the realm's own lifetimes apply again (RFC 3339)");
            return Optional.empty();
        }
        try {
            Instant until = OffsetDateTime.parse(value).toInstant();
            if (!until.isAfter(now) || until.isAfter(now.plus(MAX_PERIOD))) {
                problems.add(
                        "until", "must be in the future, within " + MAX_PERIOD.toDays() + " days (now is " + now + ")");
                return Optional.empty();
            }
            return Optional.of(until);
        } catch (DateTimeParseException e) {
            problems.add("until", "must be an RFC 3339 date-time with its offset, e.g. 2026-12-31T00:00:00Z");
            return Optional.empty();
        }
    }

    /** Seconds, from 10 to the realm's own (a longer one would not shorten anything). */
    private static Duration lifespan(
            String field, Integer seconds, Duration absent, Duration realmLimit, FieldProblems problems) {
        if (seconds == null) {
            return absent;
        }
        if (seconds < 10 || seconds > realmLimit.toSeconds()) {
            problems.add(field, "must be 10 to " + realmLimit.toSeconds() + " seconds (the realm's own)");
            return absent;
        }
        return Duration.ofSeconds(seconds);
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
