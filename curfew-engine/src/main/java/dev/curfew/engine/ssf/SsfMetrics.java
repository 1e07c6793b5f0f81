package dev.curfew.engine.ssf;

import dev.curfew.core.store.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Micrometer meters of the Shared Signals transmitter: {@code curfew.ssf.*}. */
public final class SsfMetrics {
    private final MeterRegistry registry;
    private final Counter polls;

    public SsfMetrics(MeterRegistry registry, Store store) {
        this.registry = registry;
        this.polls = Counter.builder("curfew.ssf.poll.requests")
                .description("Poll requests (RFC 8936) answered")
                .register(registry);
        Gauge.builder("curfew.ssf.streams", store, s -> s.ssf().count())
                .description("Shared Signals streams of every realm")
                .register(registry);
    }

    /** SETs queued (on poll queues or in the outbox), by event type. */
    void queued(String eventType, int count) {
        Counter.builder("curfew.ssf.sets.queued")
                .description("Security Event Tokens queued for receivers")
                .tag("event_type", eventType)
                .register(registry)
                .increment(count);
    }

    public void polled() {
        polls.increment();
    }
}
