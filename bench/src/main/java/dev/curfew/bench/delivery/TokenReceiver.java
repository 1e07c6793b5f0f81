package dev.curfew.bench.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A relying party's back-channel logout endpoint for the benchmark: the JDK's HTTP server on 127.0.0.1, answering
 * every POST with 200 at once. Per path it counts the logout tokens and their distinct {@code jti}s (read from the
 * JWT's payload without checking the signature: the server tests check tokens; this only has to be cheap enough
 * not to be what is measured) and notes when the first and the expected last one arrived.
 */
final class TokenReceiver implements AutoCloseable {
    private static final byte[] JTI = "\"jti\":\"".getBytes(StandardCharsets.US_ASCII);

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Expected> expected = new ConcurrentHashMap<>();
    private final AtomicLong unexpected = new AtomicLong();

    /** What one path is expected to receive, and what it has. Times are {@link System#nanoTime()}. */
    static final class Expected {
        final long count;
        final Set<String> jtis;
        final AtomicLong requests = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong malformed = new AtomicLong();
        final CountDownLatch all = new CountDownLatch(1);
        volatile long firstAt;
        volatile long allAt;

        Expected(long count) {
            this.count = count;
            this.jtis = ConcurrentHashMap.newKeySet((int) Math.min(count, 4_000_000));
        }

        long distinct() {
            return jtis.size();
        }

        /** Waits until every expected token arrived or the time is up. @return whether all arrived */
        boolean await(long timeout, TimeUnit unit) throws InterruptedException {
            return all.await(timeout, unit);
        }
    }

    TokenReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** From now on, {@code path} expects {@code count} distinct logout tokens. */
    Expected expect(String path, long count) {
        Expected e = new Expected(count);
        expected.put(path, e);
        return e;
    }

    /** Requests to paths nobody expects (a bug in the benchmark or the server if not 0). */
    long unexpected() {
        return unexpected.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Expected e = expected.get(exchange.getRequestURI().getPath());
        if (e == null) {
            unexpected.incrementAndGet();
        } else {
            if (e.requests.getAndIncrement() == 0) {
                e.firstAt = now;
            }
            String jti = jti(body);
            if (jti == null) {
                e.malformed.incrementAndGet();
            } else if (!e.jtis.add(jti)) {
                e.duplicates.incrementAndGet();
            } else if (e.jtis.size() == e.count) {
                e.allAt = now;
                e.all.countDown();
            }
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    /**
     * The {@code jti} of the logout token in a {@code logout_token=<JWT>} form body, or null. A JWT's characters
     * (base64url and dots) pass form encoding unchanged.
     */
    static String jti(byte[] body) {
        String form = new String(body, StandardCharsets.US_ASCII);
        if (!form.startsWith("logout_token=")) {
            return null;
        }
        int firstDot = form.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : form.indexOf('.', firstDot + 1);
        if (secondDot < 0) {
            return null;
        }
        byte[] payload;
        try {
            payload = Base64.getUrlDecoder().decode(form.substring(firstDot + 1, secondDot));
        } catch (IllegalArgumentException e) {
            return null;
        }
        int at = indexOf(payload, JTI);
        if (at < 0) {
            return null;
        }
        int start = at + JTI.length;
        int end = start;
        while (end < payload.length && payload[end] != '"') {
            end++;
        }
        return end < payload.length ? new String(payload, start, end - start, StandardCharsets.US_ASCII) : null;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
