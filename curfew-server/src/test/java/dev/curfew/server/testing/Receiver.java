package dev.curfew.server.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;

/**
 * A real HTTP endpoint on 127.0.0.1 (the JDK's server), standing in for a relying party's back-channel
 * logout URI: it records every POST and answers with the statuses queued by {@link #answer}, then 200.
 */
public final class Receiver implements AutoCloseable {
    /** One request as received; {@code headers} by lower-case name, first value. */
    public record Received(String path, String contentType, String body, Map<String, String> headers) {
        /** The header's first value, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        /** The form fields of the body. */
        public Map<String, String> form() {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                fields.put(
                        URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return fields;
        }

        public String logoutToken() {
            return form().get("logout_token");
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> answers = new ArrayDeque<>();
    private final Map<String, Deque<Integer>> answersAt = new LinkedHashMap<>();
    private volatile String errorBody;

    private Receiver(HttpServer server) {
        this.server = server;
    }

    public static Receiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            Receiver receiver = new Receiver(server);
            server.createContext("/", exchange -> {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                Map<String, String> headers = new LinkedHashMap<>();
                exchange.getRequestHeaders()
                        .forEach((name, values) ->
                                headers.put(name.toLowerCase(java.util.Locale.ROOT), values.getFirst()));
                receiver.received.add(new Received(
                        exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        new String(body, StandardCharsets.UTF_8),
                        headers));
                int status = receiver.nextAnswer(exchange.getRequestURI().getPath());
                String errorBody = receiver.errorBody;
                byte[] reply = (status == 200 ? "" : errorBody != null ? errorBody : "status " + status)
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, reply.length == 0 ? -1 : reply.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply);
                }
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The URL of {@code path} on this receiver, e.g. {@code url("/app-1/logout")}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests are answered with these statuses, in order; afterwards with 200. */
    public synchronized Receiver answer(int... statuses) {
        for (int s : statuses) {
            answers.addLast(s);
        }
        return this;
    }

    /** Answers other than 200 carry this body (by default {@code status <code>}). */
    public Receiver errorBody(String body) {
        this.errorBody = body;
        return this;
    }

    /** The next requests to {@code path} are answered with these statuses, in order; afterwards with 200. */
    public synchronized Receiver answerAt(String path, int... statuses) {
        Deque<Integer> queue = answersAt.computeIfAbsent(path, p -> new ArrayDeque<>());
        for (int s : statuses) {
            queue.addLast(s);
        }
        return this;
    }

    private synchronized int nextAnswer(String path) {
        Deque<Integer> forPath = answersAt.get(path);
        Integer next = forPath == null ? null : forPath.pollFirst();
        if (next == null) {
            next = answers.pollFirst();
        }
        return next == null ? 200 : next;
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public List<Received> receivedAt(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Waits (bounded) until at least {@code count} requests have arrived, and answers them all. */
    public List<Received> await(int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> received.size() >= count);
        return received();
    }

    public void clear() {
        received.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
