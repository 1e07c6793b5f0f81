package dev.curfew.bench.support;

import dev.curfew.core.session.IpRange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Fills a realm (created by the running server, so it has its keys) with users, clients and sessions by
 * batched JDBC inserts, far faster than logging in: rows as {@code V1__schema.sql} and
 * {@code V2__session_control.sql} define them and as the store writes them.
 *
 * <p>The shape, chosen so every sign-out scope has something to hit:
 *
 * <ul>
 *   <li>{@code users} users, session {@code i} belongs to user {@code i % users} (so each user has N/users);
 *   <li>{@code clients} public clients {@code app-0..}; session {@code i} has a client session with client
 *       {@code i % clients}, and every even one also with the next client (1.5 client sessions per session);
 *   <li>the IP address is {@code 10.B.x.y} where the second octet falls in one of ten /12 blocks chosen at
 *       random: {@code 10.0.0.0/12}, {@code 10.16.0.0/12}, ... {@code 10.144.0.0/12} each hold ~10 % of the
 *       sessions;
 *   <li>created between 1 minute and 8 hours ago, last active in the last 10 minutes (the benchmark realms
 *       allow 10 hours of idleness, so nothing expires during a run); refresh tokens and codes: none.
 * </ul>
 */
public final class Seeder {
    /** Rows per JDBC batch, and batches per transaction. */
    private static final int BATCH = 2000;

    private static final int TX_BATCHES = 5;

    public static final int IP_BLOCKS = 10;

    private static final String[] USER_AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:143.0) Gecko/20100101 Firefox/143.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "curl/8.12.1"
    };

    private static final String[] AUTH_METHODS = {"pwd", "otp\npwd"};

    /** What a seeded realm holds, for choosing sign-out scopes. */
    public record Seeded(
            List<String> userIds, List<String> clientIds, long sessions, long clientSessions, Duration took) {}

    private Seeder() {}

    /** The CIDR of IP block {@code b} (0-9), each holding ~10 % of a realm's sessions. */
    public static String ipBlock(int b) {
        return "10." + (16 * b) + ".0.0/12";
    }

    public static Seeded seed(BenchDatabase db, String realmId, int users, int clients, long sessions, long seed)
            throws SQLException {
        long start = System.nanoTime();
        Random random = new Random(seed);
        long now = Instant.now().toEpochMilli();
        List<String> userIds = new ArrayList<>(users);
        List<String> clientIds = new ArrayList<>(clients);
        long clientSessions = 0;
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement u = c.prepareStatement(
                    "INSERT INTO users (id, realm_id, username, email, first_name, last_name, enabled, not_before,"
                            + " created_at) VALUES (?, ?, ?, ?, NULL, NULL, TRUE, NULL, ?)")) {
                for (int i = 0; i < users; i++) {
                    String id = uuid(random);
                    userIds.add(id);
                    u.setString(1, id);
                    u.setString(2, realmId);
                    u.setString(3, "user-" + i);
                    u.setString(4, "user-" + i + "@example.com");
                    u.setLong(5, now - Duration.ofDays(30).toMillis());
                    u.addBatch();
                }
                u.executeBatch();
            }
            try (PreparedStatement cl =
                    c.prepareStatement("INSERT INTO clients (id, realm_id, client_id, name, enabled,"
                            + " public_client, secret_hash, redirect_uris, post_logout_redirect_uris, standard_flow,"
                            + " direct_access_grants, service_accounts, access_token_lifespan, not_before, created_at)"
                            + " VALUES (?, ?, ?, ?, TRUE, TRUE, NULL, ?, '', TRUE, FALSE, FALSE, NULL, NULL, ?)")) {
                for (int i = 0; i < clients; i++) {
                    String id = uuid(random);
                    clientIds.add(id);
                    cl.setString(1, id);
                    cl.setString(2, realmId);
                    cl.setString(3, "app-" + i);
                    cl.setString(4, "App " + i);
                    cl.setString(5, "https://app-" + i + ".example.com/callback");
                    cl.setLong(6, now - Duration.ofDays(30).toMillis());
                    cl.addBatch();
                }
                cl.executeBatch();
            }
            c.commit();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO user_sessions (id, realm_id, user_id,"
                            + " cookie_hash, created_at, last_active_at, ip_address, ip_key, user_agent, auth_methods)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement cs = c.prepareStatement("INSERT INTO client_sessions (session_id, client_id,"
                            + " created_at, last_active_at) VALUES (?, ?, ?, ?)")) {
                byte[] cookie = new byte[32];
                Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
                int inBatch = 0;
                int batches = 0;
                for (long i = 0; i < sessions; i++) {
                    String id = uuid(random);
                    long created = now
                            - 60_000
                            - (long) (random.nextDouble() * Duration.ofHours(8).toMillis());
                    long lastActive = Math.max(created, now - random.nextInt(600_000));
                    String ip = "10." + (16 * random.nextInt(IP_BLOCKS) + random.nextInt(16)) + "."
                            + random.nextInt(256) + "." + (1 + random.nextInt(254));
                    random.nextBytes(cookie);
                    s.setString(1, id);
                    s.setString(2, realmId);
                    s.setString(3, userIds.get((int) (i % users)));
                    s.setString(4, b64.encodeToString(cookie));
                    s.setLong(5, created);
                    s.setLong(6, lastActive);
                    s.setString(7, ip);
                    s.setString(8, IpRange.key(ip));
                    s.setString(9, USER_AGENTS[random.nextInt(USER_AGENTS.length)]);
                    s.setString(10, AUTH_METHODS[random.nextInt(AUTH_METHODS.length)]);
                    s.addBatch();
                    int first = (int) (i % clients);
                    clientSessions += addClientSession(cs, id, clientIds.get(first), created, lastActive);
                    if (i % 2 == 0 && clients > 1) {
                        clientSessions += addClientSession(
                                cs, id, clientIds.get((first + 1) % clients), created + 1000, lastActive);
                    }
                    if (++inBatch == BATCH) {
                        s.executeBatch();
                        cs.executeBatch();
                        inBatch = 0;
                        if (++batches % TX_BATCHES == 0) {
                            c.commit();
                        }
                    }
                }
                if (inBatch > 0) {
                    s.executeBatch();
                    cs.executeBatch();
                }
                c.commit();
            }
        }
        return new Seeded(
                List.copyOf(userIds),
                List.copyOf(clientIds),
                sessions,
                clientSessions,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static int addClientSession(
            PreparedStatement cs, String sessionId, String clientId, long created, long last) throws SQLException {
        cs.setString(1, sessionId);
        cs.setString(2, clientId);
        cs.setLong(3, created);
        cs.setLong(4, Math.max(created, last));
        cs.addBatch();
        return 1;
    }

    /** A random (version 4 shaped) UUID from the seeded generator, like the ids the server makes. */
    private static String uuid(Random random) {
        long msb = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
