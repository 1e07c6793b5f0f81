package dev.curfew.server.ssf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.ssf.Stream;
import dev.curfew.engine.ssf.SubjectKeys;
import dev.curfew.server.http.OAuthError;

/**
 * SSF 1.0 §8.1.3: the subjects a receiver can add to or remove from its stream, as keys. A user is named by an
 * {@code iss_sub} subject of this issuer or an {@code opaque} user id, a session by a {@code complex} subject with
 * a {@code session} member; a {@code complex} subject with only a {@code user} member names the user.
 */
final class Subjects {
    /** Ids are stored with their kind in a 512-character column. */
    private static final int MAX_ID = 255;

    private Subjects() {}

    /** The key of the subject, or a 400 saying what is wrong with it. */
    static String keyOf(JsonNode subject, Stream stream) {
        if (subject == null || !subject.isObject()) {
            throw OAuthError.invalidRequest("subject must be a JSON object (SSF 1.0 section 3)");
        }
        String format = text(subject, "format");
        return switch (format) {
            case "iss_sub" -> {
                String iss = text(subject, "iss");
                if (!iss.equals(stream.issuer())) {
                    throw OAuthError.invalidRequest("subject.iss is not this transmitter's issuer " + stream.issuer());
                }
                yield SubjectKeys.user(id(subject, "sub"));
            }
            case "opaque" -> SubjectKeys.user(id(subject, "id"));
            case "complex" -> {
                JsonNode session = subject.get("session");
                if (session != null) {
                    if (!session.isObject()
                            || !"opaque".equals(session.path("format").asText())) {
                        throw OAuthError.invalidRequest(
                                "subject.session must be an opaque subject naming a session id");
                    }
                    yield SubjectKeys.session(id(session, "id"));
                }
                JsonNode user = subject.get("user");
                if (user == null) {
                    throw OAuthError.invalidRequest(
                            "a complex subject must name a user or a session: only those can be added or removed");
                }
                yield keyOf(user, stream);
            }
            default ->
                throw OAuthError.invalidRequest("subject format '" + format
                        + "' is not supported: use iss_sub, opaque (a user id) or complex (user or session)");
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw OAuthError.invalidRequest("subject " + field + " is required and must be a string");
        }
        return value.asText();
    }

    private static String id(JsonNode node, String field) {
        String id = text(node, field);
        if (id.length() > MAX_ID) {
            throw OAuthError.invalidRequest("subject " + field + " is longer than " + MAX_ID + " characters");
        }
        return id;
    }
}
