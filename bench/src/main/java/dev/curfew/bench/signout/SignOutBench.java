package dev.curfew.bench.signout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.bench.support.AdminApi;
import dev.curfew.bench.support.BenchDatabase;
import dev.curfew.bench.support.BenchJvm;
import dev.curfew.bench.support.BenchServer;
import dev.curfew.bench.support.CpuMeter;
import dev.curfew.bench.support.Seeder;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.util.Secrets;
import dev.curfew.core.validity.RevocationState;
import dev.curfew.server.CurfewServer;
import java.lang.ref.Reference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Measures sign-out against the real server, in-process, on a seeded H2 file database and on an embedded
 * PostgreSQL 18, for several realm sizes side by side in one run:
 *
 * <ul>
 *   <li>the API answer time of {@code POST /admin/realms/{realm}/sign-outs} for realm, client and user
 *       scopes, and for a filter matching ~10 % of the sessions (a /12 IP block);
 *   <li>how long the background clean-up after realm and client sign-outs takes (server-side
 *       {@code completedAt - createdAt}) and how many sessions it removed;
 *   <li>seeding time, heap and database bytes per seeded session, and the heap one revoked session id
 *       costs in {@link RevocationState}.
 * </ul>
 *
 * Every realm a figure is taken on is seeded fresh (realm sign-outs get realms of their own), every
 * clean-up is awaited before the next request, and the whole run is bounded by {@code --max-minutes}.
 * Only localhost is contacted. Run it with {@code bench/signout.sh}; {@code --help} lists the options.
 */
public final class SignOutBench {
    private static final String ADMIN_PASSWORD = "signout-bench-admin-password";
    private static final long MAX_SESSIONS = 2_000_000;
    private static final RealmSettings SETTINGS = new RealmSettings(
            Duration.ofMinutes(5), Duration.ofHours(10), Duration.ofHours(10), Duration.ofSeconds(60), "RS256");

    private final Options options;
    private final long deadline;
    /** db -> figure -> N -> cell. */
    private final Map<String, Map<String, Map<Long, Cell>>> results = new LinkedHashMap<>();

    private final List<String> notes = new ArrayList<>();
    private int realmCounter;
    private CpuMeter cpu = new CpuMeter(java.util.Optional.empty());

    private SignOutBench(Options options) {
        this.options = options;
        this.deadline =
                System.nanoTime() + Duration.ofMinutes(options.maxMinutes).toNanos();
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        BenchJvm.quietLogs();
        new SignOutBench(options).run();
    }

    private void run() throws Exception {
        long start = System.nanoTime();
        BenchJvm.printMachine("start");
        double revokedBytes = revocationStateBytes(100_000);
        System.out.printf(
                Locale.ROOT,
                "RevocationState: %.0f bytes of heap per revoked session id (100,000 ids)%n%n",
                revokedBytes);
        for (String db : options.databases) {
            if (pastDeadline()) {
                notes.add(db + ": skipped, time limit reached");
                continue;
            }
            runOn(db);
        }
        System.out.println();
        printTable(revokedBytes);
        BenchJvm.printMachine("end");
        System.out.printf(Locale.ROOT, "total run time: %.1f min%n", (System.nanoTime() - start) / 60e9);
    }

    private void runOn(String dbName) throws Exception {
        System.out.println("== " + dbName + " ==");
        try (BenchDatabase db = BenchDatabase.open(dbName);
                BenchServer bench = BenchServer.start(db, ADMIN_PASSWORD, Map.of())) {
            CurfewServer server = bench.server();
            System.out.println("database: " + db.facts());
            cpu = new CpuMeter(db.serverProcess());
            AdminApi api = new AdminApi(server.port(), "admin", ADMIN_PASSWORD);
            // Warm-up (not reported): every scope once on a small realm, so the JIT and the pools are warm.
            measureSize(db, server, api, 2000, false);
            for (long n : options.sizes) {
                if (pastDeadline()) {
                    notes.add(dbName + " N=" + n + ": skipped, time limit reached");
                    continue;
                }
                measureSize(db, server, api, n, true);
            }
        }
    }

