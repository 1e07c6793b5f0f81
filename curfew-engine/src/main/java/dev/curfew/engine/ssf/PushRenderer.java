package dev.curfew.engine.ssf;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.curfew.core.delivery.Delivery;
import dev.curfew.core.ssf.Stream;
import dev.curfew.core.store.Store;
import dev.curfew.engine.delivery.Renderer;
import dev.curfew.engine.json.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a pushed SET (RFC 8935 §2): the body is the signed SET, {@code Accept: application/json} asks for RFC
 * 8935 §2.3 error JSON, and the stream's {@code authorization_header} goes as {@code Authorization} (SSF 1.0 §6.1.1).
 * The stream is read at each attempt, so a changed header applies to SETs already queued; a deleted or disabled
 * stream's SETs are dead, a paused stream's wait (they are retried).
 */
public final class PushRenderer implements Renderer {
    /** Decimals kept exact, as {@link SetSigner} reads them. */
    private static final ObjectReader READER =
            Json.MAPPER.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Store store;
    private final SetSigner signer;

    public PushRenderer(Store store, SetSigner signer) {
        this.store = store;
        this.signer = signer;
    }

    @Override
    public String body(Delivery delivery) {
        return render(delivery).body();
    }

    @Override
    public Request render(Delivery delivery) {
        JsonNode payload;
        try {
            payload = READER.readTree(delivery.payload());
        } catch (IOException e) {
            throw new Undeliverable("the stored SET is not JSON");
        }
        String streamId = payload.path("stream_id").asText();
        Optional<Stream> stream = store.ssf().find(delivery.realmId(), streamId);
        if (stream.isEmpty()) {
            throw new Undeliverable("the stream " + streamId + " was deleted");
        }
        if (stream.get().status() == Stream.Status.DISABLED) {
            throw new Undeliverable("the stream " + streamId + " is disabled");
        }
        if (stream.get().status() == Stream.Status.PAUSED) {
            throw new IllegalStateException("the stream " + streamId + " is paused");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        stream.get().authorizationHeader().ifPresent(h -> headers.put("Authorization", h));
        return new Request(signer.sign(delivery.realmId(), payload.get("claims").toString()), headers);
    }
}
