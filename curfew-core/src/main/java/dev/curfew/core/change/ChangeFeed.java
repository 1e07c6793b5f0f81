package dev.curfew.core.change;

import dev.curfew.core.store.Store;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Tells every node — this one included — what a transaction changed, once it has committed and never if it rolls
 * back. A single node (H2) needs nothing more than its own process; several nodes on PostgreSQL hear each other
 * through {@code LISTEN/NOTIFY}. Delivery is at most once: a node that loses its connection hears {@link
 * Change.Everything} once it listens again, and what it keeps expires after a bounded time anyway.
 */
public interface ChangeFeed {

    /** Announces {@code change} inside {@code tx}: listeners hear it once {@code tx} commits. */
    void publish(Store tx, Change change);

    /** Adds a listener; it is called on a thread of the feed and must return quickly. */
    void listen(Consumer<Change> listener);

    /** Whether this node hears the other nodes now; false while its listening connection is lost. */
    boolean isListening();

    /**
     * Since when this node has not heard the other nodes — its listening connection lost, or not open yet — or empty
     * while it hears them and has taken in what it missed. What it holds in memory may lack what others committed
     * since then; the validity check bounds how long that is trusted ({@code docs/architecture.md}, "One source of
     * truth for validity"). A single node always hears itself.
     */
    Optional<Instant> deafSince();
}
