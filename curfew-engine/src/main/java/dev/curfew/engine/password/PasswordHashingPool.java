package dev.curfew.engine.password;

import dev.curfew.core.password.PasswordHasher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs every password hash and verification on a fixed pool of platform threads with a bounded, fair (FIFO)
 * queue, and refuses work when the queue is full ({@link PasswordHashingBusy}).
 *
 * <p>Why: requests run on virtual threads, which share as many carrier threads as there are cores. An Argon2id
 * hash (≈31 ms of CPU at OWASP's parameters) never yields, so a few hundred concurrent wrong passwords held every
 * carrier and every other request — a client-credentials grant that hashes nothing — waited behind them for
 * seconds (measured in {@code bench/README.md}). On platform threads of their own the hashes compete with the
 * carriers in the operating system's scheduler instead, the queue bounds how much hashing can pile up, and what
 * does not fit is refused at once.
 */
public final class PasswordHashingPool implements PasswordHasher, AutoCloseable {
    private final PasswordHasher hasher;
    private final ThreadPoolExecutor executor;
    private final Counter rejected;
    private final Counter hashes;
    private final Counter verifications;

    public PasswordHashingPool(PasswordHasher hasher, HashingSettings settings, MeterRegistry meters) {
        this.hasher = hasher;
        this.executor = new ThreadPoolExecutor(
                settings.threads(),
                settings.threads(),
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.queue(), true),
                threads(),
                new ThreadPoolExecutor.AbortPolicy());
        // Idle threads end, so a pool nobody closes (a test's) leaves no thread behind.
        executor.allowCoreThreadTimeOut(true);
        this.hashes = Counter.builder("curfew.password.hashes")
                .description("password hashes and verifications computed")
                .tag("operation", "hash")
                .register(meters);
        this.verifications = Counter.builder("curfew.password.hashes")
                .description("password hashes and verifications computed")
                .tag("operation", "verify")
                .register(meters);
        this.rejected = Counter.builder("curfew.password.hash.rejected")
                .description("password hashes refused because the queue was full (answered 503)")
                .register(meters);
        Gauge.builder("curfew.password.hash.queued", executor, e -> e.getQueue().size())
                .description("password hashes waiting for a thread")
                .register(meters);
        Gauge.builder("curfew.password.hash.active", executor, ThreadPoolExecutor::getActiveCount)
                .description("password hashes being computed")
                .register(meters);
    }

    @Override
    public String hash(char[] password) {
        return run(() -> {
            String hash = hasher.hash(password);
            hashes.increment();
            return hash;
        });
    }

    @Override
    public boolean verify(char[] password, String encodedHash) {
        return run(() -> {
            boolean matches = hasher.verify(password, encodedHash);
            verifications.increment();
            return matches;
        });
    }

    /**
     * Refuses at once when the queue is full, before the caller does any other work for a password check (reading
     * the user from the database): under a flood, a refusal must cost as little as possible, or the refused
     * requests, retried at once, take the threads and connections everything else needs.
     *
     * @throws PasswordHashingBusy when every thread is busy and the queue is full
     */
    public void refuseWhenFull() {
        if (executor.getQueue().remainingCapacity() == 0) {
            rejected.increment();
            throw new PasswordHashingBusy();
        }
    }

    /** The hasher's decoy, made on the caller's thread: it costs no hashing when the hasher can make one without. */
    @Override
    public String decoy() {
        return hasher.decoy();
    }

    /** Parses the hash's parameters only: no need for a thread of the pool. */
    @Override
    public boolean needsRehash(String encodedHash) {
        return hasher.needsRehash(encodedHash);
    }

    private <T> T run(Callable<T> work) {
        Future<T> future;
        try {
            future = executor.submit(work);
        } catch (RejectedExecutionException e) {
            rejected.increment();
            throw new PasswordHashingBusy();
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a password hash", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("password hashing failed", e.getCause());
        }
    }

    @Override
    public void close() {
        executor.shutdown();
    }

    private static ThreadFactory threads() {
        AtomicInteger next = new AtomicInteger();
        return work -> {
            Thread thread = new Thread(work, "curfew-password-hash-" + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
