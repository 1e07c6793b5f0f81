package dev.curfew.bench.support;

import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * When a Shared Signals receiver had each SET, by the SET's {@code txn} (the sign-out's id): the first arrival counts.
 * Waiting for one is woken by its arrival, not by polling.
 */
public final class SetArrivals {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Map<String, Long> byTxn = new HashMap<>();

    /** Notes a signed SET that arrived at {@code at} ({@link System#nanoTime()}); one without {@code txn} is ignored. */
    public void record(String set, long at) {
        try {
            Object txn = SignedJWT.parse(set).getJWTClaimsSet().getClaim("txn");
            if (txn != null) {
                synchronized (byTxn) {
                    byTxn.putIfAbsent(txn.toString(), at);
                    byTxn.notifyAll();
                }
            }
        } catch (ParseException e) {
            System.err.println("not a SET: " + e.getMessage());
        }
    }

    /** When the SET of sign-out {@code txn} arrived ({@link System#nanoTime()}), waiting at most 30 s for it. */
    public long await(String txn) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        synchronized (byTxn) {
            while (true) {
                Long at = byTxn.get(txn);
                if (at != null) {
                    return at;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException(
                            "no SET for sign-out " + txn + " within " + PATIENCE.toSeconds() + " s");
                }
                byTxn.wait(Math.max(1, left / 1_000_000));
            }
        }
    }
}
