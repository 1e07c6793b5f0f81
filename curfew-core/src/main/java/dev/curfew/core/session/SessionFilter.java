package dev.curfew.core.session;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which sessions of a realm match: every present condition must hold (AND); empty fields do not filter.
 *
 * @param userIds sessions of any of these users
 * @param clientId internal id of a client: sessions in which that client has a client session
 * @param ipRange the session's IP address lies in this range
 * @param userAgentContains case-insensitive substring of the user agent
 * @param createdBefore created strictly before
 * @param createdAfter created strictly after
 * @param lastActiveBefore last used strictly before
 * @param authMethodsPresent every one of these authentication methods was used
 * @param authMethodsAbsent none of these was used
 * @param groupIds sessions of users who belong to any of these groups (ids, as {@code user_groups} has them)
 * @param concurrentSessionsAtLeast sessions of users who hold at least this many sessions in the realm (the
 *     matching ones and the others); 0 for no condition
 * @param distinctNetworksAtLeast sessions of users whose sessions come from at least this many networks
 *     ({@link Networks}); 0 for no condition
 */
public record SessionFilter(
        Set<String> userIds,
        Optional<String> clientId,
        Optional<IpRange> ipRange,
        Optional<String> userAgentContains,
        Optional<Instant> createdBefore,
        Optional<Instant> createdAfter,
        Optional<Instant> lastActiveBefore,
        Set<String> authMethodsPresent,
        Set<String> authMethodsAbsent,
        Set<String> groupIds,
        int concurrentSessionsAtLeast,
        int distinctNetworksAtLeast) {

    public static final SessionFilter ALL = new SessionFilter(
            Set.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Set.of(),
            Set.of(),
            Set.of(),
            0,
            0);

    public SessionFilter {
        userIds = Set.copyOf(userIds);
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(ipRange, "ipRange");
        userAgentContains = userAgentContains.filter(s -> !s.isBlank());
        Objects.requireNonNull(createdBefore, "createdBefore");
        Objects.requireNonNull(createdAfter, "createdAfter");
        Objects.requireNonNull(lastActiveBefore, "lastActiveBefore");
        authMethodsPresent = Set.copyOf(authMethodsPresent);
        authMethodsAbsent = Set.copyOf(authMethodsAbsent);
        groupIds = Set.copyOf(groupIds);
        if (concurrentSessionsAtLeast < 0 || distinctNetworksAtLeast < 0) {
            throw new IllegalArgumentException("a session or network count must be 0 (no condition) or positive");
        }
    }

    public static SessionFilter ofUser(String userId) {
        return ALL.withUserIds(Set.of(userId));
    }

    public static SessionFilter ofClient(String clientId) {
        return ALL.withClientId(Optional.of(clientId));
    }

    /** True when no condition is set: the filter matches every session of the realm. */
    public boolean isEmpty() {
        return equals(ALL);
    }

    /** The same test the store applies in SQL, for a session whose client ids are known and whose user is in no group. */
    public boolean matches(UserSession s, Set<String> sessionClientIds) {
        return matches(s, sessionClientIds, Set.of());
    }

    /** The same test the store applies in SQL, for a session whose client ids and whose user's groups are known. */
    public boolean matches(UserSession s, Set<String> sessionClientIds, Set<String> userGroupIds) {
        return matches(s, sessionClientIds, userGroupIds, UserSpread.NONE);
    }

    /**
     * The same test the store applies in SQL, for a session whose client ids, whose user's groups and whose user's
     * spread (over all their sessions in the realm) are known.
     */
    public boolean matches(UserSession s, Set<String> sessionClientIds, Set<String> userGroupIds, UserSpread spread) {
        String ua = s.userAgent().toLowerCase(java.util.Locale.ROOT);
        return (userIds.isEmpty() || userIds.contains(s.userId()))
                && clientId.map(sessionClientIds::contains).orElse(true)
                && ipRange.map(r -> r.contains(s.ipAddress())).orElse(true)
                && userAgentContains
                        .map(t -> ua.contains(t.toLowerCase(java.util.Locale.ROOT)))
                        .orElse(true)
                && createdBefore.map(t -> s.createdAt().isBefore(t)).orElse(true)
                && createdAfter.map(t -> s.createdAt().isAfter(t)).orElse(true)
                && lastActiveBefore.map(t -> s.lastActiveAt().isBefore(t)).orElse(true)
                && s.authMethods().containsAll(authMethodsPresent)
                && authMethodsAbsent.stream().noneMatch(s.authMethods()::contains)
                && (groupIds.isEmpty() || groupIds.stream().anyMatch(userGroupIds::contains))
                && spread.sessions() >= concurrentSessionsAtLeast
                && spread.networks() >= distinctNetworksAtLeast;
    }

    public SessionFilter withUserIds(Set<String> v) {
        return copy(b -> b.userIds = v);
    }

    public SessionFilter withClientId(Optional<String> v) {
        return copy(b -> b.clientId = v);
    }

    public SessionFilter withIpRange(Optional<IpRange> v) {
        return copy(b -> b.ipRange = v);
    }

    public SessionFilter withUserAgentContains(Optional<String> v) {
        return copy(b -> b.userAgentContains = v);
    }

    public SessionFilter withCreatedBefore(Optional<Instant> v) {
        return copy(b -> b.createdBefore = v);
    }

    public SessionFilter withCreatedAfter(Optional<Instant> v) {
        return copy(b -> b.createdAfter = v);
    }

    public SessionFilter withLastActiveBefore(Optional<Instant> v) {
        return copy(b -> b.lastActiveBefore = v);
    }

    public SessionFilter withAuthMethods(Set<String> present, Set<String> absent) {
        return copy(b -> {
            b.authMethodsPresent = present;
            b.authMethodsAbsent = absent;
        });
    }

    public SessionFilter withGroupIds(Set<String> v) {
        return copy(b -> b.groupIds = v);
    }

    /** Sessions of users who hold at least {@code sessions} sessions, from at least {@code networks} networks. */
    public SessionFilter withSpreadAtLeast(int sessions, int networks) {
        return copy(b -> {
            b.concurrentSessionsAtLeast = sessions;
            b.distinctNetworksAtLeast = networks;
        });
    }

    /** Whether the filter asks about the user's spread, which the in-memory test needs to know. */
    public boolean needsSpread() {
        return concurrentSessionsAtLeast > 0 || distinctNetworksAtLeast > 0;
    }

    private SessionFilter copy(java.util.function.Consumer<Fields> change) {
        Fields f = new Fields(this);
        change.accept(f);
        return new SessionFilter(
                f.userIds,
                f.clientId,
                f.ipRange,
                f.userAgentContains,
                f.createdBefore,
                f.createdAfter,
                f.lastActiveBefore,
                f.authMethodsPresent,
                f.authMethodsAbsent,
                f.groupIds,
                f.concurrentSessionsAtLeast,
                f.distinctNetworksAtLeast);
    }

    /** The fields while one of them changes: each wither changes one and keeps the rest. */
    private static final class Fields {
        Set<String> userIds;
        Optional<String> clientId;
        Optional<IpRange> ipRange;
        Optional<String> userAgentContains;
        Optional<Instant> createdBefore;
        Optional<Instant> createdAfter;
        Optional<Instant> lastActiveBefore;
        Set<String> authMethodsPresent;
        Set<String> authMethodsAbsent;
        Set<String> groupIds;
        int concurrentSessionsAtLeast;
        int distinctNetworksAtLeast;

        Fields(SessionFilter f) {
            userIds = f.userIds;
            clientId = f.clientId;
            ipRange = f.ipRange;
            userAgentContains = f.userAgentContains;
            createdBefore = f.createdBefore;
            createdAfter = f.createdAfter;
            lastActiveBefore = f.lastActiveBefore;
            authMethodsPresent = f.authMethodsPresent;
            authMethodsAbsent = f.authMethodsAbsent;
            groupIds = f.groupIds;
            concurrentSessionsAtLeast = f.concurrentSessionsAtLeast;
            distinctNetworksAtLeast = f.distinctNetworksAtLeast;
        }
    }
}
