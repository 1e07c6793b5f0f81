package dev.curfew.engine.password;

/**
 * The password-hashing pool: a fixed number of platform threads and a bounded first-in-first-out queue. A hash
 * that finds the queue full is refused at once ({@link PasswordHashingBusy}) instead of waiting without end.
 *
 * @param threads threads that hash; default the number of cores (Argon2id is CPU-bound: more threads than cores
 *     only make every hash slower)
 * @param queue hashes waiting for a thread; default 32 per thread, about one second of waiting at OWASP's
 *     parameters (≈31 ms a hash)
 */
public record HashingSettings(int threads, int queue) {
    public static final int MAX_THREADS = 256;
    public static final int MAX_QUEUE = 100_000;
    public static final int QUEUE_PER_THREAD = 32;

    public HashingSettings {
        if (threads < 1 || threads > MAX_THREADS || queue < 1 || queue > MAX_QUEUE) {
            throw new IllegalArgumentException(
                    "hashing threads must be 1 to " + MAX_THREADS + " and the queue 1 to " + MAX_QUEUE);
        }
    }

    /** One thread per core, 32 waiting hashes per thread. */
    public static HashingSettings defaults() {
        int cores = Math.min(Runtime.getRuntime().availableProcessors(), MAX_THREADS);
        return new HashingSettings(cores, cores * QUEUE_PER_THREAD);
    }
}