    /** All figures for one realm size; {@code report} false for the warm-up. */
    private void measureSize(BenchDatabase db, CurfewServer server, AdminApi api, long n, boolean report)
            throws Exception {
        String label = report ? "N=" + n : "warm-up N=" + n;
        Map<String, Map<Long, Cell>> table = results.computeIfAbsent(db.name(), k -> new LinkedHashMap<>());
        // 1. Seed the realm that the client, user and filter sign-outs run on, measuring heap and bytes.
        Realm realm = newRealm(server);
        long heapBefore = BenchJvm.usedHeapAfterGc();
        long bytesBefore = db.sessionBytes();
        Seeder.Seeded seeded = Seeder.seed(db, realm.id(), options.users, options.clients, n, n);
        long heapAfter = BenchJvm.usedHeapAfterGc();
        long bytesAfter = db.sessionBytes();
        double seedSeconds = seeded.took().toNanos() / 1e9;
        log(
                label,
                String.format(
                        Locale.ROOT,
                        "seeded %,d sessions + %,d client sessions in %.1f s (%,.0f sessions/s)",
                        n,
                        seeded.clientSessions(),
                        seedSeconds,
                        n / seedSeconds));
        if (report) {
            put(
                    table,
                    "seed: time (sessions/s)",
                    n,
                    seedSeconds,
                    String.format(Locale.ROOT, "%.1f s (%,.0f/s)", seedSeconds, n / seedSeconds));
            double heapPer = (double) (heapAfter - heapBefore) / n;
            put(
                    table,
                    "heap: delta after seeding, per session",
                    n,
                    heapPer,
                    String.format(Locale.ROOT, "%.0f B (%+.1f MB)", heapPer, (heapAfter - heapBefore) / 1e6));
            double bytesPer = (double) (bytesAfter - bytesBefore) / n;
            put(
                    table,
                    "db: growth per session (+1.5 client sess.)",
                    n,
                    bytesPer,
                    String.format(Locale.ROOT, "%.0f B", bytesPer));
        }

        // 2. Client sign-outs: each client once (each has ~N/2 sessions), awaiting each clean-up.
        Samples clientApi = new Samples();
        Samples clientCleanup = new Samples();
        long clientAffected = 0;
        for (int i = 0; i < (options.runs("client") ? options.clients : 0) && !pastDeadline(); i++) {
            AdminApi.Timed t =
                    signOut(api, clientApi, realm.name(), "{\"type\":\"client\",\"clientId\":\"app-" + i + "\"}");
            if (t == null) {
                break;
            }
            JsonNode done = awaitCleanup(api, realm.name(), t.body());
            clientCleanup.add(cleanupMillis(done));
            clientAffected = done.path("affectedSessions").asLong();
        }
        log(
                label,
                "client sign-out API " + clientApi.summary() + "; clean-up " + clientCleanup.seconds() + " ("
                        + clientAffected + " client sessions each)");
        if (report && clientApi.size() > 0) {
            put(table, "client sign-out: API ms p50/p95/max (n)", n, clientApi.p(50), clientApi.summary());
            put(
                    table,
                    "client clean-up: s median (client sess.)",
                    n,
                    clientCleanup.p(50) / 1000,
                    clientCleanup.seconds() + " (" + String.format(Locale.ROOT, "%,d", clientAffected) + ")");
        }

        // 3. User sign-outs: distinct users, each with N/users sessions.
        Samples userApi = new Samples();
        Samples userCleanup = new Samples();
        long userAffected = 0;
        int userReps = !options.runs("user") ? 0 : report ? Math.min(options.reps, options.users) : 5;
        for (int i = 0; i < userReps && !pastDeadline(); i++) {
            String userId = seeded.userIds().get(i * (options.users / userReps));
            AdminApi.Timed t = signOut(api, userApi, realm.name(), "{\"type\":\"user\",\"userId\":\"" + userId + "\"}");
            if (t == null) {
                break;
            }
            JsonNode done = awaitCleanup(api, realm.name(), t.body());
            userCleanup.add(cleanupMillis(done));
            userAffected = done.path("affectedSessions").asLong();
        }
        log(
                label,
                "user sign-out API " + userApi.summary() + "; clean-up " + userCleanup.seconds() + " (" + userAffected
                        + " sessions each)");
        if (report && userApi.size() > 0) {
            put(table, "user sign-out: API ms p50/p95/max (n)", n, userApi.p(50), userApi.summary());
            put(
                    table,
                    "user clean-up: s median (sessions/user)",
                    n,
                    userCleanup.p(50) / 1000,
                    userCleanup.seconds() + " (" + String.format(Locale.ROOT, "%,d", userAffected) + ")");
        }

        // 4. Filter sign-outs: disjoint /12 blocks, ~10 % of the sessions each; the answer comes when done.
        Samples filterApi = new Samples();
        long filterAffected = 0;
        int filterRuns = !options.runs("filter") ? 0 : report ? options.filterRuns(n) : 1;
        for (int i = 0; i < filterRuns && !pastDeadline(); i++) {
            AdminApi.Timed t = signOut(
                    api,
                    filterApi,
                    realm.name(),
                    "{\"type\":\"filter\",\"filter\":{\"ip\":\"" + Seeder.ipBlock(i) + "\"}}");
            if (t == null) {
                break;
            }
            filterAffected = awaitCleanup(api, realm.name(), t.body())
                    .path("affectedSessions")
                    .asLong();
        }
        log(label, "filter (~10 %) sign-out " + filterApi.seconds() + " (" + filterAffected + " sessions)");
        if (report && filterApi.size() > 0) {
            double perSecond = filterAffected / (filterApi.p(50) / 1000);
            put(
                    table,
                    "filter ~10 %: API s median (sessions, /s)",
                    n,
                    filterApi.p(50) / 1000,
                    filterApi.seconds() + " (" + String.format(Locale.ROOT, "%,d, %,.0f/s", filterAffected, perSecond)
                            + ")");
        }

        // 5. Realm sign-outs: on realms of their own, freshly seeded with N sessions, while that costs at most
        // --realm-budget seeded sessions; above it, once, on the realm above (it still holds most of its N).
        Samples realmApi = new Samples();
        Samples realmCleanup = new Samples();
        long realmAffected = 0;
        int realmReps = !options.runs("realm") ? 0 : report ? options.realmReps(n) : 1;
        for (int i = 0; i < realmReps && !pastDeadline(); i++) {
            Realm target = realm;
            if (options.freshRealms(n)) {
                target = newRealm(server);
                Seeder.seed(db, target.id(), options.users, options.clients, n, n * 31 + i);
            }
            AdminApi.Timed t = signOut(api, realmApi, target.name(), "{\"type\":\"realm\"}");
            if (t == null) {
                break;
            }
            if (n >= 100_000) {
                log(
                        label,
                        String.format(
                                Locale.ROOT, "realm sign-out answered in %.1f ms; awaiting its clean-up", t.millis()));
            }
            JsonNode done = awaitCleanup(api, target.name(), t.body());
            realmCleanup.add(cleanupMillis(done));
            realmAffected = done.path("affectedSessions").asLong();
        }
        log(
                label,
                "realm sign-out API " + realmApi.summary() + "; clean-up " + realmCleanup.seconds() + " ("
                        + realmAffected + " sessions)");
        if (report && realmApi.size() > 0) {
            put(table, "realm sign-out: API ms p50/p95/max (n)", n, realmApi.p(50), realmApi.summary());
            put(
                    table,
                    "realm clean-up: s median (sessions)",
                    n,
                    realmCleanup.p(50) / 1000,
                    realmCleanup.seconds() + " (" + String.format(Locale.ROOT, "%,d", realmAffected) + ")");
        }
    }

