package dev.curfew.server.http;

import java.util.concurrent.Executors;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * Jetty's threads (docs/architecture.md, "Admission under load"): the acceptor and the selectors on a few platform
 * threads, each request's handling on a virtual thread of its own. Javalin's own virtual-thread pool runs everything
 * on virtual threads, the acceptor and selectors included; under saturation those wait in the virtual-thread
 * scheduler's queues behind hundreds of runnable requests, so connections are not accepted (clients time out) and
 * answers — refusals too — are not read or written for seconds. On platform threads the operating system schedules
 * them whatever the backlog of requests.
 */
final class HttpThreads {
    /** The acceptor, the selectors and Jetty's housekeeping; requests never hold one. */
    private static final int MAX_PLATFORM_THREADS = 32;

    private static final int MIN_PLATFORM_THREADS = 4;

    private HttpThreads() {}

    static ThreadPool create() {
        QueuedThreadPool pool = new QueuedThreadPool(MAX_PLATFORM_THREADS, MIN_PLATFORM_THREADS);
        pool.setName("curfew-http");
        pool.setVirtualThreadsExecutor(new TimedDispatch(Executors.newVirtualThreadPerTaskExecutor()));
        return pool;
    }
}
