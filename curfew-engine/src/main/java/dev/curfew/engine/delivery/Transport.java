package dev.curfew.engine.delivery;

import dev.curfew.engine.outbound.OutboundPolicy;
import java.net.URI;
import java.util.Map;

/**
 * How the dispatcher sends one notification. The engine holds no HTTP client; the server passes one in.
 *
 * <p>An implementation connects only to addresses the {@link OutboundPolicy} allowed for the destination's host, and
 * to no other address the host may resolve to later (DNS rebinding), does not follow redirects, keeps no cookies and
 * reads no answer body.
 */
public interface Transport extends AutoCloseable {
    /**
     * POSTs {@code body} to {@code destination} and says what came of it: the answer's status
     * ({@link Outcome#ofStatus}), or the failure that left no answer ({@link Outcome#ofFailure}).
     */
    Outcome post(URI destination, String contentType, Map<String, String> headers, String body)
            throws InterruptedException;

    @Override
    void close();

    /** Opens a transport for these settings (connect and request timeouts) under this policy. */
    @FunctionalInterface
    interface Factory {
        Transport open(DeliverySettings settings, OutboundPolicy policy);
    }
}
