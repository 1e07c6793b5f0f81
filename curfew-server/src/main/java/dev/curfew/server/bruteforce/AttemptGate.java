package dev.curfew.server.bruteforce;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Checks the password attempts for one account one at a time on this node, in arrival order. Without it, a burst
 * of concurrent attempts would all read "not locked" before the first failure was counted, and each would get its
 * guess checked: the account's limit would be the burst's size, not {@code failureFactor}. With it, the n-th
 * attempt sees the n−1 before it. (Several nodes each check one attempt at a time, so a cluster of N nodes lets at
 * most N−1 attempts past a lock that is being set.)
 *
 * <p>Locks are held by weak reference: an account nobody is signing in to costs no memory.
 */
final class AttemptGate {
    private final Cache<String, ReentrantLock> locks =
            Caffeine.newBuilder().weakValues().build();

    <T> T oneAtATime(String realmId, String username, Supplier<T> check) {
        // The local variable keeps the lock strongly reachable while this attempt waits for or holds it.
        ReentrantLock lock = locks.get(realmId + '\n' + username, key -> new ReentrantLock(true));
        lock.lock();
        try {
            return check.get();
        } finally {
            lock.unlock();
        }
    }
}