    /**
     * One sign-out request, its wall and CPU time recorded in {@code samples}; null (and a note) when it was
     * not answered within {@code --cleanup-minutes}.
     */
    private AdminApi.Timed signOut(AdminApi api, Samples samples, String realm, String scope) throws Exception {
        CpuMeter.Mark cpuStart = cpu.start();
        AdminApi.Timed t;
        try {
            t = api.signOut(realm, scope, Duration.ofMinutes(options.cleanupMinutes));
        } catch (java.net.http.HttpTimeoutException e) {
            String note =
                    "sign-out " + scope + " in " + realm + " not answered within " + options.cleanupMinutes + " min";
            notes.add(note);
            System.out.println("  " + note);
            return null;
        }
        samples.add(t.millis(), cpu.millisSince(cpuStart));
        return t;
    }

    private Realm newRealm(CurfewServer server) {
        String name = "bench-" + (++realmCounter);
        return server.services().realms().create(name, name, true, SETTINGS);
    }

    /**
     * The sign-out once COMPLETED, or as it stands after {@code --cleanup-minutes} (noted; its time then is a
     * lower bound, and the clean-up goes on in the server while the next figures are taken).
     */
    private JsonNode awaitCleanup(AdminApi api, String realm, JsonNode answer) throws Exception {
        if ("COMPLETED".equals(answer.path("status").asText())) {
            return answer;
        }
        Duration timeout = Duration.ofMinutes(options.cleanupMinutes);
        JsonNode state = api.awaitCompleted(realm, answer.path("id").asText(), timeout);
        if (!"COMPLETED".equals(state.path("status").asText())) {
            String note = "clean-up of " + state.path("scope").path("type").asText() + " sign-out in " + realm
                    + " not finished after " + timeout.toMinutes() + " min ("
                    + state.path("affectedSessions").asLong()
                    + " sessions counted so far); its time is a lower bound";
            notes.add(note);
            System.out.println("  " + note);
        }
        return state;
    }

