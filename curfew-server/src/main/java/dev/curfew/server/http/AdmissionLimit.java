package dev.curfew.server.http;

import dev.curfew.server.config.AdmissionSettings;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
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
 * <p>The turns and the queue are counted under one lock, held for a few field updates and never while waiting. A
 * request's turn is given back when its exchange completes, and passes directly to the first one waiting, which then
 * runs on a virtual thread of its own. Nothing here waits for another thread to make progress: requests run on
 * virtual threads, which share a carrier per core, and a thread that spun until another one had queued its request
 * could hold the very carrier that other one needs. (Jetty's {@code QoSHandler}, used here before, does that: under
 * saturation on two cores, two completing requests spun forever on both carriers, waiting for a request that had
 * been counted but could no longer run to queue itself — the server used both cores while idle and served nothing
 * more.)
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
    private final ReentrantLock lock = new ReentrantLock();

    /** Turns not taken; guarded by {@link #lock}. */
    private int free;

    /** Requests waiting for a turn, in arrival order; guarded by {@link #lock}. */
    private final LinkedHashSet<Waiting> waiting = new LinkedHashSet<>();

    AdmissionLimit(AdmissionSettings settings) {
        this.free = settings.concurrent();
        this.queue = settings.queue();
        this.maxWait = settings.maxWait();
        excludePath("^/realms/[^/]+/ssf/streams/[^/]+/poll$", "/health/*", "/metrics");
    }

    @Override
    protected boolean onConditionsMet(Request request, Response response, Callback callback) throws Exception {
        boolean admitted = false;
        Waiting waiter = null;
        lock.lock();
        try {
            if (free > 0) {
                free--;
                admitted = true;
            } else if (waiting.size() < queue) {
                waiter = new Waiting(request, response, callback);
                waiting.addLast(waiter);
            }
        } finally {
            lock.unlock();
        }
        if (admitted) {
            return serve(request, response, callback);
        }
        if (waiter == null) {
            refuse(request, response, callback);
        } else {
            waiter.startClock(getServer().getScheduler());
        }
        return true;
    }

    @Override
    protected boolean onConditionsNotMet(Request request, Response response, Callback callback) throws Exception {
        return nextHandler(request, response, callback);
    }

    /** Turns not taken now. */
    int turnsFree() {
        lock.lock();
        try {
            return free;
        } finally {
            lock.unlock();
        }
    }

    /** Requests waiting for a turn now. */
    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** Serves a request that holds a turn; the turn is given back when its exchange completes, however it ends. */
    private boolean serve(Request request, Response response, Callback callback) throws Exception {
        Request.addCompletionListener(request, failure -> giveBack());
        return nextHandler(request, response, callback);
    }

    /** The first request waiting takes the turn; with none waiting, the turn is free. */
    private void giveBack() {
        Waiting next = null;
        lock.lock();
        try {
            if (waiting.isEmpty()) {
                free++;
            } else {
                next = waiting.removeFirst();
            }
        } finally {
            lock.unlock();
        }
        if (next != null) {
            next.admit();
        }
    }

    private static void refuse(Request request, Response response, Callback callback) {
        Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503);
    }

    /** Runs a task on a virtual thread of its own, never on the thread that completed another exchange. */
    private Executor executor() {
        Executor pool = getServer().getThreadPool();
        Executor virtual = VirtualThreads.getVirtualThreadsExecutor(pool);
        return virtual == null ? pool : virtual;
    }

    /** A request waiting for a turn: it leaves the queue either admitted or, once its wait is over, refused. */
    private final class Waiting {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private volatile Scheduler.Task clock;

        Waiting(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        /** Refuses it once its wait is over; a turn that came first leaves the timer nothing to do. */
        void startClock(Scheduler scheduler) {
            clock = scheduler.schedule(this::expire, maxWait);
        }

        /** Took a turn given back: serve it. */
        void admit() {
            Scheduler.Task task = clock;
            if (task != null) {
                task.cancel();
            }
            executor().execute(this::run);
        }

        private void run() {
            try {
                if (!serve(request, response, callback)) {
                    Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
                }
            } catch (Throwable failure) {
                Response.writeError(request, response, callback, failure);
            }
        }

        /** Its wait is over: refused, unless a turn came first (then it is no longer in the queue). */
        private void expire() {
            boolean removed;
            lock.lock();
            try {
                removed = waiting.remove(this);
            } finally {
                lock.unlock();
            }
            if (removed) {
                executor().execute(() -> refuse(request, response, callback));
            }
        }
    }
}
