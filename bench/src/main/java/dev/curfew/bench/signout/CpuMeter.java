package dev.curfew.bench.signout;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;

/**
 * CPU time used by this JVM (server, benchmark client and, for H2, the database) plus, for PostgreSQL, by
 * its server processes. On a shared machine the wall time of a request mostly measures the queue for a
 * core; the CPU it used does not depend on the other tenants. PostgreSQL's processes are read from
 * {@code /proc} in clock ticks (10 ms), so only sums over many requests mean anything.
 */
final class CpuMeter {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Optional<ProcessHandle> database;

    /** @param database the database server's main process, when it runs outside this JVM */
    CpuMeter(Optional<ProcessHandle> database) {
        this.database = database;
    }

    /**
     * Nanoseconds of CPU used so far by the JVM and the database processes (live ones), read at the start of
     * an interval: the database first, so that reading {@code /proc} is not counted as the JVM's.
     */
    long start() {
        long db = databaseNanos();
        return db + os.getProcessCpuTime();
    }

    /** Like {@link #start()}, at the end of an interval: the JVM first. */
    long end() {
        long jvm = os.getProcessCpuTime();
        return jvm + databaseNanos();
    }

    private long databaseNanos() {
        return database.map(
                        p -> cpu(p) + p.descendants().mapToLong(CpuMeter::cpu).sum())
                .orElse(0L);
    }

    private static long cpu(ProcessHandle p) {
        return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}
