package dev.curfew.bench.vskeycloak;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Two Curfew servers already running on this machine — the code before and after a change — driven side by side,
 * interleaved, past their capacity: for each workload, the capacity is measured first (requests per second of the
 * faster server from {@code --concurrency} closed-loop clients), then requests arrive at 1x, 2x and 4x that rate
 * (open loop: each at its planned time on a virtual thread of its own, whether the earlier ones were answered or
 * not, at most {@code --max-in-flight} at once), on one server then the other (before first at 1x and 4x, after
 * first at 2x), so noise from other work on the machine hits both. Per run: answered requests per second, p50, p99
 * and p99.9 of the successful answers, the share refused with 503, other failures, the server's CPU milliseconds
 * per request ({@code /proc/<pid>/stat}) and its RSS. Every interval is bounded by time and by a count of requests.
 * Run by {@code bench/saturation.sh}.
 */
public final class Saturation {
    private static final String REALM = "saturation";
    private static final int MAX_REQUESTS = 400_000;
    /** Refresh chains per server: each is one user's session, made by a password grant before the runs. */
    private static final int REFRESH_CHAINS = 64;

    record Server(String name, Target target, Grants grants) {}

    record Row(
            String workload,
            String level,
            String server,
            double offered,
            double perSecond,
            double p50,
            double p99,
            double p999,
            double refusedPercent,
            long otherErrors,
            long notSent,
            double cpuMillisPerRequest,
            long rssMiB) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(
                args,
                "usage: Saturation --before=URL --before-pid=PID --after=URL"
                        + " --after-pid=PID --admin-password=P [--seconds=8] [--warm-up=3] [--concurrency=16]"
                        + " [--max-in-flight=512] [--levels=1,2,4] [--workloads=...] [--clock-ticks=100]");
        long ticks = Long.parseLong(o.getOrDefault("clock-ticks", "100"));
        Duration seconds = Duration.ofSeconds(bounded(o, "seconds", 8, 1, 120));
        Duration warmUp = Duration.ofSeconds(bounded(o, "warm-up", 3, 0, 60));
        int concurrency = bounded(o, "concurrency", 16, 1, 256);
        int maxInFlight = bounded(o, "max-in-flight", 512, 1, 4096);
        List<Integer> levels = Arrays.stream(o.getOrDefault("levels", "1,2,4").split(","))
                .map(s -> Integer.parseInt(s.trim()))
                .toList();
        List<Workload> workloads = Arrays.stream(
                        o.getOrDefault("workloads", "client_credentials,refresh,introspection,userinfo,password")
                                .split(","))
                .map(s -> Workload.valueOf(s.trim().toUpperCase(Locale.ROOT)))
                .toList();
        List<Server> servers = new ArrayList<>();
        for (String name : List.of("before", "after")) {
            URI url = URI.create(o.get(name));
            Http http = new Http(url);
            Admin admin = new Admin(http, "admin", o.get("admin-password"));
            Target target =
                    new Target(name, http, admin, new ServerProcess(Long.parseLong(o.get(name + "-pid")), ticks));
            BenchRealm realm = BenchRealm.create(admin, REALM, concurrency);
            servers.add(new Server(name, target, new Grants(http, realm)));
        }
        System.out.printf(
                "%-34s %-5s %-6s %9s %9s %9s %9s %9s %8s %6s %7s %8s %6s%n",
                "workload",
                "load",
                "server",
                "offered/s",
                "answered",
                "p50 ms",
                "p99 ms",
                "p99.9 ms",
                "503 %",
                "other",
                "unsent",
                "CPU ms/r",
                "RSS MB");
        for (Workload workload : workloads) {
            double capacity = 0;
            for (Server server : servers) {
                Runner runner = new Runner(concurrency, seconds, MAX_REQUESTS);
                Runner.Result r = runner.run(server.target(), workload, server.grants(), warmUp);
                capacity = Math.max(capacity, r.perSecond());
                print(new Row(
                        workload.label(),
                        "cap",
                        server.name(),
                        Double.NaN,
                        r.perSecond(),
                        r.p50Millis(),
                        r.p99Millis(),
                        Double.NaN,
                        100.0 * r.errors().getOrDefault("HTTP 503", 0L) / r.requests(),
                        r.errorCount() - r.errors().getOrDefault("HTTP 503", 0L),
                        0,
                        r.cpuMillisPerRequest(),
                        r.rssKiB() / 1024));
                printFailures(server.name(), r.errors());
            }
            // A refresh chain serves one request at a time: that workload has as many requests in flight as chains.
            int slots = workload == Workload.REFRESH ? Math.min(maxInFlight, REFRESH_CHAINS) : maxInFlight;
            int opWorkers = workload == Workload.REFRESH ? slots : concurrency;
            Map<String, Workload.Op> ops = new LinkedHashMap<>();
            for (Server server : servers) {
                Workload.Op op = workload.op(server.grants(), opWorkers);
                for (int w = 0; w < opWorkers; w++) {
                    op.prepare(w);
                }
                ops.put(server.name(), op);
            }
            for (int level : levels) {
                List<Server> order = level % 4 == 2 ? servers.reversed() : servers;
                for (Server server : order) {
                    print(openLoop(
                            ops.get(server.name()),
                            workload.label(),
                            level + "x",
                            server,
                            capacity * level,
                            seconds,
                            slots,
                            opWorkers));
                }
            }
        }
    }

    private static Row openLoop(
            Workload.Op op,
            String label,
            String level,
            Server server,
            double rate,
            Duration seconds,
            int slots,
            int workers)
            throws Exception {
        long[] nanos = new long[MAX_REQUESTS];
        AtomicInteger taken = new AtomicInteger();
        LongAdder ok = new LongAdder();
        LongAdder notSent = new LongAdder();
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        ArrayBlockingQueue<Integer> free = new ArrayBlockingQueue<>(slots);
        for (int slot = 0; slot < slots; slot++) {
            free.add(slot);
        }
        double cpuBefore = server.target().process().cpuMillis();
        long start = System.nanoTime();
        long total = Math.min(MAX_REQUESTS, (long) (rate * seconds.toNanos() / 1e9));
        long interval = (long) (1e9 / rate);
        List<Thread> threads = new ArrayList<>();
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            Integer slot = free.poll();
            if (slot == null) {
                notSent.increment();
                continue;
            }
            // A slot is one request in flight; its worker's tokens (a refresh chain) are used by it alone.
            int worker = slot % workers;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    Workload.Outcome outcome;
                    long began = System.nanoTime();
                    try {
                        op.prepare(worker);
                        began = System.nanoTime();
                        outcome = op.call(worker);
                    } catch (Exception e) {
                        outcome = new Workload.Outcome(false, Runner.reason(e));
                    }
                    long took = System.nanoTime() - began;
                    if (outcome.ok()) {
                        ok.increment();
                        int index = taken.getAndIncrement();
                        if (index < nanos.length) {
                            nanos[index] = took;
                        }
                    } else {
                        errors.computeIfAbsent(outcome.error(), e -> new LongAdder())
                                .increment();
                    }
                } finally {
                    free.add(slot);
                }
            }));
        }
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(90));
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = server.target().process().cpuMillis() - cpuBefore;
        long[] sorted = Arrays.copyOf(nanos, Math.min(taken.get(), nanos.length));
        Arrays.sort(sorted);
        Map<String, Long> counts = new TreeMap<>();
        errors.forEach((reason, n) -> counts.put(reason, n.sum()));
        printFailures(server.name(), counts);
        long refused = errors.containsKey("HTTP 503") ? errors.get("HTTP 503").sum() : 0;
        long allErrors = errors.values().stream().mapToLong(LongAdder::sum).sum();
        long answered = ok.sum() + allErrors;
        return new Row(
                label,
                level,
                server.name(),
                rate,
                ok.sum() / elapsed,
                Runner.percentile(sorted, 0.50),
                Runner.percentile(sorted, 0.99),
                Runner.percentile(sorted, 0.999),
                100.0 * refused / Math.max(1, answered + notSent.sum()),
                allErrors - refused,
                notSent.sum(),
                cpu / Math.max(1, answered),
                server.target().process().rssKiB() / 1024);
    }

    /** Failures other than a 503 by reason, under the row they belong to: a count alone does not say what failed. */
    private static void printFailures(String server, Map<String, Long> errors) {
        Map<String, Long> other = new TreeMap<>(errors);
        other.remove("HTTP 503");
        if (!other.isEmpty()) {
            System.out.println("  " + server + ", failed: " + other);
        }
    }

    private static void print(Row r) {
        System.out.printf(
                Locale.ROOT,
                "%-34s %-5s %-6s %9.0f %9.0f %9.2f %9.2f %9.2f %8.1f %6d %7d %8.2f %6d%n",
                r.workload(),
                r.level(),
                r.server(),
                r.offered(),
                r.perSecond(),
                r.p50(),
                r.p99(),
                r.p999(),
                r.refusedPercent(),
                r.otherErrors(),
                r.notSent(),
                r.cpuMillisPerRequest(),
                r.rssMiB());
        System.out.flush();
    }

    /** The {@code --key=value} arguments by key; anything else is refused with {@code usage}. */
    static Map<String, String> options(String[] args, String usage) {
        Map<String, String> o = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException(usage);
            }
            o.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return o;
    }

    /** The integer option {@code --key}, {@code fallback} when absent; refused outside {@code [min, max]}. */
    static int bounded(Map<String, String> o, String key, int fallback, int min, int max) {
        int value = Integer.parseInt(o.getOrDefault(key, Integer.toString(fallback)));
        if (value < min || value > max) {
            throw new IllegalArgumentException("--" + key + " must be " + min + " to " + max);
        }
        return value;
    }
}
