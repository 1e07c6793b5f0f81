package dev.curfew.store.change;

import dev.curfew.core.change.Change;
import dev.curfew.core.change.ChangeFeed;
import dev.curfew.core.store.Store;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/** The feed of a single node (H2): its own listeners hear its changes once the transaction commits. */
public final class InProcessChangeFeed implements ChangeFeed {
    private final Listeners listeners = new Listeners();

    @Override
    public void publish(Store tx, Change change) {
        tx.afterCommit(() -> listeners.deliver(change));
    }

    @Override
    public void listen(Consumer<Change> listener) {
        listeners.add(listener);
    }

    /** There is no one else to hear. */
    @Override
    public boolean isListening() {
        return true;
    }

    @Override
    public Optional<Instant> deafSince() {
        return Optional.empty();
    }
}
