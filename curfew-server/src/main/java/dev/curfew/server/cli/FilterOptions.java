package dev.curfew.server.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The session filter, as flags: the same conditions the API's sign-out {@code filter} and session search
 * take. Conditions combine with AND; a repeated {@code --filter-user} or {@code --auth-method} means any of
 * those users, all of those methods.
 */
final class FilterOptions {
    @Option(
            names = "--filter-user",
            paramLabel = "USER",
            description = "Sessions of this user (username or id); repeat for several users.")
    List<String> users = new ArrayList<>();

    @Option(
            names = "--filter-client",
            paramLabel = "CLIENT_ID",
            description = "Sessions that used this client (its clientId).")
    String client;

    @Option(names = "--ip", paramLabel = "CIDR", description = "IP address or range: 10.0.0.0/8, 2001:db8::/32.")
    String ip;

    @Option(names = "--user-agent", paramLabel = "TEXT", description = "Text in the user agent (case-insensitive).")
    String userAgent;

    @Option(
            names = "--created-before",
            paramLabel = "ISO_INSTANT",
            description = "Sessions started before, e.g. 2026-11-27T10:00:00Z.")
    Instant createdBefore;

    @Option(names = "--created-after", paramLabel = "ISO_INSTANT", description = "Sessions started after.")
    Instant createdAfter;

    @Option(names = "--last-active-before", paramLabel = "ISO_INSTANT", description = "Sessions idle since before.")
    Instant lastActiveBefore;

    @Option(
            names = "--auth-method",
            paramLabel = "M",
            description = "Sessions authenticated with this method (pwd, otp...); repeatable.")
    List<String> authMethods = new ArrayList<>();

    @Option(
            names = "--without-auth-method",
            paramLabel = "M",
            description = "Sessions authenticated without this method, e.g. otp to enforce 2FA; repeatable.")
    List<String> withoutAuthMethods = new ArrayList<>();

    @Option(
            names = "--group",
            paramLabel = "NAME",
            description = "Sessions of the members of this group (its name); repeat for several groups.")
    List<String> groups = new ArrayList<>();

    @Option(
            names = "--concurrent-sessions-at-least",
            paramLabel = "N",
            description = "Sessions of users who hold at least N sessions at once (2 or more).")
    Integer concurrentSessionsAtLeast;

    @Option(
            names = "--distinct-networks-at-least",
            paramLabel = "N",
            description = "Sessions of users whose sessions come from at least N networks at once (IPv4 /24, IPv6 /64;"
                    + " 2 or more).")
    Integer distinctNetworksAtLeast;

    boolean isEmpty() {
        return users.isEmpty()
                && client == null
                && ip == null
                && userAgent == null
                && createdBefore == null
                && createdAfter == null
                && lastActiveBefore == null
                && authMethods.isEmpty()
                && withoutAuthMethods.isEmpty()
                && groups.isEmpty()
                && concurrentSessionsAtLeast == null
                && distinctNetworksAtLeast == null;
    }

    /** The API's {@code filter} object, with usernames turned into ids. */
    ObjectNode toJson(Users resolver) {
        ObjectNode filter = AdminClient.JSON.createObjectNode();
        if (!users.isEmpty()) {
            ArrayNode ids = filter.putArray("userIds");
            resolver.ids(users).forEach(ids::add);
        }
        putIfSet(filter, "clientId", client);
        putIfSet(filter, "ip", ip);
        putIfSet(filter, "userAgent", userAgent);
        putIfSet(filter, "createdBefore", createdBefore);
        putIfSet(filter, "createdAfter", createdAfter);
        putIfSet(filter, "lastActiveBefore", lastActiveBefore);
        if (!authMethods.isEmpty()) {
            authMethods.forEach(filter.putArray("authMethods")::add);
        }
        if (!withoutAuthMethods.isEmpty()) {
            withoutAuthMethods.forEach(filter.putArray("withoutAuthMethods")::add);
        }
        if (!groups.isEmpty()) {
            groups.forEach(filter.putArray("groups")::add);
        }
        putIfSet(filter, "concurrentSessionsAtLeast", concurrentSessionsAtLeast);
        putIfSet(filter, "distinctNetworksAtLeast", distinctNetworksAtLeast);
        return filter;
    }

    /** The session search's query parameters, with usernames turned into ids. */
    Map<String, Collection<String>> toQuery(Users resolver) {
        Map<String, Collection<String>> query = new LinkedHashMap<>();
        query.put("userId", users.isEmpty() ? List.of() : resolver.ids(users));
        query.put("clientId", listOf(client));
        query.put("ip", listOf(ip));
        query.put("userAgent", listOf(userAgent));
        query.put("createdBefore", listOf(createdBefore));
        query.put("createdAfter", listOf(createdAfter));
        query.put("lastActiveBefore", listOf(lastActiveBefore));
        query.put("authMethod", authMethods);
        query.put("withoutAuthMethod", withoutAuthMethods);
        query.put("group", groups);
        query.put("concurrentSessionsAtLeast", listOf(concurrentSessionsAtLeast));
        query.put("distinctNetworksAtLeast", listOf(distinctNetworksAtLeast));
        return query;
    }

    private static void putIfSet(ObjectNode node, String name, Object value) {
        if (value != null) {
            node.put(name, value.toString());
        }
    }

    private static List<String> listOf(Object value) {
        return value == null ? List.of() : List.of(value.toString());
    }
}
