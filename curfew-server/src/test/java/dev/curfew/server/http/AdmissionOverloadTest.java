package dev.curfew.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.curfew.server.config.AdmissionSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Overload is judged by the wait for a core, on a real Jetty server with Curfew's threads: requests that keep every
 * core busy for longer than the interval, more of them waiting than may queue, are refused once they waited longer
 * than the target; a set of clients no larger than the queue is served in full however long it keeps the cores busy;
 * and requests that wait for a turn without using a core are all served, however long their line.
 */
@DisplayName("Admission limit: refused when the cores stay busy, served when only the turns are")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AdmissionOverloadTest {
    private static final int IN_FLIGHT = 64;

    private Server server;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    @DisplayName("requests that each use 2 ms of a core, 64 at a time, more than may queue (8): those that waited past"
            + " 1 ms are refused")
    void busyCoresRefuseRequestsThatWaitedForOne() throws Exception {
        AdmissionLimit limit =
                new AdmissionLimit(new AdmissionSettings(8, 8, Duration.ofSeconds(10), Duration.ofMillis(1)), meters);
        URI uri = start(limit, AdmissionOverloadTest::useACore);

        List<Integer> statuses = AdmissionTraffic.sendAll(uri, 1_000, IN_FLIGHT);

        assertThat(statuses).hasSize(1_000).isSubsetOf(200, 503).contains(200, 503);
        assertThat(refused("overloaded"))
                .isEqualTo(statuses.stream().filter(s -> s == 503).count());
        assertThat(refused("queue-full") + refused("wait-over")).isZero();
        assertEveryTurnIsBack(limit, 8);
    }

    @Test
    @DisplayName(
            "the same 64 clients, when as many may queue: their waits are bounded by their number, none is refused")
    void clientsFewerThanTheQueueAreNotRefused() throws Exception {
        AdmissionLimit limit =
                new AdmissionLimit(new AdmissionSettings(8, 64, Duration.ofSeconds(10), Duration.ofMillis(1)), meters);
        URI uri = start(limit, AdmissionOverloadTest::useACore);

        List<Integer> statuses = AdmissionTraffic.sendAll(uri, 1_000, IN_FLIGHT);

        assertThat(statuses).hasSize(1_000).containsOnly(200);
        assertThat(refused("overloaded")).isZero();
        assertEveryTurnIsBack(limit, 8);
    }

    @Test
    @DisplayName("requests that hold 2 turns for 20 ms each without a core, 64 at a time: every one is served")
    void waitingForATurnIsNotOverload() throws Exception {
        AdmissionLimit limit = new AdmissionLimit(
                new AdmissionSettings(2, 1_000, Duration.ofSeconds(30), Duration.ofMillis(20)), meters);
        URI uri = start(limit, request -> sleep(Duration.ofMillis(20)));

        List<Integer> statuses = AdmissionTraffic.sendAll(uri, 200, IN_FLIGHT);

        assertThat(statuses).hasSize(200).containsOnly(200);
        assertThat(refused("overloaded")).isZero();
        assertEveryTurnIsBack(limit, 2);
    }

    private double refused(String reason) {
        return meters.counter("curfew.http.requests.refused", "reason", reason).count();
    }

    private static void assertEveryTurnIsBack(AdmissionLimit limit, int turns) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(limit.turnsFree()).isEqualTo(turns);
            assertThat(limit.waiting()).isZero();
        });
    }

    /** Keeps a core busy for 2 ms, as signing a token does. */
    private static void useACore(Request request) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2);
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    private static void sleep(Duration time) {
        try {
            Thread.sleep(time);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private URI start(AdmissionLimit limit, Consumer<Request> work) throws Exception {
        AdmissionTraffic.Started started = AdmissionTraffic.start(limit, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                work.accept(request);
                response.setStatus(200);
                response.write(true, ByteBuffer.wrap("ok".getBytes(StandardCharsets.US_ASCII)), callback);
                return true;
            }
        });
        server = started.server();
        return started.uri();
    }
}
