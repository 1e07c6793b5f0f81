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
        Set<String> groupIds) {

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
            Set.of());

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
                && (groupIds.isEmpty() || groupIds.stream().anyMatch(userGroupIds::contains));
    }

    public SessionFilter withUserIds(Set<String> v) {
        return new SessionFilter(
                v,
                clientId,
                ipRange,
                userAgentContains,
                createdBefore,
                createdAfter,
                lastActiveBefore,
                authMethodsPresent,
                authMethodsAbsent,
                groupIds);
    }

    public SessionFilter withClientId(Optional<String> v) {
        return new SessionFilter(
                userIds,
                v,
                ipRange,
                userAgentContains,
                createdBefore,
                createdAfter,
                lastActiveBefore,
                authMethodsPresent,
                authMethodsAbsent,
                groupIds);
    }

    public SessionFilter withIpRange(Optional<IpRange> v) {
        return new SessionFilter(
                userIds,
                clientId,
                v,
                userAgentContains,
                createdBefore,
                createdAfter,
                lastActiveBefore,
                authMethodsPresent,
                authMethodsAbsent,
                groupIds);
    }

    public SessionFilter withUserAgentContains(Optional<String> v) {
        return new SessionFilter(
                userIds,
                clientId,
                ipRange,
                v,
                createdBefore,
                createdAfter,
                lastActiveBefore,
                authMethodsPresent,
                authMethodsAbsent,
                groupIds);
    }

    public SessionFilter withCreatedBefore(Optional<Instant> v) {
        return new SessionFilter(
                userIds,
                clientId,
                ipRange,
                userAgentContains,
                v,
                createdAfter,
                lastActiveBefore,
                authMethodsPresent,
                authMethodsAbsent,
                groupIds);
    }

    public SessionFilter withCreatedAfter(Optional<Instant> v) {
        return new SessionFilter(
                userIds,
                clientId,
                ipRange,
                userAgentContains,
                createdBefore,
                v,
                lastActiveBefore,
                authMethodsPresent,
                authMethodsAbsent,
                groupIds);
    }

    public SessionFilter withLastActiveBefore(Optional<Instant> v) {
        return new SessionFilter(
                userIds,
                clientId,
                ipRange,
                userAgentContains,
                createdBefore,
                createdAfter,
                v,
                authMethodsPresent,
                authMethodsAbsent,
                groupIds);
    }

    public SessionFilter withAuthMethods(Set<String> present, Set<String> absent) {
        return new SessionFilter(
                userIds,
                clientId,
                ipRange,
                userAgentContains,
                createdBefore,
                createdAfter,
                lastActiveBefore,
                present,
                absent,
                groupIds);
    }

    public SessionFilter withGroupIds(Set<String> v) {
        return new SessionFilter(
                userIds,
                clientId,
                ipRange,
                userAgentContains,
                createdBefore,
                createdAfter,
                lastActiveBefore,
                authMethodsPresent,
                authMethodsAbsent,
                v);
    }
}
