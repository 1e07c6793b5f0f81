package dev.curfew.server.http;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs Jetty's tasks on virtual threads and remembers when each was handed over (docs/architecture.md, "Admission
 * under load"). A connection with a request to read becomes a task here; the task's virtual thread then waits in the
 * scheduler until a carrier is free, and only then reads the request and reaches the admission limit. That wait is
 * where requests queue when the cores are busy: the limit can judge it only if it knows when the wait began.
 */
final class TimedDispatch implements Executor {
    /** What {@link #takeDispatchTime()} answers when it knows no dispatch time. */
    static final long NONE = Long.MIN_VALUE;

    private static final ThreadLocal<Dispatched> CURRENT = new ThreadLocal<>();

    private final Executor threads;

    /** Tasks handed to the scheduler that have not started yet. */
    private final AtomicInteger waiting = new AtomicInteger();

    /** When the last task was handed over while none was waiting ({@link System#nanoTime()}). */
    private volatile long waitingSince = System.nanoTime();

    TimedDispatch(Executor threads) {
        this.threads = threads;
    }

    @Override
    public void execute(Runnable task) {
        long now = System.nanoTime();
        if (waiting.getAndIncrement() == 0) {
            waitingSince = now;
        }
        try {
            threads.execute(new Dispatched(task, now));
        } catch (RuntimeException refused) {
            // Not handed over (the executor is shut down): it will not start, so it is not waiting.
            waiting.decrementAndGet();
            throw refused;
        }
    }

    /** Tasks handed to the scheduler that have not started yet: about the requests waiting for a core. */
    int waiting() {
        return waiting.get();
    }

    /**
     * Since when tasks have been waiting for a core without a break ({@link System#nanoTime()}): the last time one was
     * handed over while none was waiting. Before it the cores had caught up.
     */
    long waitingSince() {
        return waitingSince;
    }

    /**
     * When the task running on this thread was handed to the scheduler ({@link System#nanoTime()}), once: the first
     * request a task reads waited since then; a second one on the same connection, read by the same task, arrived
     * later. {@link #NONE} when the task has been asked already, or when this thread runs no task of ours.
     */
    static long takeDispatchTime() {
        Dispatched task = CURRENT.get();
        if (task == null || task.taken) {
            return NONE;
        }
        task.taken = true;
        return task.at;
    }

    private final class Dispatched implements Runnable {
        private final Runnable task;
        private final long at;
        private boolean taken;

        Dispatched(Runnable task, long at) {
            this.task = task;
            this.at = at;
        }

        @Override
        public void run() {
            waiting.decrementAndGet();
            CURRENT.set(this);
            try {
                task.run();
            } finally {
                CURRENT.remove();
            }
        }
    }
}
