package dev.curfew.bench.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Shared Signals long-poll receiver (RFC 8936) on a virtual thread: holds a {@code returnImmediately: false} poll,
 * notes the arrival of each SET, and acknowledges what it got with the next poll. It takes a new access token every
 * few minutes, and after any refusal.
 */
public final class PollReceiver implements AutoCloseable {
    /** The receiver's access token, taken when needed. */
    public interface Tokens {
        String take() throws IOException, InterruptedException;
    }

    /** The stream configuration (SSF 1.0 §8.1.1.1) of a poll stream. */
    public static final String STREAM_REQUEST = "{\"delivery\":{\"method\":\"urn:ietf:rfc:8936\"}}";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TOKEN_AGE = Duration.ofMinutes(3);

    private final BenchHttp http;
    private final String pollUrl;
    private final Tokens tokens;
    private final SetArrivals arrivals = new SetArrivals();
    private final Thread thread;
    private volatile boolean polling = true;

    private PollReceiver(BenchHttp http, String pollUrl, Tokens tokens) {
        this.http = http;
        this.pollUrl = pollUrl;
        this.tokens = tokens;
        this.thread = Thread.ofVirtual().unstarted(this::loop);
    }

    /** Starts polling {@code pollUrl} ({@code {issuer}/ssf/streams/{id}/poll}). */
    public static PollReceiver start(BenchHttp http, String pollUrl, Tokens tokens) {
        PollReceiver receiver = new PollReceiver(http, pollUrl, tokens);
        receiver.thread.start();
        return receiver;
    }

    public SetArrivals arrivals() {
        return arrivals;
    }

    private void loop() {
        List<String> ack = new ArrayList<>();
        String token = null;
        long tokenAt = 0;
        while (polling) {
            try {
                if (token == null || System.nanoTime() - tokenAt > TOKEN_AGE.toNanos()) {
                    token = tokens.take();
                    tokenAt = System.nanoTime();
                }
                String body =
                        "{\"returnImmediately\":false,\"maxEvents\":100,\"ack\":" + JSON.writeValueAsString(ack) + "}";
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(pollUrl))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
                long at = System.nanoTime();
                ack = new ArrayList<>();
                if (response.statusCode() != 200) {
                    token = null;
                    continue;
                }
                for (var set : JSON.readTree(response.body()).get("sets").properties()) {
                    ack.add(set.getKey());
                    arrivals.record(set.getValue().asText(), at);
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!polling) {
                    return;
                }
                System.err.println("poll failed: " + e);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        polling = false;
        thread.interrupt();
        thread.join(Duration.ofSeconds(5));
    }
}
