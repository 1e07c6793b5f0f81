package dev.curfew.engine.delivery;

import dev.curfew.core.delivery.Delivery;
import dev.curfew.core.store.OutboxStore;
import dev.curfew.core.store.Store;
import dev.curfew.engine.outbound.DestinationRefused;
import dev.curfew.engine.outbound.OutboundPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox ({@code docs/architecture.md}, "Outbox and delivery"). Each round claims a bounded batch
 * of due rows, groups them by destination and delivers each group in order on a virtual thread — one request in
 * flight per destination, at most {@link DeliverySettings#concurrency()} destinations at once. 2xx ends a row;
 * 4xx other than 408 and 429 makes it dead at once; anything else is retried with {@link Backoff}, until the row is
 * older than {@link DeliverySettings#maxAge()}, when it becomes dead (the dead-letter list, retried by hand). Every
 * destination goes through the {@link OutboundPolicy} at each attempt (and the {@link Transport} connects only to the
 * addresses it allowed); one it refuses is dead at once.
 *
 * <p>Nothing is lost on a crash: a row stays QUEUED until an attempt's outcome is written, and a crashed
 * node's claims expire after {@link DeliverySettings#claimLease()}. A row may therefore be sent twice (the
 * answer was lost); its {@code jti} lets the receiver recognise the repeat.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /**
     * Successful attempts to one destination are written to the store together, at most this many at a time: one
     * round trip and one commit instead of one per row, when a realm sign-out sends thousands of tokens to one
     * receiver one after another ({@code bench/delivery.sh}). Written before the group waits for a retry and when
     * it ends; a crash in between sends at most these again (the receiver recognises the jti).
     */
    public static final int DELIVERED_WRITE_BATCH = 50;

    private final Store store;
    private final DeliverySettings settings;
    private final Map<String, Renderer> renderers;
    private final Clock clock;
    private final Backoff backoff;
    private final OutboundPolicy policy;
    private final Transport http;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore slots;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Metrics metrics;
    private volatile boolean running;
    private Thread loop;

    public Dispatcher(
            Store store,
            DeliverySettings settings,
            Map<String, Renderer> renderers,
            Clock clock,
            RandomGenerator random,
            MeterRegistry registry,
            OutboundPolicy policy,
            Transport.Factory transport) {
        this.store = store;
        this.settings = settings;
        this.renderers = Map.copyOf(renderers);
        this.clock = clock;
        this.backoff = new Backoff(settings.baseDelay(), settings.maxDelay(), random);
        this.slots = new Semaphore(settings.concurrency());
        this.policy = policy;
        this.http = transport.open(settings, policy);
        this.metrics = new Metrics(registry, store);
    }

    /** Starts delivering in the background: rows left from before a restart are picked up on the first round. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        loop = Thread.ofPlatform().daemon().name("curfew-delivery").start(this::loop);
    }

    /** Something was queued: look at the queue now rather than at the next poll. */
    public void wake() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    private void loop() {
        while (running) {
            int claimed;
            try {
                claimed = runOnce();
            } catch (RuntimeException e) {
                LOG.warn("delivery round failed; trying again at the next one", e);
                claimed = 0;
            }
            if (claimed < settings.batchSize()) {
                try {
                    // Not a sleep for correctness: rows are due by the clock; this only paces idle polling.
                    if (wakeUps.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                        wakeUps.drainPermits();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * One round: claims the due rows (at most one batch) and delivers them, returning when every attempt of
     * the round has an outcome. @return how many rows were claimed
     */
    public synchronized int runOnce() {
        Instant now = clock.instant();
        List<Delivery> due = store.outbox().claimDue(now, now.plus(settings.claimLease()), settings.batchSize());
        if (due.isEmpty()) {
            return 0;
        }
        Map<String, List<Delivery>> byDestination = new LinkedHashMap<>();
        for (Delivery d : due) {
            byDestination
                    .computeIfAbsent(d.destination(), k -> new ArrayList<>())
                    .add(d);
        }
        List<Future<?>> groups = new ArrayList<>();
        for (List<Delivery> group : byDestination.values()) {
            groups.add(workers.submit(() -> deliverInOrder(group)));
        }
        for (Future<?> group : groups) {
            try {
                group.get();
            } catch (ExecutionException e) {
                LOG.warn("delivery to one destination failed unexpectedly", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return due.size();
    }

    /**
     * Delivers one destination's rows oldest first. When one must wait for a retry, the rest of the group waits
     * behind it (released with the same next attempt time), so a receiver sees them in order.
     */
    private void deliverInOrder(List<Delivery> group) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            group.forEach(d -> store.outbox().release(d.id()));
            return;
        }
        List<OutboxStore.Delivered> delivered = new ArrayList<>();
        // The next notification is rendered (signed) while the current one is sent: signing, not the network,
        // bounds one receiver's rate, and this puts it on another core. The order of sending is unchanged.
        CompletableFuture<Renderer.Request> next = render(group.get(0));
        try {
            for (int i = 0; i < group.size(); i++) {
                CompletableFuture<Renderer.Request> current = next;
                next = i + 1 < group.size() ? render(group.get(i + 1)) : null;
                Instant retryAt = deliver(group.get(i), current, delivered);
                if (delivered.size() >= DELIVERED_WRITE_BATCH || retryAt != null) {
                    writeDelivered(delivered);
                }
                if (retryAt != null) {
                    for (Delivery later : group.subList(i + 1, group.size())) {
                        store.outbox()
                                .reschedule(
                                        later.id(),
                                        later.attempts(),
                                        retryAt,
                                        later.lastError().orElse("waiting behind an earlier notification"));
                    }
                    return;
                }
            }
        } finally {
            try {
                writeDelivered(delivered);
            } finally {
                slots.release();
            }
        }
    }

    private void writeDelivered(List<OutboxStore.Delivered> delivered) {
        if (!delivered.isEmpty()) {
            store.outbox().markDelivered(delivered);
            delivered.clear();
        }
    }

    /** Renders {@code d}'s request on a worker thread; a failure to render completes it exceptionally. */
    private CompletableFuture<Renderer.Request> render(Delivery d) {
        Renderer renderer = renderers.get(d.kind());
        if (renderer == null) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("no renderer for notification kind " + d.kind()));
        }
        return CompletableFuture.supplyAsync(() -> renderer.render(d), workers);
    }

    /**
     * One attempt, and its outcome written — a success added to {@code delivered}, written by the caller. @return
     * when it is retried, or null when it is done or dead
     *
     * @param rendered the request's body and headers, being rendered
     */
    private Instant deliver(
            Delivery d, CompletableFuture<Renderer.Request> rendered, List<OutboxStore.Delivered> delivered) {
        Instant start = clock.instant();
        int attempts = d.attempts() + 1;
        if (start.isAfter(d.queuedAt().plus(settings.maxAge()))) {
            dead(
                    d,
                    d.attempts(),
                    "not delivered within " + settings.maxAge()
                            + d.lastError().map(e -> "; last error: " + e).orElse(""));
            return null;
        }
        Outcome outcome = attempt(d, rendered);
        Instant end = clock.instant();
        switch (outcome) {
            case Outcome.Delivered ok -> {
                delivered.add(new OutboxStore.Delivered(d.id(), attempts, end));
                metrics.delivered(d, Duration.between(d.createdAt(), end));
                return null;
            }
            case Outcome.Refused refused -> {
                dead(d, attempts, refused.error());
                return null;
            }
            case Outcome.Retry retry -> {
                metrics.failed(d);
                Instant next = end.plus(backoff.delayAfter(attempts));
                if (next.isAfter(d.queuedAt().plus(settings.maxAge()))) {
                    dead(d, attempts, "not delivered within " + settings.maxAge() + "; last error: " + retry.error());
                    return null;
                }
                store.outbox().reschedule(d.id(), attempts, next, retry.error());
                return next;
            }
        }
    }

    private void dead(Delivery d, int attempts, String error) {
        store.outbox().markDead(d.id(), attempts, error);
        metrics.dead(d);
        LOG.warn("notification {} to {} is dead after {} attempts: {}", d.id(), d.destination(), attempts, error);
    }

    private Outcome attempt(Delivery d, CompletableFuture<Renderer.Request> pending) {
        long started = System.nanoTime();
        try {
            Renderer.Request rendered;
            try {
                rendered = pending.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
            URI destination = URI.create(d.destination());
            policy.checkUrl(destination);
            return http.post(destination, d.contentType(), rendered.headers(), rendered.body());
        } catch (Renderer.Undeliverable e) {
            return new Outcome.Refused(e.getMessage());
        } catch (DestinationRefused e) {
            return Outcome.ofFailure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Retry("interrupted");
        } catch (RuntimeException e) {
            // A destination that no longer parses, a realm without a key: reported on the row, retried.
            return new Outcome.Retry(e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            metrics.latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void close() {
        running = false;
        wake();
        Thread t = loop;
        if (t != null) {
            try {
                t.join(settings.requestTimeout().plusSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.shutdownNow();
        http.close();
    }

    /** Micrometer meters: {@code curfew.delivery.*}. */
    private static final class Metrics {
        private final MeterRegistry registry;
        final Timer latency;

        Metrics(MeterRegistry registry, Store store) {
            this.registry = registry;
            this.latency = Timer.builder("curfew.delivery.attempt")
                    .description("Duration of one delivery attempt (HTTP POST to a receiver)")
                    .register(registry);
            Gauge.builder("curfew.delivery.queued", store, s -> s.outbox().count(Delivery.Status.QUEUED))
                    .description("Notifications waiting to be delivered")
                    .register(registry);
            Gauge.builder("curfew.delivery.dead.rows", store, s -> s.outbox().count(Delivery.Status.DEAD))
                    .description("Notifications in the dead-letter list")
                    .register(registry);
        }

        void delivered(Delivery d, Duration sinceQueued) {
            Counter.builder("curfew.delivery.delivered")
                    .tag("kind", d.kind())
                    .register(registry)
                    .increment();
            Timer.builder("curfew.delivery.latency")
                    .description("Time from queuing to successful delivery")
                    .tag("kind", d.kind())
                    .register(registry)
                    .record(sinceQueued);
        }

        void failed(Delivery d) {
            Counter.builder("curfew.delivery.failed")
                    .tag("kind", d.kind())
                    .register(registry)
                    .increment();
        }

        void dead(Delivery d) {
            Counter.builder("curfew.delivery.dead")
                    .tag("kind", d.kind())
                    .register(registry)
                    .increment();
        }
    }
}
