package dev.curfew.server.admin.signout;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.SharingDetection;
import dev.curfew.core.session.IpRange;
import dev.curfew.core.session.SessionFilter;
import dev.curfew.core.store.Store;
import dev.curfew.core.util.AsciiNumbers;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.TimeParam;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A session filter as administrators write it — the same fields in a sign-out's JSON {@code filter}
 * and as query parameters of the session search:
 *
 * <pre>
 * userIds (userId)            sessions of these users (ids)
 * clientId                    sessions that used this client (its public clientId)
 * ip                          IP address or CIDR range: 10.0.0.0/8, 2001:db8::/32
 * userAgent                   text contained in the user agent (case-insensitive)
 * createdBefore, createdAfter, lastActiveBefore    ISO-8601 instants or epoch milliseconds, 1970 to 9999
 * authMethods (authMethod), withoutAuthMethods (withoutAuthMethod)    e.g. pwd, otp
 * groupIds (groupId), groups (group)    sessions of the members of any of these groups, by id or by name
 * concurrentSessionsAtLeast   sessions of users who hold at least this many sessions at once (2 or more)
 * distinctNetworksAtLeast     sessions of users whose sessions come from at least this many networks at once
 *                             (IPv4 /24, IPv6 /64; 2 or more)
 * </pre>
 *
 * Unknown users, clients and groups are errors, named with the field, so a typo never signs out nobody (or
 * everybody).
 */
