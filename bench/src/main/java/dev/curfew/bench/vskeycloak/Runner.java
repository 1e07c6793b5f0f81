package dev.curfew.bench.vskeycloak;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs one workload against one server: a warm-up, then the measured interval, each bounded by time and by a
 * count of requests, from a fixed number of virtual threads (one request in flight each). Every request's time is
 * kept (at most the count bound), so the percentiles are exact. Every request that was not a success is counted by
 * its reason (status, or exception), never dropped.
 */
final class Runner {
    private final int concurrency;
    private final Duration measured;
    private final int maxRequests;

    Runner(int concurrency, Duration measured, int maxRequests) {
        this.concurrency = concurrency;
        this.measured = measured;
        this.maxRequests = maxRequests;
    }

    /** One run's figures; errors by reason. */
    record Result(
            long ok,
            Map<String, Long> errors,
            double seconds,
            double serverCpuMillis,
            long rssKiB,
            double p50Millis,
            double p99Millis) {
        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        double perSecond() {
            return ok / seconds;
        }

        /** Requests answered, well or not; at least 1, as a divisor. */
        long requests() {
            return Math.max(1, ok + errorCount());
        }

        double cpuMillisPerRequest() {
            return serverCpuMillis / requests();
        }
    }

    Result run(Target target, Workload workload, Grants grants, Duration warmUp) throws Exception {
        Workload.Op op = workload.op(grants, concurrency);
        drive(op, warmUp, new Samples(maxRequests));
        Samples samples = new Samples(maxRequests);
        double cpuBefore = target.process().cpuMillis();
        long start = System.nanoTime();
        drive(op, measured, samples);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = target.process().cpuMillis() - cpuBefore;
        long rss = target.process().rssKiB();
        long[] sorted = samples.sorted();
        return new Result(
                samples.ok.sum(),
                samples.errors(),
                seconds,
                cpu,
                rss,
                percentile(sorted, 0.50),
                percentile(sorted, 0.99));
    }

    private void drive(Workload.Op op, Duration duration, Samples samples) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicLong issued = new AtomicLong();
        Thread[] workers = new Thread[concurrency];
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            workers[w] = Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < deadline && issued.getAndIncrement() < maxRequests) {
                    request(op, worker, samples);
                }
            });
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }

    private static void request(Workload.Op op, int worker, Samples samples) {
        try {
            op.prepare(worker);
        } catch (Exception e) {
            samples.error("set-up failed: " + reason(e));
            return;
        }
        long start = System.nanoTime();
        Workload.Outcome outcome;
        try {
            outcome = op.call(worker);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            outcome = new Workload.Outcome(false, reason(e));
        }
        samples.add(System.nanoTime() - start, outcome);
    }

    /**
     * What failed, as the table counts it: the exception's class and the start of its message ("IOException: HTTP/1.1
     * header parser received no bytes" tells a connection closed under a request from one refused at connect).
     */
    static String reason(Exception e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        String first = message.lines().findFirst().orElse("").strip();
        return e.getClass().getSimpleName() + ": " + (first.length() > 80 ? first.substring(0, 80) + "..." : first);
    }

    /** The nearest-rank percentile, in milliseconds; NaN without samples. */
    static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1e6;
    }

    /** Request times and outcomes of one interval, from every worker. */
    private static final class Samples {
        private final long[] nanos;
        private final AtomicInteger next = new AtomicInteger();
        private final LongAdder ok = new LongAdder();
        private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

        Samples(int capacity) {
            nanos = new long[capacity];
        }

        void add(long took, Workload.Outcome outcome) {
            int i = next.getAndIncrement();
            if (i < nanos.length) {
                nanos[i] = took;
            }
            if (outcome.ok()) {
                ok.increment();
            } else {
                error(outcome.error());
            }
        }

        void error(String reason) {
            errors.computeIfAbsent(reason, r -> new LongAdder()).increment();
        }

        long[] sorted() {
            long[] taken = Arrays.copyOf(nanos, Math.min(next.get(), nanos.length));
            Arrays.sort(taken);
            return taken;
        }

        Map<String, Long> errors() {
            Map<String, Long> counts = new TreeMap<>();
            errors.forEach((reason, n) -> counts.put(reason, n.sum()));
            return counts;
        }
    }
}
