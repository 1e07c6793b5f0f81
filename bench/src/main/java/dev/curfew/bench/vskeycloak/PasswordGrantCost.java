package dev.curfew.bench.vskeycloak;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a password grant costs a running Curfew beyond its Argon2id hash (bench/README.md, "Password grants beyond the
 * hash"). It sets up a realm (signing with {@code --algorithm} if given, e.g. {@code ES256}; the realm's default,
 * RS256, otherwise) and runs password grants from {@code --concurrency} clients for {@code --seconds}, {@code
 * --rounds} times after one warm-up. For each round it reads, from {@code /proc}, the CPU of the whole server process
 * and that of its password-hashing threads ({@code curfew-password-hash-N}, which run every hash and nothing else),
 * and prints both per grant and their difference: what the grant costs besides the hash. Of that difference it shows
 * the CPU of G1's threads (which collect the memory each hash allocates) and of the JIT compilers. Every round is
 * bounded by time and by a count of requests.
 *
 * <p>Usage: {@code PasswordGrantCost --url=http://127.0.0.1:8080 --pid=PID --admin-password=P [--algorithm=ES256]
 * [--concurrency=4] [--seconds=10] [--warm-up=5] [--rounds=3] [--clock-ticks=100]}
 */
public final class PasswordGrantCost {
    private static final String HASH_THREADS = "curfew-password-hash-";

    /** HotSpot's threads of G1 (the hash's 7 MiB per grant are collected there, not on the hashing threads). */
    private static final List<String> GC_THREADS = List.of("GC Thread", "G1 ");

    /** HotSpot's compilers, whose CPU a warm server should hardly see any more. */
    private static final List<String> JIT_THREADS = List.of("C1 CompilerThre", "C2 CompilerThre");

    private static final int MAX_REQUESTS = 100_000;

    private PasswordGrantCost() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = Saturation.options(
                args,
                "usage: PasswordGrantCost --url=URL --pid=PID --admin-password=P"
                        + " [--algorithm=ES256] [--concurrency=4] [--seconds=10] [--warm-up=5] [--rounds=3]"
                        + " [--clock-ticks=100]");
        int concurrency = Saturation.bounded(o, "concurrency", 4, 1, 64);
        Duration seconds = Duration.ofSeconds(Saturation.bounded(o, "seconds", 10, 1, 120));
        Duration warmUp = Duration.ofSeconds(Saturation.bounded(o, "warm-up", 5, 0, 60));
        int rounds = Saturation.bounded(o, "rounds", 3, 1, 20);
        Optional<String> algorithm = Optional.ofNullable(o.get("algorithm")).map(a -> a.toUpperCase(Locale.ROOT));

        Http http = new Http(URI.create(o.get("url")));
        Admin admin = new Admin(http, "admin", o.get("admin-password"));
        ServerProcess process =
                new ServerProcess(Long.parseLong(o.get("pid")), Long.parseLong(o.getOrDefault("clock-ticks", "100")));
        Target target = new Target("curfew", http, admin, process);
        String realmName =
                "password-cost-" + algorithm.orElse("default").toLowerCase(Locale.ROOT) + "-" + System.nanoTime();
        BenchRealm realm = BenchRealm.create(admin, realmName, concurrency, Optional.empty(), algorithm);
        Grants grants = new Grants(http, realm);

        new Runner(concurrency, warmUp, MAX_REQUESTS).run(target, Workload.PASSWORD, grants, Duration.ZERO);
        System.out.printf(
                "realm %s, signing %s, %d clients%n", realmName, algorithm.orElse("the default (RS256)"), concurrency);
        System.out.printf(
                "%-6s %9s %8s %8s %12s %12s %14s %10s %10s %7s%n",
                "round",
                "grants/s",
                "p50 ms",
                "p99 ms",
                "CPU ms/grant",
                "hash ms/grant",
                "beyond ms/grant",
                "of it GC",
                "of it JIT",
                "errors");
        for (int round = 1; round <= rounds; round++) {
            double hashBefore = process.threadCpuMillis(HASH_THREADS);
            double gcBefore = cpuOf(process, GC_THREADS);
            double jitBefore = cpuOf(process, JIT_THREADS);
            Runner.Result r = new Runner(concurrency, seconds, MAX_REQUESTS)
                    .run(target, Workload.PASSWORD, grants, Duration.ZERO);
            double hash = process.threadCpuMillis(HASH_THREADS) - hashBefore;
            double gc = cpuOf(process, GC_THREADS) - gcBefore;
            double jit = cpuOf(process, JIT_THREADS) - jitBefore;
            double cpuPerGrant = r.cpuMillisPerRequest();
            double hashPerGrant = hash / r.requests();
            System.out.printf(
                    "%-6d %9.1f %8.1f %8.1f %12.2f %12.2f %14.2f %10.2f %10.2f %7d%n",
                    round,
                    r.perSecond(),
                    r.p50Millis(),
                    r.p99Millis(),
                    cpuPerGrant,
                    hashPerGrant,
                    cpuPerGrant - hashPerGrant,
                    gc / r.requests(),
                    jit / r.requests(),
                    r.errorCount());
        }
    }

    private static double cpuOf(ServerProcess process, List<String> threadPrefixes) throws IOException {
        double millis = 0;
        for (String prefix : threadPrefixes) {
            millis += process.threadCpuMillis(prefix);
        }
        return millis;
    }
}
