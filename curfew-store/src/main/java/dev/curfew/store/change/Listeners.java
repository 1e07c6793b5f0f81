package dev.curfew.store.change;

import dev.curfew.core.change.Change;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A feed's listeners: each hears every change; one that throws is logged and does not stop the others. */
final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();

    void add(Consumer<Change> listener) {
        listeners.add(listener);
    }

    void deliver(Change change) {
        for (Consumer<Change> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.warn("a listener failed to apply {}", change, e);
            }
        }
    }
}
