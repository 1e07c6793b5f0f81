package dev.curfew.engine.password;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;

/**
 * The memory of Argon2id hashes, kept from one hash to the next. Bouncy Castle fills a hash's memory with 1 KiB
 * blocks it asks a pool for, and gives them back, zeroed, when the hash ends; without a pool of ours it allocates
 * every block anew: 7 MiB per hash at the default parameters, which the collector then has to copy while hashes are
 * in progress and to free after (bench/README.md, "Password hashing and the heap").
 *
 * <p>Each hash takes a whole {@link Arena} for itself, so the blocks are handed out without locks, and gives it back
 * when it ends. At most {@code maxIdle} arenas are kept (one per thread that hashes at once); an arena keeps at most
 * {@code maxBlocks} blocks (the memory of one hash at the current parameters), so verifying an older, larger hash
 * does not keep its memory.
 *
 * <p>Memory is kept only while passwords are being checked: an arena no hash has taken for {@code keepIdle} is
 * dropped (at most twice that after its last use), so that a server with no sign-ins gives the memory back to the
 * collector, and the collector to the system. A virtual thread does that, started when an arena is given back and
 * ending once none is kept.
 */
final class Argon2Memory {
    /** How long an arena no hash takes is kept by default. */
    static final Duration KEEP_IDLE = Duration.ofSeconds(60);

    private final ConcurrentLinkedDeque<Arena> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final AtomicBoolean releasing = new AtomicBoolean();
    private final int maxIdle;
    private final int maxBlocks;
    private final long keepIdleNanos;
    private final LongSupplier nanoTime;

    Argon2Memory(int maxIdle, int maxBlocks) {
        this(maxIdle, maxBlocks, KEEP_IDLE, System::nanoTime);
    }

    Argon2Memory(int maxIdle, int maxBlocks, Duration keepIdle, LongSupplier nanoTime) {
        if (maxIdle < 0 || maxBlocks < 0 || keepIdle.isNegative() || keepIdle.isZero()) {
            throw new IllegalArgumentException("maxIdle and maxBlocks must not be negative, keepIdle must be positive");
        }
        this.maxIdle = maxIdle;
        this.maxBlocks = maxBlocks;
        this.keepIdleNanos = keepIdle.toNanos();
        this.nanoTime = nanoTime;
    }

    /** An arena for one hash, used by one thread until it is {@linkplain #giveBack(Arena) given back}. */
    Arena take() {
        Arena arena = idle.pollFirst();
        if (arena == null) {
            return new Arena(maxBlocks);
        }
        idleCount.decrementAndGet();
        return arena;
    }

    /** Keeps the arena for the next hash, unless {@code maxIdle} are kept already. */
    void giveBack(Arena arena) {
        if (idleCount.incrementAndGet() <= maxIdle) {
            arena.idleSince = nanoTime.getAsLong();
            idle.addFirst(arena);
            if (releasing.compareAndSet(false, true)) {
                Thread.ofVirtual().name("curfew-argon2-memory-release").start(this::releaseWhileKept);
            }
        } else {
            idleCount.decrementAndGet();
        }
    }

    /**
     * Drops the arenas no hash has taken for {@code keepIdle} and returns how many it dropped. Hashes take the
     * arena given back last, so under a steady load the same ones stay in use and only the others age.
     */
    int releaseIdle() {
        long now = nanoTime.getAsLong();
        int released = 0;
        for (Arena arena : idle) {
            // Removed only if no hash took it meanwhile: only one of the two can unlink it.
            if (now - arena.idleSince >= keepIdleNanos && idle.removeFirstOccurrence(arena)) {
                released++;
            }
        }
        idleCount.addAndGet(-released);
        return released;
    }

    /** The releasing thread: checks every {@code keepIdle} until no arena is kept, then ends. */
    private void releaseWhileKept() {
        try {
            while (true) {
                Thread.sleep(Duration.ofNanos(keepIdleNanos));
                releaseIdle();
                if (!idle.isEmpty()) {
                    continue;
                }
                releasing.set(false);
                // An arena given back after the check above, whose giver saw this thread still running.
                if (idle.isEmpty() || !releasing.compareAndSet(false, true)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            releasing.set(false);
            Thread.currentThread().interrupt();
        }
    }

    /** The blocks kept in idle arenas: what this memory holds between hashes. */
    long idleBlocks() {
        return idle.stream().mapToLong(Arena::size).sum();
    }

    /** One hash's blocks; not thread-safe, which one hash at a time does not need. */
    static final class Arena implements Argon2BytesGenerator.BlockPool {
        private final ArrayDeque<Argon2BytesGenerator.Block> blocks = new ArrayDeque<>();
        private final int maxBlocks;
        /** When it was last given back ({@code nanoTime}); read by {@link #releaseIdle()} only while it is idle. */
        private volatile long idleSince;

        private Arena(int maxBlocks) {
            this.maxBlocks = maxBlocks;
        }

        @Override
        public Argon2BytesGenerator.Block allocate() {
            Argon2BytesGenerator.Block block = blocks.pollLast();
            return block != null ? block : new Argon2BytesGenerator.Block();
        }

        /** Bouncy Castle zeroes a block before it gives it back, so no block kept here holds a hash's state. */
        @Override
        public void deallocate(Argon2BytesGenerator.Block block) {
            if (blocks.size() < maxBlocks) {
                blocks.addLast(block);
            }
        }

        int size() {
            return blocks.size();
        }
    }
}
