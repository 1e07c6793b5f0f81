package dev.curfew.server.admin.signout;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.signout.SignOutScope;
import dev.curfew.core.store.Store;
import dev.curfew.engine.signout.SignOutService;
import dev.curfew.server.admin.FieldProblems;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /admin/realms/{realm}/sign-outs}:
 *
 * <pre>
 * { "scope": { "type": "session" | "user" | "client" | "realm" | "filter",
 *              "sessionIds": [...], "userId": "...", "clientId": "my-app", "filter": { ... } },
 *   "reason": "why (required)", "dryRun": false, "id": "optional client-chosen id",
 *   "at": "optional RFC 3339 time to run it at, e.g. 2026-12-24T18:00:00Z" }
 * </pre>
 */
public record SignOutInput(ScopeInput scope, String reason, Boolean dryRun, String id, String at) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    public static final int MAX_REASON = 1000;
    /** Sessions one call may name, each looked up before anything is signed out. */
    static final int MAX_SESSIONS = 1000;

    /** The scope part. */
    public record ScopeInput(
            String type, List<String> sessionIds, String userId, String clientId, FilterInput filter) {}

    /**
     * A checked request: the scope resolved against the realm.
     *
     * @param at when to run it; empty to run it now
     */
    public record Checked(
            SignOutScope scope, String reason, boolean dryRun, Optional<String> id, Optional<Instant> at) {}

    Checked check(Realm realm, Store store, Instant now) {
        FieldProblems problems = new FieldProblems();
        Checked checked = check(realm, store, now, problems);
        problems.throwIfAny();
        return checked;
    }

    /** Adds what is wrong to {@code problems}; the answer means something only when none were added. */
    public Checked check(Realm realm, Store store, Instant now, FieldProblems problems) {
        checkReason(reason, problems);
        if (id != null && !ID.matcher(id).matches()) {
            problems.add("id", "must be 8-64 characters of letters, digits, '-' or '_'");
        }
        Optional<Instant> runAt = runAt(at, now, problems);
        SignOutScope resolved = scope(realm, store, problems);
        return new Checked(
                resolved,
                reason == null ? "" : reason.strip(),
                Boolean.TRUE.equals(dryRun),
                Optional.ofNullable(id),
                runAt);
    }

    /** The sign-out's {@code reason}: required, at most {@value #MAX_REASON} characters. */
    public static void checkReason(String reason, FieldProblems problems) {
        if (reason == null || reason.isBlank()) {
            problems.add(
                    "reason", "is required: say why these sessions are being signed out (it goes to the audit log)");
        } else if (reason.length() > MAX_REASON) {
            problems.add("reason", "must be at most " + MAX_REASON + " characters");
        }
    }

    /** {@code at}: an RFC 3339 date-time (section 5.6) with its offset, not past, not beyond the planning horizon. */
    public static Optional<Instant> runAt(String at, Instant now, FieldProblems problems) {
        if (at == null) {
            return Optional.empty();
        }
        Instant parsed;
        try {
            parsed = OffsetDateTime.parse(at).toInstant();
        } catch (DateTimeParseException e) {
            problems.add("at", "must be an RFC 3339 date-time with its offset, e.g. 2026-12-24T18:00:00Z");
            return Optional.empty();
        }
        if (parsed.isBefore(now.minus(SignOutService.PAST_TOLERANCE))) {
            problems.add("at", "is in the past (the server's time is " + now + ")");
        } else if (parsed.isAfter(now.plus(SignOutService.PLAN_AHEAD))) {
            problems.add("at", "is more than " + SignOutService.PLAN_AHEAD.toDays() + " days ahead");
        }
        return Optional.of(parsed);
    }

    /**
     * A member that belongs to another type of scope is refused rather than ignored: {@code {"type":"user",
     * "userId":…, "filter":{…}}} signs out every session of the user, which is not what its sender meant.
     */
    private boolean refuseMembersOfOtherTypes(FieldProblems problems) {
        boolean clean = true;
        for (var member : List.of(
                Map.entry("sessionIds", Map.entry("session", scope.sessionIds() != null)),
                Map.entry("userId", Map.entry("user", scope.userId() != null)),
                Map.entry("clientId", Map.entry("client", scope.clientId() != null)),
                Map.entry("filter", Map.entry("filter", scope.filter() != null)))) {
            String type = member.getValue().getKey();
            if (member.getValue().getValue() && !type.equals(scope.type())) {
                problems.add(
                        "scope." + member.getKey(),
                        "belongs to a " + type + " scope, not a " + scope.type() + " scope");
                clean = false;
            }
        }
        return clean;
    }

    private SignOutScope scope(Realm realm, Store store, FieldProblems problems) {
        if (scope == null || scope.type() == null) {
            problems.add("scope.type", "is required: one of session, user, client, realm, filter");
            return null;
        }
        if (!refuseMembersOfOtherTypes(problems)) {
            return null;
        }
        switch (scope.type()) {
            case "realm":
                return new SignOutScope.Realm();
            case "user":
                if (scope.userId() == null
                        || store.users().findById(realm.id(), scope.userId()).isEmpty()) {
                    problems.add(
                            "scope.userId",
                            scope.userId() == null
                                    ? "is required for a user scope"
                                    : "no user '" + scope.userId() + "' in realm '" + realm.name() + "'");
                    return null;
                }
                return new SignOutScope.User(scope.userId());
            case "client":
                var client = scope.clientId() == null
                        ? Optional.<dev.curfew.core.client.Client>empty()
                        : store.clients().findByClientId(realm.id(), scope.clientId());
                if (client.isEmpty()) {
                    problems.add(
                            "scope.clientId",
                            scope.clientId() == null
                                    ? "is required for a client scope (the public clientId)"
                                    : "no client '" + scope.clientId() + "' in realm '" + realm.name() + "'");
                    return null;
                }
                return new SignOutScope.Client(client.get().id());
            case "session":
                List<String> ids = scope.sessionIds() == null
                        ? List.of()
                        : scope.sessionIds().stream().distinct().toList();
                if (ids.isEmpty()) {
                    problems.add("scope.sessionIds", "needs at least one session id");
                    return null;
                }
                if (ids.size() > MAX_SESSIONS) {
                    problems.add(
                            "scope.sessionIds",
                            "names more than " + MAX_SESSIONS + " sessions: sign out a filter, user or client instead");
                    return null;
                }
                List<String> unknown = ids.stream()
                        .filter(sid -> store.sessions()
                                .findById(sid)
                                .filter(s -> s.realmId().equals(realm.id()))
                                .isEmpty())
                        .toList();
                if (!unknown.isEmpty()) {
                    problems.add(
                            "scope.sessionIds",
                            "unknown session id(s) in realm '" + realm.name() + "': " + String.join(", ", unknown));
                    return null;
                }
                return new SignOutScope.Sessions(ids);
            case "filter":
                if (scope.filter() == null) {
                    problems.add("scope.filter", "is required for a filter scope");
                    return null;
                }
                var filter = scope.filter().toFilter(realm, store, "scope.filter.", problems);
                if (problems.isEmpty() && filter.isEmpty()) {
                    problems.add(
                            "scope.filter", "needs at least one condition (to sign out everyone, use the realm scope)");
                    return null;
                }
                return problems.isEmpty() ? new SignOutScope.Filter(filter) : null;
            default:
                problems.add("scope.type", "'" + scope.type() + "' is not one of session, user, client, realm, filter");
                return null;
        }
    }
}
