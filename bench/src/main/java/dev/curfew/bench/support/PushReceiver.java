package dev.curfew.bench.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A Shared Signals push receiver (RFC 8935) on 127.0.0.1: a JDK HTTP server that notes each SET's arrival and answers
 * {@code 202}. Curfew pushes to a loopback address only when allowed ({@code outbound-allow 127.0.0.1/32}).
 */
public final class PushReceiver implements AutoCloseable {
    private final HttpServer server;
    private final SetArrivals arrivals = new SetArrivals();

    private PushReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/push", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            arrivals.record(new String(body, StandardCharsets.UTF_8), System.nanoTime());
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
    }

    public static PushReceiver start() throws IOException {
        PushReceiver receiver = new PushReceiver();
        receiver.server.start();
        return receiver;
    }

    /** The endpoint URL to give a push stream. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/push";
    }

    /** The stream configuration (SSF 1.0 §8.1.1.1) of a push stream to this receiver. */
    public String streamRequest() {
        return "{\"delivery\":{\"method\":\"urn:ietf:rfc:8935\",\"endpoint_url\":\"" + url()
                + "\",\"authorization_header\":\"Bearer bench\"}}";
    }

    public SetArrivals arrivals() {
        return arrivals;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
