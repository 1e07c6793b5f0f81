package dev.curfew.bench.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.bench.support.AdminApi;
import dev.curfew.bench.support.BenchDatabase;
import dev.curfew.bench.support.BenchJvm;
import dev.curfew.bench.support.BenchServer;
import dev.curfew.bench.support.CpuMeter;
import dev.curfew.bench.support.Seeder;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.engine.backchannel.LogoutTokens;
import dev.curfew.engine.delivery.DeliverySettings;
import dev.curfew.server.CurfewServer;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Delivery throughput of OpenID Connect back-channel logout tokens after a realm sign-out, on the real server in
 * this JVM: a realm (RS256 or ES256 keys) is seeded with N sessions (default 100,000), each with one client
 * session of one client whose {@code backchannel.logout.url} is a {@link TokenReceiver} in this JVM on 127.0.0.1;
 * then {@code POST /admin/realms/{realm}/sign-outs {"scope":{"type":"realm"}}} and the clock runs until the
 * receiver holds N distinct {@code jti}s. Measured: the API answer, the time until the clean-up queued every
 * token (the sign-out's {@code completedAt}), the first and the N-th token at the receiver, tokens per second,
 * the dispatcher's mean attempt time (sign + POST), CPU per token, and the signing rate of one thread on the
 * same key for comparison. Each server {@code --variant} (delivery configuration keys) runs the algorithms side by
 * side in one run. Bounded by {@code --max-minutes} and, per sign-out, {@code --delivery-minutes}. Only localhost.
 */
public final class DeliveryBench {
    private static final String ADMIN_PASSWORD = "delivery-bench-admin-password";

    private final Options options;
    private final long deadline;
    /** column ("variant alg") -> figure -> text. */
    private final Map<String, Map<String, String>> results = new LinkedHashMap<>();

    private final Map<String, String> settingsByVariant = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private int realmCounter;

    private DeliveryBench(Options options) {
        this.options = options;
        this.deadline =
                System.nanoTime() + Duration.ofMinutes(options.maxMinutes).toNanos();
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        BenchJvm.quietLogs();
        new DeliveryBench(options).run();
    }

    private void run() throws Exception {
        long start = System.nanoTime();
        BenchJvm.printMachine("start");
        try (TokenReceiver receiver = new TokenReceiver()) {
            for (String dbName : options.databases) {
                System.out.println("== " + dbName + " ==");
                try (BenchDatabase db = BenchDatabase.open(dbName)) {
                    System.out.println("database: " + db.facts());
                    for (Map.Entry<String, Map<String, String>> variant : options.variants.entrySet()) {
                        if (pastDeadline()) {
                            notes.add(dbName + " " + variant.getKey() + ": skipped, time limit reached");
                            continue;
                        }
                        runVariant(db, receiver, variant.getKey(), variant.getValue());
                    }
                }
            }
            if (receiver.unexpected() > 0) {
                notes.add(receiver.unexpected() + " requests reached the receiver at paths no sign-out used");
            }
        }
        System.out.println();
        printTable();
        BenchJvm.printMachine("end");
        System.out.printf(Locale.ROOT, "total run time: %.1f min%n", (System.nanoTime() - start) / 60e9);
    }

    private void runVariant(BenchDatabase db, TokenReceiver receiver, String variant, Map<String, String> config)
            throws Exception {
        // The token receiver listens on 127.0.0.1, which Curfew sends to only when the operator allows it.
        Map<String, String> withReceiver = new HashMap<>(config);
        withReceiver.put("outbound-allow", "127.0.0.1/32");
        try (BenchServer bench = BenchServer.start(db, ADMIN_PASSWORD, withReceiver)) {
            CurfewServer server = bench.server();
            DeliverySettings settings = server.services().config().delivery();
            settingsByVariant.put(variant, describe(settings) + (config.isEmpty() ? "" : "  (" + config + ")"));
            System.out.println("-- variant " + variant + ": " + settingsByVariant.get(variant));
            AdminApi api = new AdminApi(server.port(), "admin", ADMIN_PASSWORD);
            CpuMeter cpu = new CpuMeter(db.serverProcess());
            // Warm-up (not reported): a small sign-out per algorithm, so the JIT, the pools and the connections
            // are warm.
            for (String alg : options.algorithms) {
                measure(db, server, api, cpu, receiver, variant, alg, Math.min(2000, options.sessions), false);
            }
            for (String alg : options.algorithms) {
                if (pastDeadline()) {
                    notes.add(db.name() + " " + variant + " " + alg + ": skipped, time limit reached");
                    continue;
                }
                measure(db, server, api, cpu, receiver, variant, alg, options.sessions, true);
            }
        }
    }

    private void measure(
            BenchDatabase db,
            CurfewServer server,
            AdminApi api,
            CpuMeter cpu,
            TokenReceiver receiver,
            String variant,
            String alg,
            long n,
            boolean report)
            throws Exception {
        String label = (report ? "" : "warm-up ") + db.name() + " " + variant + " " + alg + " N=" + n;
        String name = "delivery-" + (++realmCounter);
        Realm realm = server.services()
                .realms()
                .create(
                        name,
                        name,
                        true,
                        new RealmSettings(
                                Duration.ofMinutes(5),
                                Duration.ofHours(10),
                                Duration.ofHours(10),
                                Duration.ofSeconds(60),
                                alg));
        // One client, so every session has exactly one client session with it: N logout tokens, one receiver.
        Seeder.Seeded seeded = Seeder.seed(db, realm.id(), options.users, 1, n, n * 7 + realmCounter);
        String path = "/backchannel/" + name;
        api.updateClient(
                name,
                seeded.clientIds().getFirst(),
                "{\"attributes\":{\"backchannel.logout.url\":\"" + receiver.url(path) + "\"}}");
        double signRate = report ? signingRate(server, realm.id(), name) : 0;

        TokenReceiver.Expected expected = receiver.expect(path, n);
        Timer attempts =
                server.services().meters().find("curfew.delivery.attempt").timer();
        long attemptsBefore = attempts == null ? 0 : attempts.count();
        double attemptMillisBefore = attempts == null ? 0 : attempts.totalTime(TimeUnit.MILLISECONDS);
        CpuMeter.Mark cpuStart = cpu.start();
        long t0 = System.nanoTime();
        Instant t0Wall = Instant.now();
        AdminApi.Timed answer = api.signOut(name, "{\"type\":\"realm\"}", Duration.ofMinutes(1));
        long limit = t0 + Duration.ofMinutes(options.deliveryMinutes).toNanos();

        // The clean-up queues the tokens batch by batch while the dispatcher already delivers.
        String signOutId = answer.body().path("id").asText();
        JsonNode state = answer.body();
        while (!"COMPLETED".equals(state.path("status").asText()) && System.nanoTime() < limit) {
            Thread.sleep(100);
            state = api.signOutStatus(name, signOutId);
        }
        long deliveredWhenQueued = expected.distinct();
        boolean queued = "COMPLETED".equals(state.path("status").asText());
        double queuedSeconds = queued
                ? Duration.between(
                                        t0Wall,
                                        Instant.parse(state.path("completedAt").asText()))
                                .toMillis()
                        / 1e3
                : Double.NaN;
        boolean all = expected.await(Math.max(0, limit - System.nanoTime()), TimeUnit.NANOSECONDS);
        long end = all ? expected.allAt : System.nanoTime();
        double cpuMillis = cpu.millisSince(cpuStart);
        double allSeconds = (end - t0) / 1e9;
        double firstSeconds = expected.firstAt == 0 ? Double.NaN : (expected.firstAt - t0) / 1e9;
        long distinct = expected.distinct();
        double overall = distinct / allSeconds;
        double steady = distinct > 1 ? (distinct - 1) / ((end - expected.firstAt) / 1e9) : Double.NaN;
        long attemptCount = attempts == null ? 0 : attempts.count() - attemptsBefore;
        double attemptMean = attemptCount == 0
                ? Double.NaN
                : (attempts.totalTime(TimeUnit.MILLISECONDS) - attemptMillisBefore) / attemptCount;
        if (!all) {
            String note = label + ": " + distinct + " of " + n + " tokens within " + options.deliveryMinutes
                    + " min (rates are lower bounds); the rest of its queue was removed";
            notes.add(note);
            System.out.println("  " + note);
            dropQueued(db, realm.id());
        }
        System.out.printf(
                Locale.ROOT,
                "  [%s] seeded in %.1f s; API %.1f ms; all queued at %.2f s (%,d delivered by then); first token at"
                        + " %.3f s; %,d distinct at %.2f s: %,.0f tokens/s overall, %,.0f/s from the first;"
                        + " attempt mean %.2f ms (%,d attempts); CPU %.2f ms per token; duplicates %d, malformed %d;"
                        + " one thread signs %,.0f/s%n",
                label,
                seeded.took().toNanos() / 1e9,
                answer.millis(),
                queuedSeconds,
                deliveredWhenQueued,
                firstSeconds,
                distinct,
                allSeconds,
                overall,
                steady,
                attemptMean,
                attemptCount,
                cpuMillis / Math.max(1, distinct),
                expected.duplicates.get(),
                expected.malformed.get(),
                signRate);
        if (!report) {
            return;
        }
        Map<String, String> column =
                results.computeIfAbsent(db.name() + " " + variant + " " + alg, k -> new LinkedHashMap<>());
        column.put("sessions (= client sessions = tokens)", String.format(Locale.ROOT, "%,d", n));
        column.put(
                "seed: time", String.format(Locale.ROOT, "%.1f s", seeded.took().toNanos() / 1e9));
        column.put("realm sign-out: API answer", String.format(Locale.ROOT, "%.1f ms", answer.millis()));
        column.put(
                "all tokens queued (clean-up done)",
                String.format(Locale.ROOT, "%.2f s (%,d delivered by then)", queuedSeconds, deliveredWhenQueued));
        column.put("first token at the receiver", String.format(Locale.ROOT, "%.3f s", firstSeconds));
        column.put(
                "all tokens at the receiver",
                String.format(Locale.ROOT, "%.1f s (%,d of %,d)%s", allSeconds, distinct, n, all ? "" : " TIMED OUT"));
        column.put("tokens/s overall (N / last)", String.format(Locale.ROOT, "%,.0f", overall));
        column.put("tokens/s from the first token", String.format(Locale.ROOT, "%,.0f", steady));
        column.put(
                "dispatcher attempt mean (sign+POST)",
                String.format(Locale.ROOT, "%.3f ms (%,d)", attemptMean, attemptCount));
        column.put("per token outside the attempt", String.format(Locale.ROOT, "%.3f ms", 1000 / steady - attemptMean));
        column.put(
                "CPU per token (JVM" + (db.serverProcess().isPresent() ? " + db" : "") + ")",
                String.format(Locale.ROOT, "%.3f ms", cpuMillis / Math.max(1, distinct)));
        column.put("duplicates / malformed", expected.duplicates.get() + " / " + expected.malformed.get());
        column.put("one thread signs (same key)", String.format(Locale.ROOT, "%,.0f tokens/s", signRate));
    }

    /**
     * Logout tokens one thread signs per second with the realm's key, as the dispatcher does per attempt
     * ({@link LogoutTokens#sign}: parse the stored claims, set iat/exp, sign): the bound a single delivery
     * thread cannot pass. 1.5 s after 0.5 s of warm-up.
     */
    private static double signingRate(CurfewServer server, String realmId, String realmName) {
        LogoutTokens tokens = new LogoutTokens(server.services().tokenIssuer(), Clock.systemUTC());
        String content = LogoutTokens.content(
                        server.localUrl() + "/realms/" + realmName, "app-0", "user", "session", "jti-0")
                .toString();
        long warm = System.nanoTime() + 500_000_000L;
        while (System.nanoTime() < warm) {
            tokens.sign(realmId, content);
        }
        long start = System.nanoTime();
        long stop = start + 1_500_000_000L;
        long count = 0;
        while (System.nanoTime() < stop) {
            tokens.sign(realmId, content);
            count++;
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * After a time-out: the realm's undelivered tokens would otherwise compete with the next measurement. The
     * dispatcher may hold some of the rows meanwhile (H2 then reports a deadlock): a few tries, 200 ms apart.
     */
    private static void dropQueued(BenchDatabase db, String realmId) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = db.connect();
                    PreparedStatement s =
                            c.prepareStatement("DELETE FROM outbox WHERE realm_id = ? AND status = 'QUEUED'")) {
                s.setString(1, realmId);
                s.executeUpdate();
                return;
            } catch (SQLException e) {
                if (attempt == 5) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static String describe(DeliverySettings s) {
        return String.format(
                Locale.ROOT,
                "batch %d, concurrency %d (receivers at once; one request in flight per receiver), claim lease %s,"
                        + " request timeout %s, max age %s, poll %s",
                s.batchSize(),
                s.concurrency(),
                human(s.claimLease()),
                human(s.requestTimeout()),
                human(s.maxAge()),
                human(s.pollInterval()));
    }

    private static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private boolean pastDeadline() {
        return System.nanoTime() > deadline;
    }

    private void printTable() {
        if (results.isEmpty()) {
            System.out.println("no figures measured");
        } else {
            List<String> columns = new ArrayList<>(results.keySet());
            List<String> figures =
                    new ArrayList<>(results.get(columns.getFirst()).keySet());
            int figureWidth = figures.stream().mapToInt(String::length).max().orElse(10) + 2;
            int cellWidth = 34;
            StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-" + figureWidth + "s", "figure"));
            columns.forEach(c -> header.append(String.format(Locale.ROOT, " %-" + cellWidth + "s", c)));
            System.out.println(header);
            System.out.println("-".repeat(header.length()));
            for (String figure : figures) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-" + figureWidth + "s", figure));
                for (String c : columns) {
                    row.append(String.format(
                            Locale.ROOT, " %-" + cellWidth + "s", results.get(c).getOrDefault(figure, "-")));
                }
                System.out.println(row);
            }
        }
        System.out.println();
        settingsByVariant.forEach((v, s) -> System.out.println("dispatcher settings, " + v + ": " + s));
        System.out.println("times are from sending the sign-out request; 'all tokens queued' is the sign-out's"
                + " completedAt (its clean-up queues the tokens in the transactions that delete the sessions);"
                + " CPU counts this JVM (server, receiver, benchmark) and the database's processes.");
        notes.forEach(n -> System.out.println("note: " + n));
    }

    /** Command-line options; {@code --help} prints them. */
    static final class Options {
        long sessions = 100_000;
        List<String> algorithms = List.of("RS256", "ES256");
        List<String> databases = List.of("pg");
        Map<String, Map<String, String>> variants = new LinkedHashMap<>();
        int users = 1000;
        int maxMinutes = 20;
        int deliveryMinutes = 8;

        static Options parse(String[] args) {
            Options o = new Options();
            for (String arg : args) {
                String[] kv = arg.split("=", 2);
                String value = kv.length == 2 ? kv[1] : "";
                switch (kv[0]) {
                    case "--sessions" ->
                        o.sessions = Long.parseLong(value.strip().replace("_", ""));
                    case "--algs" -> o.algorithms = list(value);
                    case "--db" -> o.databases = list(value);
                    case "--users" -> o.users = Integer.parseInt(value);
                    case "--max-minutes" -> o.maxMinutes = Integer.parseInt(value);
                    case "--delivery-minutes" -> o.deliveryMinutes = Integer.parseInt(value);
                    case "--variant" -> {
                        // name:key=value,key=value
                        int colon = value.indexOf(':');
                        String name = colon < 0 ? value : value.substring(0, colon);
                        Map<String, String> config = new LinkedHashMap<>();
                        if (colon >= 0) {
                            for (String pair : list(value.substring(colon + 1))) {
                                String[] p = pair.split("=", 2);
                                if (p.length != 2) {
                                    throw new IllegalArgumentException(
                                            "--variant " + value + ": expected name:key=value,key=value");
                                }
                                config.put(p[0].strip(), p[1].strip());
                            }
                        }
                        o.variants.put(name, config);
                    }
                    case "--help", "-h" -> {
                        System.out.println("""
                                usage: bench/delivery.sh [--sessions=100000] [--algs=RS256,ES256] [--db=pg]
                                    [--variant=NAME:key=value,...]... [--users=1000] [--max-minutes=20]
                                    [--delivery-minutes=8]
                                  --sessions          sessions signed out per measurement, each with one client
                                                      session of the receiver's client (1 to 2,000,000)
                                  --algs              realm signing algorithms, side by side (RS256, ES256)
                                  --db                h2 (file) and/or pg (embedded PostgreSQL 18)
                                  --variant           a server started with these configuration keys, e.g.
                                                      --variant=c64:delivery-concurrency=64 (repeatable;
                                                      default one variant 'defaults' with none)
                                  --delivery-minutes  how long one sign-out's tokens may take before the
                                                      measurement is given up (rates are then lower bounds)
                                  --max-minutes       stop measuring after this long and print what was measured""");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + arg + " (try --help)");
                }
            }
            if (o.variants.isEmpty()) {
                o.variants.put("defaults", Map.of());
            }
            if (o.sessions < 1 || o.sessions > 2_000_000) {
                throw new IllegalArgumentException("--sessions must be 1 to 2,000,000");
            }
            for (String alg : o.algorithms) {
                if (!RealmSettings.SUPPORTED_ALGORITHMS.contains(alg)) {
                    throw new IllegalArgumentException(
                            "--algs: " + alg + " is not one of " + RealmSettings.SUPPORTED_ALGORITHMS);
                }
            }
            if (o.users < 1 || o.users > 100_000 || o.maxMinutes < 1 || o.deliveryMinutes < 1) {
                throw new IllegalArgumentException("users 1-100000, max-minutes >= 1, delivery-minutes >= 1");
            }
            return o;
        }

        private static List<String> list(String value) {
            return Arrays.stream(value.split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toList();
        }
    }
}
