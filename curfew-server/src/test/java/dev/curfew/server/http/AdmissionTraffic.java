package dev.curfew.server.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Traffic through an admission limit: a real Jetty server with Curfew's threads ({@link HttpThreads}, requests on
 * virtual threads) and the limit in front of a handler, and a client that sends many requests, some at a time.
 */
final class AdmissionTraffic {
    private AdmissionTraffic() {}

    /** A started server and where it listens. */
    record Started(Server server, URI uri) {}

    /** Starts a server on a free port of 127.0.0.1 whose requests pass {@code limit}, then {@code handler}. */
    static Started start(AdmissionLimit limit, Handler handler) throws Exception {
        Server server = new Server(HttpThreads.create());
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        limit.setHandler(handler);
        server.setHandler(limit);
        server.start();
        return new Started(server, URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"));
    }

    /**
     * Sends {@code count} requests, {@code inFlight} at a time, and returns their statuses; fails if they are not all
     * answered within a minute (a limit that stops admitting leaves them unanswered).
     */
    static List<Integer> sendAll(URI uri, int count, int inFlight) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        try (HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build()) {
            HttpRequest request =
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build();
            Semaphore slots = new Semaphore(inFlight);
            List<CompletableFuture<Integer>> answers = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                if (!slots.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                    throw new AssertionError(inFlight + " requests unanswered after " + i + " were sent");
                }
                answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                        .thenApply(HttpResponse::statusCode)
                        .whenComplete((status, failure) -> slots.release()));
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                    .get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            return answers.stream().map(CompletableFuture::join).toList();
        }
    }
}