public record FilterInput(
        List<String> userIds,
        String clientId,
        String ip,
        String userAgent,
        String createdBefore,
        String createdAfter,
        String lastActiveBefore,
        List<String> authMethods,
        List<String> withoutAuthMethods,
        List<String> groupIds,
        List<String> groups,
        String concurrentSessionsAtLeast,
        String distinctNetworksAtLeast) {

    public static FilterInput fromQuery(Context ctx) {
        return new FilterInput(
                ctx.queryParams("userId"),
                ctx.queryParam("clientId"),
                ctx.queryParam("ip"),
                ctx.queryParam("userAgent"),
                ctx.queryParam("createdBefore"),
                ctx.queryParam("createdAfter"),
                ctx.queryParam("lastActiveBefore"),
                ctx.queryParams("authMethod"),
                ctx.queryParams("withoutAuthMethod"),
                ctx.queryParams("groupId"),
                ctx.queryParams("group"),
                ctx.queryParam("concurrentSessionsAtLeast"),
                ctx.queryParam("distinctNetworksAtLeast"));
    }

    /** Users one filter may name: each is looked up, and the query names each. */
    static final int MAX_USERS = 1000;
    /** Groups one filter may name, by id and by name together: each is looked up. */
    static final int MAX_GROUPS = 100;
    /** Authentication methods one filter may name, in each list: RFC 8176 registers a dozen. */
    static final int MAX_METHODS = 50;

    /** The filter, with every problem added to {@code problems} under {@code prefix} + field name. */
    public SessionFilter toFilter(Realm realm, Store store, String prefix, FieldProblems problems) {
        Set<String> users = new LinkedHashSet<>(userIds == null ? List.of() : userIds);
        List<String> unknown = new ArrayList<>();
        if (users.size() > MAX_USERS) {
            problems.add(prefix + "userIds", "names more than " + MAX_USERS + " users");
            users = Set.of();
        }
        for (String id : users) {
            if (store.users().findById(realm.id(), id).isEmpty()) {
                unknown.add(id);
            }
        }
        if (!unknown.isEmpty()) {
            problems.add(
                    prefix + "userIds",
                    "unknown user id(s) in realm '" + realm.name() + "': " + String.join(", ", unknown));
        }
        Optional<String> client = Optional.empty();
        if (clientId != null && !clientId.isBlank()) {
            client =
                    store.clients().findByClientId(realm.id(), clientId.strip()).map(Client::id);
            if (client.isEmpty()) {
                problems.add(prefix + "clientId", "no client '" + clientId + "' in realm '" + realm.name() + "'");
            }
        }
        Optional<IpRange> range = Optional.empty();
        if (ip != null && !ip.isBlank()) {
            try {
                range = Optional.of(IpRange.parse(ip));
            } catch (IllegalArgumentException e) {
                problems.add(prefix + "ip", e.getMessage());
            }
        }
        // A condition per method in the query: bounded, or a long list makes more bind parameters than a database
        // takes in one statement.
        if (set(authMethods).size() > MAX_METHODS) {
            problems.add(prefix + "authMethods", "names more than " + MAX_METHODS + " methods");
        }
        if (set(withoutAuthMethods).size() > MAX_METHODS) {
            problems.add(prefix + "withoutAuthMethods", "names more than " + MAX_METHODS + " methods");
        }
        return SessionFilter.ALL
                .withUserIds(users)
                .withClientId(client)
                .withIpRange(range)
                .withUserAgentContains(Optional.ofNullable(userAgent))
                .withCreatedBefore(TimeParam.parse(prefix + "createdBefore", createdBefore, problems))
                .withCreatedAfter(TimeParam.parse(prefix + "createdAfter", createdAfter, problems))
                .withLastActiveBefore(TimeParam.parse(prefix + "lastActiveBefore", lastActiveBefore, problems))
                .withAuthMethods(set(authMethods), set(withoutAuthMethods))
                .withGroupIds(groupIds(realm, store, prefix, problems))
                .withSpreadAtLeast(
                        atLeastTwo(prefix + "concurrentSessionsAtLeast", concurrentSessionsAtLeast, problems),
                        atLeastTwo(prefix + "distinctNetworksAtLeast", distinctNetworksAtLeast, problems));
    }

    /**
     * A count of sessions or networks at once: blank for no condition, else a whole number from 2 (every signed-in
     * user has one session from one network, so 1 would select everybody and is refused as a likely mistake).
     */
    public static int atLeastTwo(String field, String value, FieldProblems problems) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int n = AsciiNumbers.parseInt(value.strip());
            if (n >= 2 && n <= SharingDetection.MAX_THRESHOLD) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(field, "must be a whole number from 2 to " + SharingDetection.MAX_THRESHOLD);
        return 0;
    }

    /** The ids of the groups named by id in {@code groupIds} and by name in {@code groups}; unknown ones are problems. */
    private Set<String> groupIds(Realm realm, Store store, String prefix, FieldProblems problems) {
        Set<String> ids = set(groupIds);
        Set<String> names = set(groups);
        if (ids.size() + names.size() > MAX_GROUPS) {
            problems.add(prefix + (ids.isEmpty() ? "groups" : "groupIds"), "names more than " + MAX_GROUPS + " groups");
            return Set.of();
        }
        Set<String> found = new LinkedHashSet<>();
        List<String> unknownIds = new ArrayList<>();
        for (String id : ids) {
            store.groups().find(realm.id(), id).ifPresentOrElse(g -> found.add(g.id()), () -> unknownIds.add(id));
        }
        List<String> unknownNames = new ArrayList<>();
        for (String name : names) {
            store.groups()
                    .findByName(realm.id(), name)
                    .ifPresentOrElse(g -> found.add(g.id()), () -> unknownNames.add(name));
        }
        if (!unknownIds.isEmpty()) {
            problems.add(
                    prefix + "groupIds",
                    "unknown group id(s) in realm '" + realm.name() + "': " + String.join(", ", unknownIds));
        }
        if (!unknownNames.isEmpty()) {
            problems.add(
                    prefix + "groups",
                    "no group(s) named " + String.join(", ", unknownNames) + " in realm '" + realm.name() + "'");
        }
        return found;
    }

    private static Set<String> set(List<String> values) {
        return values == null
                ? Set.of()
                : Set.copyOf(values.stream().filter(v -> !v.isBlank()).toList());
    }
}
