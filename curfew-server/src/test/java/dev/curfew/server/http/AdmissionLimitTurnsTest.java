package dev.curfew.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.curfew.server.config.AdmissionSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 * The admission limit's turns under contention, on a real Jetty server with Curfew's threads (requests on virtual
 * threads): every request is answered, and once the load is gone every turn is free again and nobody waits. A turn
 * given back at the moment another request is being queued must pass to it, without losing or inventing a turn and
 * without one thread waiting on another: on virtual threads the two may share the same few carriers.
 */
@DisplayName("Admission limit: turns pass from request to request under contention, none lost")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AdmissionLimitTurnsTest {
    private static final int CONCURRENT = 2;
    private static final int IN_FLIGHT = 64;
    private static final int REQUESTS = 20_000;

    /** The path whose handler holds its turn until {@link #release} opens. */
    private static final String HOLD = "/hold";

    private final CountDownLatch release = new CountDownLatch(1);
    private Server server;

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        if (server != null) {
            server.stop();
        }
    }

    @Test
    @DisplayName("20,000 requests, 64 at a time, through 2 turns: each is answered, then every turn is free")
    void everyRequestIsAnsweredAndEveryTurnComesBack() throws Exception {
        List<Integer> statuses = answersThrough(new AdmissionSettings(CONCURRENT, 1_000, Duration.ofSeconds(10)));

        assertThat(statuses).hasSize(REQUESTS).containsOnly(200);
    }

    @Test
    @DisplayName("with no queue, those past the turns are refused at once and the turns still all come back")
    void refusalsDoNotLoseTurns() throws Exception {
        List<Integer> statuses = answersThrough(new AdmissionSettings(CONCURRENT, 0, Duration.ofSeconds(10)));

        assertThat(statuses).hasSize(REQUESTS).isSubsetOf(200, 503).contains(200, 503);
    }

    @Test
    @DisplayName("with the shortest wait, turns given back race waits running out, and every turn still comes back")
    void waitsRunningOutDoNotLoseTurns() throws Exception {
        List<Integer> statuses =
                answersThrough(new AdmissionSettings(CONCURRENT, 1_000, AdmissionSettings.MIN_MAX_WAIT));

        assertThat(statuses).hasSize(REQUESTS).isSubsetOf(200, 503).contains(200);
    }

    /**
     * Sends {@link #REQUESTS} through a limit with these settings and returns their statuses, once it has checked
     * that every turn came back and nobody is left waiting.
     */
    private List<Integer> answersThrough(AdmissionSettings settings) throws Exception {
        AdmissionLimit limit = new AdmissionLimit(settings, new SimpleMeterRegistry());
        List<Integer> statuses = AdmissionTraffic.sendAll(start(limit), REQUESTS, IN_FLIGHT);
        assertEveryTurnIsBack(limit, settings.concurrent());
        return statuses;
    }

    @Test
    @DisplayName("a request whose client left while it waited takes its turn and gives it back")
    void clientLeavingWhileWaitingLosesNoTurn() throws Exception {
        AdmissionLimit limit =
                new AdmissionLimit(new AdmissionSettings(1, 4, Duration.ofSeconds(10)), new SimpleMeterRegistry());
        URI uri = start(limit);
        try (Socket holder = send(uri, HOLD)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> limit.turnsFree() == 0);
            try (Socket leaving = send(uri, "/")) {
                await().atMost(Duration.ofSeconds(10)).until(() -> limit.waiting() == 1);
            }
            release.countDown();

            assertEveryTurnIsBack(limit, 1);
        }
    }

    /** The last answers may reach the client a moment before their turns are given back. */
    private static void assertEveryTurnIsBack(AdmissionLimit limit, int turns) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(limit.turnsFree()).isEqualTo(turns);
            assertThat(limit.waiting()).isZero();
        });
    }

    private URI start(AdmissionLimit limit) throws Exception {
        AdmissionTraffic.Started started = AdmissionTraffic.start(limit, new Answer());
        server = started.server();
        return started.uri();
    }

    /** Sends a request on a connection of its own, without reading the answer. */
    private static Socket send(URI uri, String path) throws IOException {
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /**
     * A short answer written from the request's own thread, as Javalin's are, after letting other virtual threads
     * run, as a request does while it waits for the database; on {@link #HOLD}, once {@link #release} opens.
     */
    private final class Answer extends Handler.Abstract {
        private static final ByteBuffer OK = ByteBuffer.wrap("ok".getBytes(StandardCharsets.US_ASCII));

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws InterruptedException {
            if (HOLD.equals(Request.getPathInContext(request))) {
                release.await();
            }
            Thread.yield();
            response.setStatus(200);
            response.write(true, OK.slice(), callback);
            return true;
        }
    }
}