    /** Server-side: from the sign-out's creation to the end of its clean-up. */
    private static double cleanupMillis(JsonNode done) {
        Instant end = done.hasNonNull("completedAt")
                ? Instant.parse(done.path("completedAt").asText())
                : Instant.now();
        return Duration.between(Instant.parse(done.path("createdAt").asText()), end)
                .toMillis();
    }

    /** Heap bytes per revoked session id held in a {@link RevocationState}. */
    private static double revocationStateBytes(int ids) {
        List<String> sids = new ArrayList<>(ids);
        for (int i = 0; i < ids; i++) {
            sids.add(Secrets.newId());
        }
        Instant until = Instant.now().plus(Duration.ofHours(1));
        long before = BenchJvm.usedHeapAfterGc();
        RevocationState state = new RevocationState();
        // Each id is its own String, as when loaded from the store or parsed from a request.
        for (String sid : sids) {
            state.revokeSession(new String(sid.toCharArray()), until);
        }
        long after = BenchJvm.usedHeapAfterGc();
        if (state.revokedSessionCount() != ids) {
            throw new IllegalStateException("expected " + ids + " revoked ids");
        }
        Reference.reachabilityFence(state);
        Reference.reachabilityFence(sids);
        return (double) (after - before) / ids;
    }

    private boolean pastDeadline() {
        return System.nanoTime() > deadline;
    }

    private static void put(Map<String, Map<Long, Cell>> table, String figure, long n, double value, String text) {
        table.computeIfAbsent(figure, k -> new TreeMap<>()).put(n, new Cell(value, text));
    }

    private static void log(String label, String message) {
        System.out.println("  [" + label + "] " + message);
        System.out.flush();
    }

