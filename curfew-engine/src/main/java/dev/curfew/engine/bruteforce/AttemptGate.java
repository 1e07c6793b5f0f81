package dev.curfew.engine.bruteforce;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Bounds how many password checks of one account run at once on this node: at most the failures the account has
 * left before its next lock ({@code failureFactor} minus the failures counted since the last lock). Without a
 * bound, a burst of concurrent guesses would all read "not locked" before the first failure was counted and each
 * would be checked against the real hash: the account's limit would be the burst's size, not {@code
 * failureFactor}. With it, the failures counted plus the checks in flight never exceed what is left before the
 * lock, so no guess beyond {@code failureFactor} reaches the real hash — while an account without failures (the
 * usual case) still signs in up to {@code failureFactor} times at once.
 *
 * <p>Each node bounds its own checks: with N nodes, up to N times the allowance can be in flight at once.
 * Accounts are held by weak reference: one nobody is signing in to costs no memory.
 */
final class AttemptGate {
    /** One account's checks in flight on this node. */
    private static final class Account {
        final ReentrantLock lock = new ReentrantLock();
        final Condition released = lock.newCondition();
        int inFlight;
    }

    private final Cache<String, Account> accounts =
            Caffeine.newBuilder().weakValues().build();

    /**
     * Runs {@code check} once fewer checks of the account are in flight than {@code allowance} says. The allowance
     * is asked for (it reads the store) only when another check of the account is already in flight.
     */
    <T> T admit(String realmId, String username, IntSupplier allowance, Supplier<T> check) {
        // The local variable keeps the account strongly reachable while this check waits or runs.
        Account account = accounts.get(realmId + '\n' + username, key -> new Account());
        enter(account, allowance);
        try {
            return check.get();
        } finally {
            leave(account);
        }
    }

    private static void enter(Account account, IntSupplier allowance) {
        account.lock.lock();
        try {
            while (account.inFlight > 0 && account.inFlight >= allowance.getAsInt()) {
                account.released.awaitUninterruptibly();
            }
            account.inFlight++;
        } finally {
            account.lock.unlock();
        }
    }

    /** One check ended: one waiting check looks again (a waiter implies a check in flight, so none is forgotten). */
    private static void leave(Account account) {
        account.lock.lock();
        try {
            account.inFlight--;
            account.released.signal();
        } finally {
            account.lock.unlock();
        }
    }
}
