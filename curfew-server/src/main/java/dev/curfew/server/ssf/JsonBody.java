package dev.curfew.server.ssf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.curfew.engine.json.Json;
import dev.curfew.server.http.JsonBodies;
import dev.curfew.server.http.OAuthError;
import dev.curfew.server.http.StorableText;
import io.javalin.http.Context;
import java.util.Optional;

/** Reads the JSON object a stream endpoint is sent (strictly, as {@link JsonBodies} does), and its fields, with clear 400s. */
final class JsonBody {
    private JsonBody() {}

    /** The body as an object; an empty body is an empty object when {@code emptyAllowed}. */
    static ObjectNode object(Context ctx, boolean emptyAllowed) {
        String body = ctx.body();
        if (body.isBlank()) {
            if (emptyAllowed) {
                return Json.MAPPER.createObjectNode();
            }
            throw OAuthError.invalidRequest("The request needs a JSON object body");
        }
        JsonNode node;
        try {
            node = JsonBodies.parse(body);
        } catch (JsonBodies.Malformed e) {
            throw OAuthError.invalidRequest(e.getMessage());
        }
        if (!node.isObject()) {
            throw OAuthError.invalidRequest("The request body must be a JSON object");
        }
        JsonBodies.unfitString(node).ifPresent(field -> {
            throw OAuthError.invalidRequest(field + " " + StorableText.REASON);
        });
        return (ObjectNode) node;
    }

    /** A string field, when present and not null. */
    static Optional<String> string(JsonNode node, String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw OAuthError.invalidRequest(field + " must be a string");
        }
        if (value.asText().length() > maxLength) {
            throw OAuthError.invalidRequest(field + " is longer than " + maxLength + " characters");
        }
        return Optional.of(value.asText());
    }

    static String requiredString(JsonNode node, String field) {
        return string(node, field, 255)
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> OAuthError.invalidRequest(field + " is required"));
    }

    /** The {@code stream_id} of a query (GET, DELETE). */
    static String streamIdParam(Context ctx) {
        String id = ctx.queryParam("stream_id");
        if (id == null || id.isBlank()) {
            throw OAuthError.invalidRequest("stream_id is required");
        }
        return id.strip();
    }
}