    private void printTable(double revokedBytes) {
        List<Long> sizes = new ArrayList<>(new TreeSet<>(options.sizes));
        int figureWidth = 44;
        int cellWidth = 46;
        StringBuilder header =
                new StringBuilder(String.format(Locale.ROOT, "%-4s %-" + figureWidth + "s", "db", "figure"));
        for (long n : sizes) {
            header.append(
                    String.format(Locale.ROOT, " %-" + cellWidth + "s", "N=" + String.format(Locale.ROOT, "%,d", n)));
        }
        header.append(" ratio ").append(ratioLabel(sizes));
        System.out.println(header);
        System.out.println("-".repeat(header.length()));
        results.forEach((db, figures) -> {
            figures.forEach((figure, cells) -> {
                StringBuilder row =
                        new StringBuilder(String.format(Locale.ROOT, "%-4s %-" + figureWidth + "s", db, figure));
                for (long n : sizes) {
                    Cell c = cells.get(n);
                    row.append(String.format(Locale.ROOT, " %-" + cellWidth + "s", c == null ? "-" : c.text()));
                }
                Cell low = cells.get(sizes.get(0));
                Cell high = cells.get(sizes.get(sizes.size() - 1));
                row.append(" ");
                row.append(
                        low == null || high == null || sizes.size() < 2 || low.value() == 0
                                ? "-"
                                : String.format(Locale.ROOT, "%.2fx", high.value() / low.value()));
                System.out.println(row);
            });
            System.out.println();
        });
        System.out.printf(
                Locale.ROOT, "in-memory RevocationState: %.0f B per revoked session id (100,000 ids)%n", revokedBytes);
        System.out.println("ratio: the figure's first number (p50 / seconds / bytes) at the largest N over the"
                + " smallest N; latencies include HTTP on localhost and the admin token check; cpu: mean CPU ms"
                + " (s for the filter) per request of this JVM (server + client + H2) and PostgreSQL's processes.");
        notes.forEach(n -> System.out.println("note: " + n));
    }

    private static String ratioLabel(List<Long> sizes) {
        return sizes.size() < 2 ? "" : "(" + shortN(sizes.get(sizes.size() - 1)) + "/" + shortN(sizes.get(0)) + ")";
    }

    private static String shortN(long n) {
        return n >= 1_000_000 && n % 1_000_000 == 0
                ? n / 1_000_000 + "M"
                : n >= 1000 && n % 1000 == 0 ? n / 1000 + "k" : Long.toString(n);
    }

    record Cell(double value, String text) {}

    /** Latencies in milliseconds. */
    static final class Samples {
        private final List<Double> values = new ArrayList<>();
        private final List<Double> cpuMillis = new ArrayList<>();

        void add(double millis) {
            values.add(millis);
        }

        void add(double millis, double cpu) {
            values.add(millis);
            cpuMillis.add(cpu);
        }

        /** Mean CPU milliseconds per request (JVM + database processes), or NaN. */
        double cpuMean() {
            return cpuMillis.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        int size() {
            return values.size();
        }

        /** Nearest-rank percentile. */
        double p(int percentile) {
            double[] sorted =
                    values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }

        String summary() {
            if (values.isEmpty()) {
                return "-";
            }
            return String.format(
                    Locale.ROOT, "%.1f / %.1f / %.1f (%d) cpu %.1f", p(50), p(95), p(100), values.size(), cpuMean());
        }

        String seconds() {
            if (values.isEmpty()) {
                return "-";
            }
            return values.size() == 1
                    ? String.format(Locale.ROOT, "%.2f s", values.get(0) / 1000)
                    : String.format(
                            Locale.ROOT,
                            "%.2f s [%.2f-%.2f, n=%d]",
                            p(50) / 1000,
                            p(0) / 1000,
                            p(100) / 1000,
                            values.size());
        }
    }

    /** Command-line options; {@code --help} prints them. */
    static final class Options {
        List<Long> sizes = List.of(1_000L, 100_000L, 1_000_000L);
        List<String> databases = List.of("h2", "pg");
        int users = 1000;
        int clients = 3;
        int reps = 20;
        /** Filter sign-outs per size; 0 means 3 below 1,000,000 sessions and 1 from there. */
        int filterRuns = 0;
        /** Sessions seeded in extra realms for realm sign-outs, per size: reps = budget / N, 1..reps. */
        long realmBudget = 200_000;

