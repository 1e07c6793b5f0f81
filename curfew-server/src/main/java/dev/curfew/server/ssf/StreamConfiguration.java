package dev.curfew.server.ssf;

import dev.curfew.core.ssf.Stream;
import dev.curfew.engine.ssf.SecurityEvent;
import dev.curfew.engine.ssf.Transmitter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stream as SSF 1.0 §8.1.1 shows it to its receiver. The push {@code authorization_header} is never shown: it
 * is a credential the receiver already has.
 */
final class StreamConfiguration {
    /**
     * SSF 1.0 §8.1.1 {@code min_verification_interval}: a receiver may ask for a verification event on a stream
     * once a minute. Each one is a SET Curfew signs and, on a push stream, POSTs: without a limit the verification
     * endpoint would let a receiver have Curfew sign and send as fast as it asks.
     */
    static final Duration MIN_VERIFICATION_INTERVAL = Duration.ofSeconds(60);

    private StreamConfiguration() {}

    static Map<String, Object> of(Stream stream, String audience) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stream_id", stream.id());
        m.put("iss", stream.issuer());
        m.put("aud", audience);
        Map<String, Object> delivery = new LinkedHashMap<>();
        delivery.put("method", stream.method().urn());
        delivery.put(
                "endpoint_url",
                stream.method() == Stream.DeliveryMethod.POLL
                        ? SsfPaths.pollUrl(stream.issuer(), stream.id())
                        : stream.endpointUrl().orElseThrow());
        m.put("delivery", delivery);
        m.put("events_supported", SecurityEvent.SUPPORTED);
        stream.eventsRequested().ifPresent(e -> m.put("events_requested", e));
        m.put("events_delivered", Transmitter.eventsDelivered(stream));
        stream.description().ifPresent(d -> m.put("description", d));
        m.put("min_verification_interval", MIN_VERIFICATION_INTERVAL.toSeconds());
        m.put("inactivity_timeout", stream.inactivityTimeout().toSeconds());
        return m;
    }
}
