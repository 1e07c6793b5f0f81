package dev.curfew.server.console.pages;

import dev.curfew.core.realm.SharingDetection;
import dev.curfew.core.util.AsciiNumbers;
import dev.curfew.server.console.ConsoleRequest;
import dev.curfew.server.console.view.FieldErrors;
import dev.curfew.server.console.view.UtcInput;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The session search as the console's form writes it — every filter of {@code GET
 * /admin/realms/{realm}/sessions} — and the same conditions as a sign-out's {@code filter} scope, so what
 * the administrator searched is exactly what "sign out all matching" signs out.
 *
 * <p>Times are typed as the console shows them, {@code 2026-12-04 06:00} in UTC (see {@link UtcInput}); an
 * unreadable one is reported next to its field and nothing is searched.
 *
 * @param user a username, or a user id
 * @param userId the user's id once resolved (blank when no user condition)
 */
public record SessionSearch(
        String user,
        String userId,
        String clientId,
        String ip,
        String userAgent,
        String createdAfter,
        String createdBefore,
        String lastActiveBefore,
        String authMethod,
        String withoutAuthMethod,
        String concurrentSessionsAtLeast,
        String distinctNetworksAtLeast,
        String group) {

    public static SessionSearch from(Context ctx) {
        return new SessionSearch(
                param(ctx, "user"),
                param(ctx, "userId"),
                param(ctx, "clientId"),
                param(ctx, "ip"),
                param(ctx, "userAgent"),
                param(ctx, "createdAfter"),
                param(ctx, "createdBefore"),
                param(ctx, "lastActiveBefore"),
                param(ctx, "authMethod"),
                param(ctx, "withoutAuthMethod"),
                param(ctx, "concurrentSessionsAtLeast"),
                param(ctx, "distinctNetworksAtLeast"),
                param(ctx, "group"));
    }

    /**
     * Resolves {@code user} to a user id: by exact username when the administrator may read users, else
     * taken as an id. The API names an unknown id in its answer.
     */
    public SessionSearch resolve(ConsoleRequest r) {
        if (user.isBlank() || !userId.isBlank()) {
            return this;
        }
        String id = user;
        if (r.access().viewUsers()) {
            var found = r.get(r.api("/users") + "?max=1&exact=true&username="
                    + java.net.URLEncoder.encode(user, java.nio.charset.StandardCharsets.UTF_8));
            if (found.size() == 1) {
                id = found.get(0).path("id").asText();
            }
        }
        return new SessionSearch(
                user,
                id,
                clientId,
                ip,
                userAgent,
                createdAfter,
                createdBefore,
                lastActiveBefore,
                authMethod,
                withoutAuthMethod,
                concurrentSessionsAtLeast,
                distinctNetworksAtLeast,
                group);
    }

    public boolean empty() {
        return userId.isBlank()
                && clientId.isBlank()
                && ip.isBlank()
                && userAgent.isBlank()
                && createdAfter.isBlank()
                && createdBefore.isBlank()
                && lastActiveBefore.isBlank()
                && authMethod.isBlank()
                && withoutAuthMethod.isBlank()
                && concurrentSessionsAtLeast.isBlank()
                && distinctNetworksAtLeast.isBlank()
                && group.isBlank();
    }

    /** The query parameters of the session search API. */
    public Map<String, Object> apiQuery() {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("userId", userId);
        q.put("clientId", clientId);
        q.put("ip", ip);
        q.put("userAgent", userAgent);
        q.put("createdAfter", instant(createdAfter));
        q.put("createdBefore", instant(createdBefore));
        q.put("lastActiveBefore", instant(lastActiveBefore));
        q.put("authMethod", authMethod);
        q.put("withoutAuthMethod", withoutAuthMethod);
        q.put("concurrentSessionsAtLeast", concurrentSessionsAtLeast);
        q.put("distinctNetworksAtLeast", distinctNetworksAtLeast);
        q.put("group", group);
        return q;
    }

    /** The {@code filter} of a sign-out's filter scope, with the same conditions. */
    public Map<String, Object> signOutFilter() {
        Map<String, Object> f = new LinkedHashMap<>();
        if (!userId.isBlank()) {
            f.put("userIds", List.of(userId));
        }
        putIf(f, "clientId", clientId);
        putIf(f, "ip", ip);
        putIf(f, "userAgent", userAgent);
        putIf(f, "createdAfter", instant(createdAfter));
        putIf(f, "createdBefore", instant(createdBefore));
        putIf(f, "lastActiveBefore", instant(lastActiveBefore));
        if (!authMethod.isBlank()) {
            f.put("authMethods", List.of(authMethod));
        }
        if (!withoutAuthMethod.isBlank()) {
            f.put("withoutAuthMethods", List.of(withoutAuthMethod));
        }
        putIf(f, "concurrentSessionsAtLeast", concurrentSessionsAtLeast);
        putIf(f, "distinctNetworksAtLeast", distinctNetworksAtLeast);
        if (!group.isBlank()) {
            f.put("groups", List.of(group));
        }
        return f;
    }

    /** The form fields to carry this search to the next page (hidden inputs, links). */
    public Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        putIf(f, "user", user);
        putIf(f, "userId", userId);
        putIf(f, "clientId", clientId);
        putIf(f, "ip", ip);
        putIf(f, "userAgent", userAgent);
        putIf(f, "createdAfter", createdAfter);
        putIf(f, "createdBefore", createdBefore);
        putIf(f, "lastActiveBefore", lastActiveBefore);
        putIf(f, "authMethod", authMethod);
        putIf(f, "withoutAuthMethod", withoutAuthMethod);
        putIf(f, "concurrentSessionsAtLeast", concurrentSessionsAtLeast);
        putIf(f, "distinctNetworksAtLeast", distinctNetworksAtLeast);
        putIf(f, "group", group);
        return f;
    }

    /** The conditions in words, for the confirmation that names what will be signed out. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!user.isBlank()) {
            parts.add("user " + user);
        }
        add(parts, "client ", clientId);
        add(parts, "IP in ", ip);
        add(parts, "user agent containing \"", userAgent, "\"");
        add(parts, "started after ", shown(createdAfter));
        add(parts, "started before ", shown(createdBefore));
        add(parts, "last active before ", shown(lastActiveBefore));
        add(parts, "signed in with ", authMethod);
        add(parts, "not signed in with ", withoutAuthMethod);
        add(parts, "of users with at least ", concurrentSessionsAtLeast, " sessions at once");
        add(parts, "of users signed in from at least ", distinctNetworksAtLeast, " networks at once");
        add(parts, "of the members of group ", group);
        return String.join(", ", parts);
    }

    /** The times the console cannot read, by field; none when the search can run. */
    public FieldErrors problems() {
        FieldErrors errors = FieldErrors.NONE;
        for (Map.Entry<String, String> time : Map.of(
                        "createdAfter",
                        createdAfter,
                        "createdBefore",
                        createdBefore,
                        "lastActiveBefore",
                        lastActiveBefore)
                .entrySet()) {
            Optional<String> problem = UtcInput.problem(time.getValue());
            if (problem.isPresent()) {
                errors = errors.with(time.getKey(), problem.get());
            }
        }
        for (Map.Entry<String, String> count : Map.of(
                        "concurrentSessionsAtLeast", concurrentSessionsAtLeast,
                        "distinctNetworksAtLeast", distinctNetworksAtLeast)
                .entrySet()) {
            if (!isCount(count.getValue())) {
                errors = errors.with(count.getKey(), "a whole number from 2 to " + SharingDetection.MAX_THRESHOLD);
            }
        }
        return errors;
    }

    /** Blank (no condition), or a count of sessions or networks the API takes: 2 to the most a threshold may be. */
    private static boolean isCount(String value) {
        if (value.isBlank()) {
            return true;
        }
        if (!value.matches("[0-9]{1,6}")) {
            return false;
        }
        int n = AsciiNumbers.parseInt(value);
        return n >= 2 && n <= SharingDetection.MAX_THRESHOLD;
    }

    /** A typed time as the API's ISO-8601 instant; blank when blank. */
    static String instant(String value) {
        return value.isBlank() ? "" : UtcInput.api(value);
    }

    private static String shown(String value) {
        return value.isBlank() ? "" : UtcInput.shown(value);
    }

    private static void add(List<String> parts, String prefix, String value) {
        add(parts, prefix, value, "");
    }

    private static void add(List<String> parts, String prefix, String value, String suffix) {
        if (!value.isBlank()) {
            parts.add(prefix + value + suffix);
        }
    }

    private static void putIf(Map<String, ? super String> map, String key, String value) {
        if (!value.isBlank()) {
            map.put(key, value);
        }
    }

    private static String param(Context ctx, String name) {
        String value = ctx.method().name().equals("POST") ? ctx.formParam(name) : ctx.queryParam(name);
        return value == null ? "" : value.strip();
    }
}
