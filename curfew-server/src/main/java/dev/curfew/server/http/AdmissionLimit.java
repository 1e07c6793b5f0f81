package dev.curfew.server.http;

import dev.curfew.server.config.AdmissionSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ConditionalHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The fair admission limit in front of every handler (docs/architecture.md, "Admission under load"): at most
 * {@link AdmissionSettings#concurrent()} requests are served at once; the next ones wait their turn first in, first
 * out, at most {@link AdmissionSettings#maxWait()}; when {@link AdmissionSettings#queue()} are already waiting, or a
 * request's wait runs out, it is answered {@code 503} with {@code Retry-After} (RFC 9110 §10.2.3) by {@link
 * JettyErrors} — on the protocol paths in RFC 6749's model, {@code temporarily_unavailable}. Without it, every request
 * that arrives starts at once on its own virtual thread, and under saturation they all share the cores: each is
 * served more slowly the more there are, and whichever the scheduler leaves behind waits seconds.
 *
 * <p>Nothing here blocks or waits for another thread to make progress: the turns and the places in the queue are
 * counters changed by compare-and-set, the queue is a lock-free one. A request that must wait is queued first and
 * then looks for a free turn; a turn given back (when its exchange completes, however it ends) looks for a request
 * waiting: whichever comes second finds the other, so no turn stays free while a request waits. An admitted request
 * runs on a virtual thread of its own. Requests run on virtual threads, which share one carrier thread per core, so
 * a thread that spun until another one had queued its request could hold the very carrier that other one needs:
 * Jetty's {@code QoSHandler}, used here before, does that, and under saturation on two cores two completing requests
 * spun on both carriers for good — the server used both cores while idle and served nothing more. A thread that
 * parked on a lock would instead wait behind every runnable request before it could pass its turn on.
 *
 * <p>Turns bound the requests that wait for something other than a core. A request that only computes runs to its
 * end once its virtual thread is mounted, so such requests never take all the turns: under overload they wait for a
 * core before they reach this limit, in the scheduler. So a request is first judged by that wait ({@link
 * TimedDispatch}, {@link StandingQueue}): once every request for 100 ms has waited longer than {@link
 * AdmissionSettings#targetWait()} for a core, with more than {@link AdmissionSettings#queue()} waiting for one, one
 * that did is refused at once, and so is one admitted from the queue whose own thread then waited that long.
 *
 * <p>Metrics: {@code curfew.http.requests.active} (holding a turn), {@code curfew.http.requests.queued} (waiting
 * for one) and {@code curfew.http.requests.refused}, by {@code reason}: {@code queue-full}, {@code wait-over} or
 * {@code overloaded}.
 *
 * <p>Not limited: a Shared Signals long poll (RFC 8936 §2.4) is held open up to {@code ssf-poll-timeout} on purpose
 * and would hold a turn without using it; the health and metrics endpoints must answer when the server is busy,
 * which is when they are read.
 */
public final class AdmissionLimit extends ConditionalHandler.Abstract {
    /** What a refused client is told to wait: about the longest a request waits for a turn by default. */
    static final String RETRY_AFTER_SECONDS = "1";

    private final int queue;
    private final Duration maxWait;

    /** Turns not taken. */
    private final AtomicInteger free;

    /** Places taken in the queue: requests waiting, neither admitted nor refused yet. */
    private final AtomicInteger places = new AtomicInteger();

    /** The requests waiting, in arrival order. */
    private final ConcurrentLinkedQueue<Waiting> line = new ConcurrentLinkedQueue<>();

    private final Counter refusedQueueFull;
    private final Counter refusedWaitOver;
    private final Counter refusedOverloaded;

    /** Whether the cores have been too busy for too long to serve a request that waited for one. */
    private final StandingQueue cores;

    /**
     * Runs a task on a virtual thread of its own, never on the thread that completed another exchange: the server's
     * virtual-thread executor (a {@link TimedDispatch} in Curfew's server), found once when the limit starts.
     */
    private Executor executor;

    AdmissionLimit(AdmissionSettings settings, MeterRegistry meters) {
        this.free = new AtomicInteger(settings.concurrent());
        this.queue = settings.queue();
        this.maxWait = settings.maxWait();
        this.cores = new StandingQueue(settings.targetWait(), StandingQueue.INTERVAL, System.nanoTime());
        excludePath("^/realms/[^/]+/ssf/streams/[^/]+/poll$", "/health/*", "/metrics");
        int concurrent = settings.concurrent();
        Gauge.builder("curfew.http.requests.active", free, f -> concurrent - f.get())
                .description("requests being served: holding one of http-max-concurrent turns")
                .register(meters);
        Gauge.builder("curfew.http.requests.queued", places, AtomicInteger::get)
                .description("requests waiting for a turn")
                .register(meters);
        this.refusedQueueFull = refused(meters, "queue-full");
        this.refusedWaitOver = refused(meters, "wait-over");
        this.refusedOverloaded = refused(meters, "overloaded");
    }

    private static Counter refused(MeterRegistry meters, String reason) {
        return Counter.builder("curfew.http.requests.refused")
                .description("requests answered 503 by the admission limit: the queue was full, or the wait was over")
                .tag("reason", reason)
                .register(meters);
    }

    @Override
    protected void doStart() throws Exception {
        Executor pool = getServer().getThreadPool();
        Executor virtual = VirtualThreads.getVirtualThreadsExecutor(pool);
        executor = virtual == null ? pool : virtual;
        super.doStart();
    }

    @Override
    protected boolean onConditionsMet(Request request, Response response, Callback callback) throws Exception {
        if (overloaded()) {
            refusedOverloaded.increment();
            refuse(request, response, callback);
            return true;
        }
        // Those already waiting go first.
        if (line.isEmpty() && takeTurn()) {
            return serve(request, response, callback);
        }
        if (!takePlace()) {
            refusedQueueFull.increment();
            refuse(request, response, callback);
            return true;
        }
        Waiting waiter = new Waiting(request, response, callback);
        line.add(waiter);
        passTurns();
        waiter.startClock(getServer().getScheduler());
        return true;
    }

    @Override
    protected boolean onConditionsNotMet(Request request, Response response, Callback callback) throws Exception {
        return nextHandler(request, response, callback);
    }

    /** Turns not taken now. */
    int turnsFree() {
        return free.get();
    }

    /** Requests waiting for a turn now. */
    int waiting() {
        return places.get();
    }

    /** Serves a request that holds a turn. */
    private boolean serve(Request request, Response response, Callback callback) throws Exception {
        holdTurnUntilDone(request);
        return nextHandler(request, response, callback);
    }

    /** The turn a request holds is given back when its exchange completes, however it ends. */
    private void holdTurnUntilDone(Request request) {
        Request.addCompletionListener(request, failure -> {
            free.incrementAndGet();
            passTurns();
        });
    }

    /**
     * Whether the request this thread is about to serve is refused because the server is overloaded ({@link
     * StandingQueue}): the wait judged is the one for a core, from when Jetty handed the task that reads it to the
     * scheduler ({@link TimedDispatch}) to now. Only while more tasks wait for a core than {@code
     * http-max-queued} requests may wait for a turn: a set of clients that each wait for their answer before they ask
     * again (a batch job's threads, a load test's connections) is a queue its own size bounds, which refusing would
     * only make fail; arrivals that do not wait for answers are what grows past it. A wait for a turn is not judged
     * here: it has its own bounds, and a request waiting for a turn uses no core.
     */
    private boolean overloaded() {
        long dispatched = TimedDispatch.takeDispatchTime();
        if (dispatched == TimedDispatch.NONE || !(executor instanceof TimedDispatch timed)) {
            return false;
        }
        long now = System.nanoTime();
        // Judged first in any case: a short wait counts even while few wait.
        boolean late = cores.refuses(now, now - dispatched, timed.waitingSince());
        return late && timed.waiting() > queue;
    }

    /**
     * While a turn is free and a request waits, the first one waiting takes it. Called after a request is queued and
     * after a turn is given back: each changes its side before it looks at the other, so at least one of the two sees
     * both.
     */
    private void passTurns() {
        while (!line.isEmpty() && takeTurn()) {
            Waiting next = line.poll();
            if (next == null || !next.admit()) {
                // Taken by another thread, or its wait ran out this instant: the turn is free again, look again.
                free.incrementAndGet();
            }
        }
    }

    /** Takes a free turn, if there is one. */
    private boolean takeTurn() {
        return free.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0;
    }

    /** Takes a place in the queue, if one is left. */
    private boolean takePlace() {
        return places.getAndUpdate(n -> n < queue ? n + 1 : n) < queue;
    }

    private static void refuse(Request request, Response response, Callback callback) {
        Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503);
    }

    /** A request waiting for a turn: it leaves the queue either admitted or, once its wait is over, refused. */
    private final class Waiting {
        private final Request request;
        private final Response response;
        private final Callback callback;

        /** Set once, by whichever comes first: a turn, or the end of its wait. */
        private final AtomicBoolean decided = new AtomicBoolean();

        private volatile Scheduler.Task clock;

        Waiting(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        /** Refuses it once its wait is over, unless a turn came first. */
        void startClock(Scheduler scheduler) {
            if (!decided.get()) {
                clock = scheduler.schedule(this::expire, maxWait);
            }
        }

        /** Takes a turn: false if its wait ran out first. */
        boolean admit() {
            if (!decided.compareAndSet(false, true)) {
                return false;
            }
            places.decrementAndGet();
            executor.execute(this::run);
            Scheduler.Task task = clock;
            if (task != null) {
                task.cancel();
            }
            return true;
        }

        private void run() {
            try {
                if (overloaded()) {
                    refusedOverloaded.increment();
                    holdTurnUntilDone(request);
                    refuse(request, response, callback);
                    return;
                }
                if (!serve(request, response, callback)) {
                    Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
                }
            } catch (Throwable failure) {
                Response.writeError(request, response, callback, failure);
            }
        }

        /** Its wait is over: refused, unless a turn came first. */
        private void expire() {
            if (decided.compareAndSet(false, true)) {
                line.remove(this);
                places.decrementAndGet();
                refusedWaitOver.increment();
                executor.execute(() -> refuse(request, response, callback));
            }
        }
    }
}
