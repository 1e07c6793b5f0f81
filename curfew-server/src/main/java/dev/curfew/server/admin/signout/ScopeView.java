package dev.curfew.server.admin.signout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.curfew.engine.json.Json;

/**
 * A sign-out's scope as the API shows it: as the administrator wrote it. The stored scope also holds what
 * Curfew needs to resume a sign-out after a crash — a filter's IP range as the two address keys it compares
 * ({@code ipRange}) — which is left out here: {@code ip} already says it as it was given.
 */
public final class ScopeView {
    /** The stored field that only resuming reads. */
    static final String INTERNAL_IP_RANGE = "ipRange";

    private ScopeView() {}

    /** The scope stored with a sign-out (its JSON text), for an answer. */
    public static JsonNode of(String storedScope) {
        JsonNode scope;
        try {
            scope = Json.MAPPER.readTree(storedScope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored scope is not JSON", e);
        }
        if (scope.path("filter") instanceof ObjectNode filter) {
            filter.remove(INTERNAL_IP_RANGE);
        }
        return scope;
    }
}
