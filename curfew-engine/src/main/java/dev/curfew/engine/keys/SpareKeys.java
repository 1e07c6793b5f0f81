package dev.curfew.engine.keys;

import com.nimbusds.jose.jwk.JWK;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing keys generated ahead of need, for a start about to create realms. Finding a 2048-bit RSA key took 350-570
 * ms of CPU the first time in a JVM (60-160 ms later on), and a first start creates one per realm (the master realm,
 * and the demo realm with {@code --demo}); asked for before the database opens, they are found while it does
 * (bench/README.md, "Start-up"). {@link RealmKeys} takes the oldest spare of an algorithm before it generates a key, waiting for one
 * still being found rather than finding a second beside it.
 *
 * <p>Process-wide, like the random source the keys come from: a spare is a fresh key that any realm of this process
 * may take, once; none is stored or shown before a realm takes it.
 */
public final class SpareKeys {
    private static final Logger LOG = LoggerFactory.getLogger(SpareKeys.class);

    private static final Map<String, Queue<CompletableFuture<JWK>>> SPARES = new ConcurrentHashMap<>();

    private SpareKeys() {}

    /** Starts finding {@code count} keys of {@code algorithm} (as {@link RealmKeys} names them), one after another. */
    public static void prepare(String algorithm, int count) {
        Queue<CompletableFuture<JWK>> spares = SPARES.computeIfAbsent(algorithm, a -> new ConcurrentLinkedQueue<>());
        List<CompletableFuture<JWK>> prepared = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CompletableFuture<JWK> spare = new CompletableFuture<>();
            prepared.add(spare);
            spares.add(spare);
        }
        // One thread: the other core is the start's own.
        Thread.ofPlatform().daemon().name("curfew-spare-keys").start(() -> {
            for (CompletableFuture<JWK> spare : prepared) {
                try {
                    spare.complete(RealmKeys.generateNew(algorithm));
                } catch (RuntimeException e) {
                    spare.completeExceptionally(e);
                }
            }
        });
    }

    /** The oldest spare of {@code algorithm}, once found; empty when there is none, or finding it failed. */
    static Optional<JWK> take(String algorithm) {
        Queue<CompletableFuture<JWK>> spares = SPARES.get(algorithm);
        CompletableFuture<JWK> spare = spares == null ? null : spares.poll();
        if (spare == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(spare.join());
        } catch (CompletionException e) {
            LOG.debug("A spare {} key could not be generated; generating one now", algorithm, e.getCause());
            return Optional.empty();
        }
    }
}