        int maxMinutes = 20;
        int cleanupMinutes = 10;
        List<String> scopes = List.of("client", "user", "filter", "realm");

        boolean runs(String scope) {
            return scopes.contains(scope);
        }

        static Options parse(String[] args) {
            Options o = new Options();
            for (String arg : args) {
                String[] kv = arg.split("=", 2);
                String value = kv.length == 2 ? kv[1] : "";
                switch (kv[0]) {
                    case "--quick" -> o.sizes = List.of(1_000L, 100_000L);
                    case "--sizes" ->
                        o.sizes = Arrays.stream(value.split(","))
                                .map(s -> Long.parseLong(s.strip().replace("_", "")))
                                .toList();
                    case "--db" ->
                        o.databases = Arrays.stream(value.split(","))
                                .map(String::strip)
                                .toList();
                    case "--users" -> o.users = Integer.parseInt(value);
                    case "--clients" -> o.clients = Integer.parseInt(value);
                    case "--reps" -> o.reps = Integer.parseInt(value);
                    case "--filter-runs" -> o.filterRuns = Integer.parseInt(value);
                    case "--realm-budget" -> o.realmBudget = Long.parseLong(value);
                    case "--max-minutes" -> o.maxMinutes = Integer.parseInt(value);
                    case "--cleanup-minutes" -> o.cleanupMinutes = Integer.parseInt(value);
                    case "--scopes" ->
                        o.scopes = Arrays.stream(value.split(","))
                                .map(String::strip)
                                .toList();
                    case "--help", "-h" -> {
                        System.out.println("""
                                usage: bench/signout.sh [--quick] [--sizes=1000,100000,1000000] [--db=h2,pg]
                                    [--users=1000] [--clients=3] [--reps=20] [--filter-runs=N]
                                    [--realm-budget=200000] [--max-minutes=20] [--cleanup-minutes=10]
                                    [--scopes=client,user,filter,realm]
                                  --quick          sizes 1,000 and 100,000 only
                                  --reps           user sign-outs per size, and the most realm sign-outs per size
                                  --filter-runs    filter sign-outs per size (default 3, 1 from 1,000,000 sessions)
                                  --realm-budget   sessions seeded for realm sign-outs per size (reps = budget/N);
                                                   above it, one realm sign-out on the shared realm (after the
                                                   client, user and filter sign-outs, so ~0.88 N sessions)
                                  --max-minutes    stop measuring after this long and print what was measured
                                  --scopes         which sign-outs to measure (seeding and heap always)
                                  --cleanup-minutes  how long to wait for one clean-up (default 10), then go on""");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + arg + " (try --help)");
                }
            }
            for (long n : o.sizes) {
                if (n < 1 || n > MAX_SESSIONS) {
                    throw new IllegalArgumentException("sizes must be between 1 and " + MAX_SESSIONS);
                }
            }
            if (o.users < 1
                    || o.users > 100_000
                    || o.clients < 1
                    || o.clients > 100
                    || o.reps < 1
                    || o.maxMinutes < 1) {
                throw new IllegalArgumentException("users 1-100000, clients 1-100, reps >= 1, max-minutes >= 1");
            }
            return o;
        }

        int filterRuns(long n) {
            int runs = filterRuns > 0 ? filterRuns : n >= 1_000_000 ? 1 : 3;
            return Math.min(runs, Seeder.IP_BLOCKS);
        }

        /** Whether realm sign-outs get realms of their own at this size (else one, on the shared realm). */
        boolean freshRealms(long n) {
            return n <= realmBudget;
        }

        int realmReps(long n) {
            return freshRealms(n) ? (int) Math.max(1, Math.min(reps, realmBudget / n)) : 1;
        }
    }
}
