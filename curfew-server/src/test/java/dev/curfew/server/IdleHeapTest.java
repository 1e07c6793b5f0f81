package dev.curfew.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Against this JVM's own flags, with the process's CPU time played by a counter. */
class IdleHeapTest {
    private static final long BUSY_CHECK = IdleHeap.CHECK_EVERY.toNanos() / 2;
    private static final long IDLE_CHECK = 1_000_000;
    private static final int IDLE_CHECKS = (int) (IdleHeap.IDLE_AFTER.toMillis() / IdleHeap.CHECK_EVERY.toMillis());

    private final HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    private final String max = ratio("MaxHeapFreeRatio");
    private final String min = ratio("MinHeapFreeRatio");
    private final AtomicLong cpu = new AtomicLong();

    @AfterEach
    void restoreRatios() {
        vm.setVMOption("MinHeapFreeRatio", "0");
        vm.setVMOption("MaxHeapFreeRatio", max);
        vm.setVMOption("MinHeapFreeRatio", min);
    }

    private String ratio(String name) {
        return vm.getVMOption(name).getValue();
    }

    private boolean check(IdleHeap heap, long cpuSinceLastCheck) {
        cpu.addAndGet(cpuSinceLastCheck);
        return heap.check();
    }

    @Test
    @DisplayName("idle for the whole idle time lowers the free ratios; the first busy check puts them back")
    void idleLowersTheRatiosAndWorkRestoresThem() {
        IdleHeap heap = new IdleHeap(vm, cpu::get);
        for (int i = 1; i < IDLE_CHECKS; i++) {
            assertThat(check(heap, IDLE_CHECK)).isFalse();
        }
        assertThat(ratio("MaxHeapFreeRatio")).isEqualTo(max);

        assertThat(check(heap, IDLE_CHECK)).isTrue();
        assertThat(ratio("MaxHeapFreeRatio"))
                .isEqualTo(Integer.toString(Math.min(IdleHeap.IDLE_MAX_FREE, Integer.parseInt(max))));
        assertThat(ratio("MinHeapFreeRatio"))
                .isEqualTo(Integer.toString(Math.min(IdleHeap.IDLE_MIN_FREE, Integer.parseInt(min))));
        assertThat(check(heap, IDLE_CHECK)).isTrue();

        assertThat(check(heap, BUSY_CHECK)).isFalse();
        assertThat(ratio("MaxHeapFreeRatio")).isEqualTo(max);
        assertThat(ratio("MinHeapFreeRatio")).isEqualTo(min);
    }

    @Test
    @DisplayName("a busy check before the idle time is up starts the count again")
    void busyCheckRestartsTheCount() {
        IdleHeap heap = new IdleHeap(vm, cpu::get);
        for (int i = 1; i < IDLE_CHECKS; i++) {
            check(heap, IDLE_CHECK);
        }
        assertThat(check(heap, BUSY_CHECK)).isFalse();
        for (int i = 1; i < IDLE_CHECKS; i++) {
            assertThat(check(heap, IDLE_CHECK)).isFalse();
        }
        assertThat(ratio("MaxHeapFreeRatio")).isEqualTo(max);
        assertThat(check(heap, IDLE_CHECK)).isTrue();
    }
}
