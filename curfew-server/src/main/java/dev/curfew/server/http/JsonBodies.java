package dev.curfew.server.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.engine.json.Json;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a request body as exactly one JSON value (RFC 8259 §2), with the strict {@link Json#MAPPER}, and finds
 * strings no field may hold. The admin API answers what goes wrong as problem details, the Shared Signals
 * endpoints as RFC 6749 errors; both read through here so they refuse the same things.
 */
public final class JsonBodies {
    private JsonBodies() {}

    /** The body is not JSON, or more than one value; the message says where and why, without the body. */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    /** The one JSON value of the body ({@code null} is a {@code NullNode}). */
    public static JsonNode parse(String body) throws Malformed {
        try (JsonParser parser = Json.MAPPER.createParser(body)) {
            JsonNode tree = Json.MAPPER.readTree(parser);
            if (tree == null) {
                throw new Malformed("The request body holds no JSON value");
            }
            if (hasMore(parser)) {
                throw new Malformed("The request body must be one JSON value, with nothing after it");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new Malformed("The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Malformed("The request body cannot be read as JSON");
        }
    }

    private static boolean hasMore(JsonParser parser) throws IOException {
        try {
            return parser.nextToken() != null;
        } catch (JsonProcessingException e) {
            return true;
        }
    }

    /**
     * The path ({@code credentials[0].value}, {@code [2]}) of the first string — value or member name — that is no
     * {@link StorableText}.
     */
    public static Optional<String> unfitString(JsonNode root) {
        Deque<Map.Entry<String, JsonNode>> pending = new ArrayDeque<>();
        pending.push(Map.entry("", root));
        while (!pending.isEmpty()) {
            Map.Entry<String, JsonNode> next = pending.pop();
            String path = next.getKey();
            JsonNode node = next.getValue();
            if (node.isTextual() && !StorableText.is(node.textValue())) {
                return Optional.of(path);
            }
            if (node.isArray()) {
                for (int i = node.size() - 1; i >= 0; i--) {
                    pending.push(Map.entry(path + "[" + i + "]", node.get(i)));
                }
            } else if (node.isObject()) {
                List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
                for (int i = members.size() - 1; i >= 0; i--) {
                    String name = members.get(i).getKey();
                    if (!StorableText.is(name)) {
                        return Optional.of(path.isEmpty() ? "(a member name)" : path + " (a member name)");
                    }
                    pending.push(Map.entry(
                            path.isEmpty() ? name : path + "." + name,
                            members.get(i).getValue()));
                }
            }
        }
        return Optional.empty();
    }
}
