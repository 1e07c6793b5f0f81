package dev.curfew.store.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs one task on several threads released at the same moment, to make them contend. */
final class Concurrently {
    static final int THREADS = 8;
    private static final long TIMEOUT_SECONDS = 30;

    private Concurrently() {}

    /** The results of {@link #THREADS} simultaneous calls of {@code task}; rethrows the first failure. */
    static <T> List<T> run(Callable<T> task) throws InterruptedException {
        ExecutorService executor = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch ready = new CountDownLatch(THREADS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(executor.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
            return results;
        } catch (ExecutionException e) {
            throw new AssertionError("a concurrent call failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("a concurrent call did not finish within " + TIMEOUT_SECONDS + " s", e);
        } finally {
            executor.shutdownNow();
        }
    }
}
