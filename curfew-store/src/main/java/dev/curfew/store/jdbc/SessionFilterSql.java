package dev.curfew.store.jdbc;

import dev.curfew.core.session.IpRange;
import dev.curfew.core.session.Networks;
import dev.curfew.core.session.SessionFilter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A {@link SessionFilter} as a WHERE clause on {@code user_sessions s}: every condition is evaluated by the
 * database, so pages and totals count exactly the matching sessions. It must agree with
 * {@link SessionFilter#matches}, which {@code SessionStoreFilterTest} checks on random sessions and filters.
 */
final class SessionFilterSql {
    /** A session of a client is one in which the client has obtained tokens, i.e. has a client session. */
    private static final String HAS_CLIENT_SESSION =
            "EXISTS (SELECT 1 FROM client_sessions cs WHERE cs.session_id = s.id AND cs.client_id = :clientId)";

    /** Sessions of the members of any of the groups, as they are when the query runs. */
    private static final String IN_GROUPS =
            "s.user_id IN (SELECT gm.user_id FROM group_members gm WHERE gm.group_id IN (<groupIds>))";

    /**
     * The network of a session's address ({@link Networks}), from its {@code ip_key}: an IPv4 /24 or an IPv6 /64;
     * an address that is no IP literal is its own network.
     */
    static String network(String alias) {
        return "CASE WHEN " + alias + ".ip_key = '' THEN " + alias + ".ip_address"
                + " WHEN " + alias + ".ip_key LIKE '" + Networks.IPV4_MAPPED + "%' THEN SUBSTR(" + alias
                + ".ip_key, 1, "
                + Networks.IPV4_NETWORK_DIGITS + ")"
                + " ELSE SUBSTR(" + alias + ".ip_key, 1, " + Networks.IPV6_NETWORK_DIGITS + ") END";
    }

    /** Sessions of the users who hold at least so many sessions in the realm. */
    private static final String CONCURRENT_AT_LEAST = "s.user_id IN (SELECT c.user_id FROM user_sessions c"
            + " WHERE c.realm_id = :realmId GROUP BY c.user_id HAVING COUNT(*) >= :concurrentAtLeast)";

    /** Sessions of the users whose sessions in the realm come from at least so many networks. */
    private static final String NETWORKS_AT_LEAST = "s.user_id IN (SELECT n.user_id FROM user_sessions n"
            + " WHERE n.realm_id = :realmId GROUP BY n.user_id HAVING COUNT(DISTINCT " + network("n")
            + ") >= :networksAtLeast)";

    /**
     * auth_methods holds the methods joined with a line feed (V1__schema.sql); framing it with line feeds
     * lets one LIKE find a whole method, never a part of a longer one.
     */
    private static final String FRAMED_AUTH_METHODS = "(:lf || s.auth_methods || :lf)";

    private static final String LINE_FEED = "\n";

    private SessionFilterSql() {}

    static Where where(String realmId, SessionFilter filter) {
        Where where = new Where().and("s.realm_id = :realmId", "realmId", realmId);
        if (!filter.userIds().isEmpty()) {
            where.andIn("s.user_id IN (<userIds>)", "userIds", filter.userIds());
        }
        filter.clientId().ifPresent(clientId -> where.and(HAS_CLIENT_SESSION, "clientId", clientId));
        filter.ipRange().ifPresent(range -> ipRange(where, range));
        filter.userAgentContains()
                .ifPresent(text -> where.and(
                        "LOWER(s.user_agent) LIKE :userAgent ESCAPE '!'",
                        "userAgent",
                        "%" + Where.escapeLike(text.toLowerCase(Locale.ROOT)) + "%"));
        filter.createdBefore()
                .ifPresent(at -> where.and("s.created_at < :createdBefore", "createdBefore", Columns.millis(at)));
        filter.createdAfter()
                .ifPresent(at -> where.and("s.created_at > :createdAfter", "createdAfter", Columns.millis(at)));
        filter.lastActiveBefore()
                .ifPresent(at ->
                        where.and("s.last_active_at < :lastActiveBefore", "lastActiveBefore", Columns.millis(at)));
        authMethods(where, filter);
        if (!filter.groupIds().isEmpty()) {
            where.andIn(IN_GROUPS, "groupIds", filter.groupIds());
        }
        if (filter.concurrentSessionsAtLeast() > 0) {
            where.and(CONCURRENT_AT_LEAST, "concurrentAtLeast", filter.concurrentSessionsAtLeast());
        }
        if (filter.distinctNetworksAtLeast() > 0) {
            where.and(NETWORKS_AT_LEAST, "networksAtLeast", filter.distinctNetworksAtLeast());
        }
        return where;
    }

    /** Sessions whose address is not an IP literal have the empty key, which no range contains. */
    private static void ipRange(Where where, IpRange range) {
        where.and("s.ip_key <> '' AND s.ip_key BETWEEN :ipLow AND :ipHigh")
                .with("ipLow", range.lowKey())
                .with("ipHigh", range.highKey());
    }

    private static void authMethods(Where where, SessionFilter filter) {
        if (filter.authMethodsPresent().isEmpty() && filter.authMethodsAbsent().isEmpty()) {
            return;
        }
        where.with("lf", LINE_FEED);
        int n = 0;
        for (String method : sorted(filter.authMethodsPresent())) {
            String name = "amrPresent" + n++;
            where.and(FRAMED_AUTH_METHODS + " LIKE :" + name + " ESCAPE '!'", name, framed(method));
        }
        n = 0;
        for (String method : sorted(filter.authMethodsAbsent())) {
            String name = "amrAbsent" + n++;
            where.and(FRAMED_AUTH_METHODS + " NOT LIKE :" + name + " ESCAPE '!'", name, framed(method));
        }
    }

    /** The LIKE pattern of one whole method in the framed column, e.g. {@code %<LF>pwd<LF>%}. */
    private static String framed(String method) {
        return "%" + LINE_FEED + Where.escapeLike(method) + LINE_FEED + "%";
    }

    /** In a fixed order, so that equal filters give equal SQL text (and reuse one prepared statement). */
    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
