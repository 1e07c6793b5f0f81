package dev.curfew.engine.signout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.IpRange;
import dev.curfew.core.session.SessionFilter;
import dev.curfew.core.signout.SignOut;
import dev.curfew.core.signout.SignOutScope;
import dev.curfew.core.store.Store;
import dev.curfew.engine.json.Json;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A sign-out scope as JSON, for the history, the audit log and resuming after a crash. Clients are
 * named by both their internal id ({@code id}, what the scope uses) and their {@code clientId} (what
 * people read), users by id and username; filters keep the original CIDR text.
 */
public final class ScopeDetail {
    private ScopeDetail() {}

    public static String json(SignOutScope scope, Store store, Realm realm) {
        return write(toMap(scope, store, realm));
    }

    public static Map<String, Object> toMap(SignOutScope scope, Store store, Realm realm) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", scope.type());
        switch (scope) {
            case SignOutScope.Realm r -> m.put("realm", realm.name());
            case SignOutScope.User u -> {
                m.put("userId", u.userId());
                store.users().findById(realm.id(), u.userId()).ifPresent(user -> m.put("username", user.username()));
            }
            case SignOutScope.Client c -> {
                m.put("id", c.clientId());
                store.clients()
                        .findById(realm.id(), c.clientId())
                        .ifPresent(client -> m.put("clientId", client.clientId()));
            }
            case SignOutScope.Sessions s -> m.put("sessionIds", s.sessionIds());
            case SignOutScope.Filter f -> m.put("filter", filterMap(f.filter(), store, realm));
        }
        return m;
    }

    static Map<String, Object> filterMap(SessionFilter f, Store store, Realm realm) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!f.userIds().isEmpty()) {
            m.put("userIds", f.userIds().stream().sorted().toList());
            m.put("usernames", usernames(f.userIds(), store, realm));
        }
        f.clientId().ifPresent(id -> {
            m.put("id", id);
            store.clients().findById(realm.id(), id).ifPresent(c -> m.put("clientId", c.clientId()));
        });
        f.ipRange().ifPresent(r -> {
            m.put("ip", r.toCidr());
            m.put("ipRange", List.of(r.lowKey(), r.highKey()));
        });
        f.userAgentContains().ifPresent(v -> m.put("userAgent", v));
        f.createdBefore().ifPresent(v -> m.put("createdBefore", v.toString()));
        f.createdAfter().ifPresent(v -> m.put("createdAfter", v.toString()));
        f.lastActiveBefore().ifPresent(v -> m.put("lastActiveBefore", v.toString()));
        if (!f.authMethodsPresent().isEmpty()) {
            m.put("authMethods", f.authMethodsPresent().stream().sorted().toList());
        }
        if (!f.authMethodsAbsent().isEmpty()) {
            m.put("withoutAuthMethods", f.authMethodsAbsent().stream().sorted().toList());
        }
        if (!f.groupIds().isEmpty()) {
            m.put("groupIds", f.groupIds().stream().sorted().toList());
            m.put("groups", groupNames(f.groupIds(), store, realm));
        }
        if (f.concurrentSessionsAtLeast() > 0) {
            m.put("concurrentSessionsAtLeast", f.concurrentSessionsAtLeast());
        }
        if (f.distinctNetworksAtLeast() > 0) {
            m.put("distinctNetworksAtLeast", f.distinctNetworksAtLeast());
        }
        return m;
    }

    /** Each user id's username, by id, as the session list's {@code clients} names clients: what people read. */
    private static Map<String, String> usernames(Set<String> userIds, Store store, Realm realm) {
        Map<String, String> names = new LinkedHashMap<>();
        userIds.stream()
                .sorted()
                .forEach(
                        id -> store.users().findById(realm.id(), id).ifPresent(user -> names.put(id, user.username())));
        return names;
    }

    /** Each group id's name, by id: what people read. A group deleted since is left out. */
    private static Map<String, String> groupNames(Set<String> groupIds, Store store, Realm realm) {
        Map<String, String> names = new LinkedHashMap<>();
        groupIds.stream()
                .sorted()
                .forEach(id -> store.groups().find(realm.id(), id).ifPresent(group -> names.put(id, group.name())));
        return names;
    }

    /** The scope a stored sign-out was made with (internal ids), to resume it. */
    public static SignOutScope parse(String json) {
        JsonNode n = read(json);
        return switch (n.path("type").asText()) {
            case "realm" -> new SignOutScope.Realm();
            case "user" -> new SignOutScope.User(n.path("userId").asText());
            case "client" -> new SignOutScope.Client(n.path("id").asText());
            case "session" ->
                new SignOutScope.Sessions(strings(n.path("sessionIds")).stream().toList());
            case "filter" -> new SignOutScope.Filter(filter(n.path("filter")));
            default ->
                throw new IllegalArgumentException(
                        "unknown stored scope type: " + n.path("type").asText());
        };
    }

    static Optional<SignOutScope> parseCutOffScope(SignOut record) {
        SignOutScope scope = parse(record.scopeDetail());
        return scope.writesCutOff() ? Optional.of(scope) : Optional.empty();
    }

    private static SessionFilter filter(JsonNode f) {
        SessionFilter filter = SessionFilter.ALL
                .withUserIds(strings(f.path("userIds")))
                .withClientId(text(f, "id"))
                .withUserAgentContains(text(f, "userAgent"))
                .withCreatedBefore(text(f, "createdBefore").map(Instant::parse))
                .withCreatedAfter(text(f, "createdAfter").map(Instant::parse))
                .withLastActiveBefore(text(f, "lastActiveBefore").map(Instant::parse))
                .withAuthMethods(strings(f.path("authMethods")), strings(f.path("withoutAuthMethods")))
                .withGroupIds(strings(f.path("groupIds")))
                .withSpreadAtLeast(
                        f.path("concurrentSessionsAtLeast").asInt(0),
                        f.path("distinctNetworksAtLeast").asInt(0));
        JsonNode range = f.path("ipRange");
        if (range.isArray() && range.size() == 2) {
            filter = filter.withIpRange(
                    Optional.of(new IpRange(range.get(0).asText(), range.get(1).asText())));
        }
        return filter;
    }

    private static Optional<String> text(JsonNode n, String field) {
        return n.hasNonNull(field) ? Optional.of(n.get(field).asText()) : Optional.empty();
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored scope is not JSON", e);
        }
    }

    static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
