package dev.curfew.engine.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class Argon2MemoryTest {
    private static final int BLOCKS = 16;

    /** An arena taken from the memory and filled as a hash of {@link #BLOCKS} blocks leaves it. */
    private static Argon2Memory.Arena usedArena(Argon2Memory memory) {
        Argon2Memory.Arena arena = memory.take();
        List<Argon2BytesGenerator.Block> blocks = new ArrayList<>();
        for (int i = 0; i < BLOCKS; i++) {
            blocks.add(arena.allocate());
        }
        blocks.forEach(arena::deallocate);
        return arena;
    }

    @Test
    @DisplayName("an arena no hash took for the keeping time is dropped; a more recent one is kept and taken next")
    void onlyArenasIdleForTheKeepingTimeAreDropped() {
        AtomicLong now = new AtomicLong();
        Argon2Memory memory = new Argon2Memory(2, BLOCKS, Duration.ofSeconds(60), now::get);
        Argon2Memory.Arena first = usedArena(memory);
        Argon2Memory.Arena second = usedArena(memory);
        memory.giveBack(first);
        now.set(Duration.ofSeconds(30).toNanos());
        memory.giveBack(second);

        now.set(Duration.ofSeconds(59).toNanos());
        assertThat(memory.releaseIdle()).isZero();
        assertThat(memory.idleBlocks()).isEqualTo(2L * BLOCKS);

        now.set(Duration.ofSeconds(60).toNanos());
        assertThat(memory.releaseIdle()).isEqualTo(1);
        assertThat(memory.idleBlocks()).isEqualTo(BLOCKS);
        assertThat(memory.take()).isSameAs(second);
        assertThat(memory.take()).isNotSameAs(first).isNotSameAs(second);
    }

    @Test
    @DisplayName("without hashes, the kept memory is dropped by itself, and kept again when hashing resumes")
    void keptMemoryIsDroppedWhenNoHashTakesIt() {
        Argon2Memory memory = new Argon2Memory(2, BLOCKS, Duration.ofMillis(50), System::nanoTime);
        memory.giveBack(usedArena(memory));
        memory.giveBack(usedArena(memory));
        await().atMost(Duration.ofSeconds(10)).until(() -> memory.idleBlocks() == 0);

        memory.giveBack(usedArena(memory));
        assertThat(memory.idleBlocks()).isEqualTo(BLOCKS);
        await().atMost(Duration.ofSeconds(10)).until(() -> memory.idleBlocks() == 0);
    }

    @Test
    @DisplayName("dropping while hashes take and give back arenas keeps at most one arena per core, counted right")
    void droppingDuringHashesKeepsTheBound() throws Exception {
        int maxIdle = 3;
        AtomicLong now = new AtomicLong();
        Argon2Memory memory = new Argon2Memory(maxIdle, BLOCKS, Duration.ofNanos(1), now::get);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        try (var executor = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 7; t++) {
                workers.add(executor.submit(() -> {
                    start.await();
                    for (int i = 0; i < 2_000; i++) {
                        memory.giveBack(usedArena(memory));
                        now.incrementAndGet();
                    }
                    return null;
                }));
            }
            workers.add(executor.submit(() -> {
                start.await();
                for (int i = 0; i < 2_000; i++) {
                    memory.releaseIdle();
                }
                return null;
            }));
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        assertThat(memory.idleBlocks()).isLessThanOrEqualTo((long) maxIdle * BLOCKS);

        now.addAndGet(10);
        memory.releaseIdle();
        assertThat(memory.idleBlocks()).isZero();
        // The count of kept arenas came back to zero with them: exactly maxIdle are kept again.
        List<Argon2Memory.Arena> arenas = new ArrayList<>();
        for (int i = 0; i < maxIdle + 2; i++) {
            arenas.add(usedArena(memory));
        }
        arenas.forEach(memory::giveBack);
        assertThat(memory.idleBlocks()).isEqualTo((long) maxIdle * BLOCKS);

        // Aged, they are dropped, and the releasing thread ends with nothing left to keep.
        now.addAndGet(10);
        await().atMost(Duration.ofSeconds(10)).until(() -> memory.idleBlocks() == 0);
    }
}
