package dev.curfew.bench.support;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;
import java.util.Locale;

/** What every benchmark prints about the machine, and how it keeps the logs quiet. */
public final class BenchJvm {
    private BenchJvm() {}

    public static void printMachine(String when) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        long totalMemory = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : -1;
        System.out.printf(
                Locale.ROOT,
                "machine (%s): %d cores, %.1f GB RAM, load average %.2f; %s %s (%s), max heap %d MB; %s %s%n",
                when,
                os.getAvailableProcessors(),
                totalMemory / 1e9,
                os.getSystemLoadAverage(),
                System.getProperty("java.vm.name"),
                Runtime.version(),
                ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(a -> a.startsWith("-X") || a.startsWith("-XX"))
                        .toList(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                os.getName(),
                os.getVersion());
    }

    /** Server and PostgreSQL logs would drown the figures: warnings and errors only. */
    public static void quietLogs() {
        var root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    /** Used heap once several collections in a row no longer change it. */
    public static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long used = memory.getHeapMemoryUsage().getUsed();
            if (i >= 2 && Math.abs(used - last) < 64 * 1024) {
                return used;
            }
            last = used;
        }
        return last;
    }
}
