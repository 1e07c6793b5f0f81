package dev.curfew.engine.password;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
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
 */
final class Argon2Memory {
    private final ConcurrentLinkedDeque<Arena> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final int maxIdle;
    private final int maxBlocks;

    Argon2Memory(int maxIdle, int maxBlocks) {
        if (maxIdle < 0 || maxBlocks < 0) {
            throw new IllegalArgumentException("maxIdle and maxBlocks must not be negative");
        }
        this.maxIdle = maxIdle;
        this.maxBlocks = maxBlocks;
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
            idle.addFirst(arena);
        } else {
            idleCount.decrementAndGet();
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
