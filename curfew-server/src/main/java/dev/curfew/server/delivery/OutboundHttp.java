package dev.curfew.server.delivery;

import dev.curfew.engine.delivery.DeliverySettings;
import dev.curfew.engine.delivery.Outcome;
import dev.curfew.engine.delivery.Transport;
import dev.curfew.engine.outbound.OutboundPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * The engine's {@link Transport}: the HTTP client notifications are POSTed with, under the {@link OutboundPolicy}.
 *
 * <p>Why Jetty's client and not the JDK's: the policy must judge the very addresses the connection goes to. Checking
 * a name and then letting the client resolve it again leaves a window in which DNS can answer differently (DNS
 * rebinding: a public address for the check, 127.0.0.1 for the connection). The JDK's {@code HttpClient} has no
 * resolver of its own (only the process-wide {@code InetAddressResolverProvider}), and connecting it to the checked
 * IP with a {@code Host} header would break TLS: SNI and certificate checks would be made for the IP, not the name.
 * Jetty's client asks a {@link SocketAddressResolver} for the addresses of every new connection and connects to
 * exactly what it answers, while the {@code Host} header, SNI and the certificate's host name check still use the
 * URL's host. Ours resolves once, through {@link OutboundPolicy#resolve}, and answers only checked addresses — or
 * fails the connection. A kept-alive connection is reused only for its own origin, and goes to an address that was
 * checked when it was opened.
 *
 * <p>Redirects are not followed (a 3xx is an unsuccessful answer), cookies are not kept, and the response body is
 * never read into memory or stored: only the status counts.
 */
public final class OutboundHttp implements Transport {
    private final DeliverySettings settings;
    private final OutboundPolicy policy;
    private final long requestTimeoutMillis;
    /**
     * Started at the first delivery, not at start-up: starting it (its TLS context above all) was a tenth of a
     * restart, and many nodes deliver nothing for a long time. Guarded by {@code this}.
     */
    private HttpClient http;

    private boolean closed;

    public OutboundHttp(DeliverySettings settings, OutboundPolicy policy) {
        this.settings = settings;
        this.policy = policy;
        this.requestTimeoutMillis = settings.requestTimeout().toMillis();
    }

    private synchronized HttpClient client() throws IOException {
        if (closed) {
            throw new IOException("the delivery HTTP client is closed");
        }
        if (http == null) {
            HttpClient started = new HttpClient();
            started.setName("curfew-delivery");
            started.setExecutor(new VirtualThreadPool());
            started.setSocketAddressResolver(new CheckedResolver(policy));
            started.setFollowRedirects(false);
            started.setHttpCookieStore(new HttpCookieStore.Empty());
            started.setConnectTimeout(settings.connectTimeout().toMillis());
            started.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "Curfew"));
            SslContextFactory.Client tls = new SslContextFactory.Client();
            // Jetty's default, stated: the server's certificate must name the URL's host (RFC 9110 §4.3.4).
            tls.setEndpointIdentificationAlgorithm("HTTPS");
            started.setSslContextFactory(tls);
            try {
                started.start();
            } catch (Exception e) {
                throw new IllegalStateException("the delivery HTTP client did not start", e);
            }
            http = started;
        }
        return http;
    }

    /** POSTs {@code body}; the answer's body is discarded unread. */
    @Override
    public Outcome post(URI destination, String contentType, Map<String, String> headers, String body)
            throws InterruptedException {
        try {
            return Outcome.ofStatus(status(destination, contentType, headers, body));
        } catch (IOException | TimeoutException e) {
            // The connection failed, was refused by the policy (DestinationRefused), or no answer came in time.
            return Outcome.ofFailure(e);
        }
    }

    private int status(URI destination, String contentType, Map<String, String> headers, String body)
            throws IOException, TimeoutException, InterruptedException {
        Request request = client().newRequest(destination)
                .method(HttpMethod.POST)
                .timeout(requestTimeoutMillis, TimeUnit.MILLISECONDS)
                .headers(h -> headers.forEach(h::put))
                .body(new BytesRequestContent(contentType, body.getBytes(StandardCharsets.UTF_8)));
        CompletableFuture<Result> done = new CompletableFuture<>();
        // A listener that only waits for the end: Jetty consumes and drops the content as it arrives.
        request.send(new Response.Listener() {
            @Override
            public void onComplete(Result result) {
                done.complete(result);
            }
        });
        Result result;
        try {
            // The request's own timeout ends it; this bound only guards against a listener that never completes.
            result = done.get(requestTimeoutMillis + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException | TimeoutException e) {
            request.abort(e);
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the response listener failed", e.getCause());
        }
        if (result.isFailed()) {
            Throwable failure = result.getFailure();
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof TimeoutException timeout) {
                throw timeout;
            }
            throw new IOException(failure);
        }
        return result.getResponse().getStatus();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (http == null) {
            return;
        }
        try {
            http.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the delivery HTTP client did not stop cleanly", e);
        }
    }

    /** Resolves through the policy, in the calling thread, and answers only the addresses it allowed. */
    private record CheckedResolver(OutboundPolicy policy) implements SocketAddressResolver {
        @Override
        public void resolve(
                String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
            List<InetSocketAddress> checked = new ArrayList<>();
            try {
                for (InetAddress address : policy.resolve(host)) {
                    checked.add(new InetSocketAddress(address, port));
                }
            } catch (IOException | RuntimeException e) {
                promise.failed(e);
                return;
            }
            promise.succeeded(checked);
        }
    }
}
