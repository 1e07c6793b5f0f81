package dev.curfew.bench.support;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time used by this JVM (server, benchmark client and, for H2, the database) plus, for PostgreSQL, by
 * its server processes. On a shared machine the wall time of a request mostly measures the queue for a
 * core; the CPU it used does not depend on the other tenants. PostgreSQL's processes are read from
 * {@code /proc} in clock ticks (10 ms), so only means over many requests mean anything, and only processes
 * alive at both ends of an interval count (the pool's backends; not an autovacuum worker that came or went).
 */
public final class CpuMeter {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Optional<ProcessHandle> database;

    /** @param database the database server's main process, when it runs outside this JVM */
    public CpuMeter(Optional<ProcessHandle> database) {
        this.database = database;
    }

    /** CPU used so far: this JVM's, and each database process's by PID. */
    public record Mark(long jvmNanos, Map<Long, Long> databaseNanos) {}

    /** The start of an interval: the database first, so that reading {@code /proc} is not counted as the JVM's. */
    public Mark start() {
        Map<Long, Long> db = databaseNanos();
        return new Mark(os.getProcessCpuTime(), db);
    }

    /** CPU milliseconds used since {@code start}: the JVM read first, then the database processes. */
    public double millisSince(Mark start) {
        long jvm = os.getProcessCpuTime() - start.jvmNanos();
        long db = 0;
        for (Map.Entry<Long, Long> e : databaseNanos().entrySet()) {
            Long before = start.databaseNanos().get(e.getKey());
            if (before != null && e.getValue() >= before) {
                db += e.getValue() - before;
            }
        }
        return (jvm + db) / 1e6;
    }

    private Map<Long, Long> databaseNanos() {
        Map<Long, Long> cpu = new HashMap<>();
        database.ifPresent(main -> {
            put(cpu, main);
            main.descendants().forEach(p -> put(cpu, p));
        });
        return cpu;
    }

    private static void put(Map<Long, Long> cpu, ProcessHandle p) {
        p.info().totalCpuDuration().map(Duration::toNanos).ifPresent(n -> cpu.put(p.pid(), n));
    }
}
