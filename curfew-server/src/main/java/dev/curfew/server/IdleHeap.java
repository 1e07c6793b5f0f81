package dev.curfew.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.OperatingSystemMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the heap's unused part back to the system while the server is idle, and lets it grow freely while it works
 * (docs/operator-guide.md, "Memory"). The collector keeps up to {@code MaxHeapFreeRatio} of the heap free (70 % by
 * default) when it shrinks the heap, which the launcher's periodic collection does when the server is idle. Kept
 * smaller under load, the heap made refresh grants cost 5-15 % more CPU in collections (bench/README.md, "Idle memory
 * given back"); kept at 70 % free when idle, a server that has just made its data holds some 30 MB it does not use.
 *
 * <p>So every {@link #CHECK_EVERY} this compares the process's CPU time with the last check: after {@link #IDLE_AFTER}
 * of checks with less than {@link #IDLE_CPU_SHARE} of one core each, it lowers the two ratios ({@code
 * MaxHeapFreeRatio} {@value #IDLE_MAX_FREE} %, {@code MinHeapFreeRatio} {@value #IDLE_MIN_FREE} %), which the JVM
 * lets a running process change; the next periodic collection shrinks the heap to them. At the first busy check it
 * puts them back. An operator who gave either ratio on the command line keeps it: then nothing here changes.
 */
public final class IdleHeap {
    private static final Logger LOG = LoggerFactory.getLogger(IdleHeap.class);
    static final Duration CHECK_EVERY = Duration.ofSeconds(5);
    static final Duration IDLE_AFTER = Duration.ofSeconds(30);
    /**
     * Below this share of one core between two checks the process counts as idle. An idle Curfew uses 1-5 % (its
     * periodic collections and housekeeping); 10 % is some 25 refresh grants a second.
     */
    static final double IDLE_CPU_SHARE = 0.10;

    static final int IDLE_MAX_FREE = 10;
    static final int IDLE_MIN_FREE = 5;
    private static final String MAX = "MaxHeapFreeRatio";
    private static final String MIN = "MinHeapFreeRatio";
    private static final AtomicBoolean WATCHING = new AtomicBoolean();

    private final HotSpotDiagnosticMXBean vm;
    private final LongSupplier cpuNanos;
    private final String busyMax;
    private final String busyMin;
    private final long idleChecksNeeded = IDLE_AFTER.toMillis() / CHECK_EVERY.toMillis();
    private final long idleCpuNanos = (long) (CHECK_EVERY.toNanos() * IDLE_CPU_SHARE);
    private long lastCpu;
    private long idleChecks;
    private boolean shrunk;

    IdleHeap(HotSpotDiagnosticMXBean vm, LongSupplier cpuNanos) {
        this.vm = vm;
        this.cpuNanos = cpuNanos;
        this.busyMax = vm.getVMOption(MAX).getValue();
        this.busyMin = vm.getVMOption(MIN).getValue();
        this.lastCpu = cpuNanos.getAsLong();
    }

    /**
     * Starts the checks on a virtual thread of their own, for the life of the process, unless they run already, either
     * ratio was given on the command line, or the JVM does not let them change.
     */
    public static void watch() {
        // The ratios are the process's: one watcher, or a second would take the first's idle values for busy ones.
        if (!WATCHING.compareAndSet(false, true)) {
            return;
        }
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
            if (givenByOperator(vm.getVMOption(MAX)) || givenByOperator(vm.getVMOption(MIN))) {
                LOG.debug("heap free ratios given on the command line: the idle heap is left to them");
                return;
            }
            IdleHeap heap = new IdleHeap(vm, os::getProcessCpuTime);
            Thread.ofVirtual().name("curfew-idle-heap").start(heap::run);
        } catch (RuntimeException e) {
            LOG.debug("the heap's free ratios cannot be changed here; the idle heap stays as the JVM keeps it", e);
        }
    }

    private static boolean givenByOperator(VMOption option) {
        return option.getOrigin() != VMOption.Origin.DEFAULT && option.getOrigin() != VMOption.Origin.ERGONOMIC;
    }

    private void run() {
        try {
            while (true) {
                Thread.sleep(CHECK_EVERY);
                check();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("idle heap checks stopped", e);
        }
    }

    /** One check: idle long enough lowers the ratios, busy puts them back. Returns whether they are lowered. */
    boolean check() {
        long cpu = cpuNanos.getAsLong();
        boolean idle = cpu - lastCpu < idleCpuNanos;
        lastCpu = cpu;
        idleChecks = idle ? idleChecks + 1 : 0;
        if (!shrunk && idleChecks >= idleChecksNeeded) {
            // The JVM refuses a minimum above the maximum: lower the minimum first, raise it last.
            vm.setVMOption(MIN, Integer.toString(Math.min(IDLE_MIN_FREE, Integer.parseInt(busyMin))));
            vm.setVMOption(MAX, Integer.toString(Math.min(IDLE_MAX_FREE, Integer.parseInt(busyMax))));
            shrunk = true;
        } else if (shrunk && !idle) {
            vm.setVMOption(MAX, busyMax);
            vm.setVMOption(MIN, busyMin);
            shrunk = false;
        }
        return shrunk;
    }
}
