package dev.curfew.server.ssf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.curfew.core.ssf.Stream;
import dev.curfew.engine.outbound.OutboundPolicy;
import dev.curfew.server.http.OAuthError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The receiver-supplied part of a stream configuration (SSF 1.0 §8.1.1), read from a create, replace or update
 * request and checked field by field. Transmitter-supplied fields may be sent back, but only unchanged (a change is
 * a 400); unknown fields are ignored.
 */
record StreamInput(
        Stream.DeliveryMethod method,
        Optional<String> endpointUrl,
        Optional<String> authorizationHeader,
        Optional<List<String>> eventsRequested,
        Optional<String> description) {

    static final int MAX_EVENTS_REQUESTED = 50;
    static final int MAX_DESCRIPTION = 1000;
    static final int MAX_URL = 2000;
    static final int MAX_AUTHORIZATION = 4096;
    /** What a delivery object may hold (SSF 1.0 §8.1.1, RFC 8935, RFC 8936); anything else is refused, not ignored. */
    static final List<String> DELIVERY_MEMBERS = List.of("method", "endpoint_url", "authorization_header");

    /** What the request does with the receiver-supplied fields. */
    enum Mode {
        /** POST: a new stream; {@code delivery} is required. */
        CREATE,
        /** PUT: every receiver-supplied field replaced; absent ones are cleared. */
        REPLACE,
        /** PATCH: the given fields changed, the others kept. */
        UPDATE
    }

    /**
     * @param current the stream as it is (for REPLACE and UPDATE), or the new stream's transmitter-supplied values
     *     with the receiver's fields empty (for CREATE)
     * @param configuration the stream's configuration as Curfew shows it, to compare read-only fields against
     * @param outbound the rules a push endpoint URL must also meet
     */
    static StreamInput read(
            ObjectNode body, Mode mode, Stream current, Map<String, Object> configuration, OutboundPolicy outbound) {
        checkReadOnly(body, mode, configuration);
        StreamInput base = new StreamInput(
                current.method(),
                current.endpointUrl(),
                current.authorizationHeader(),
                mode == Mode.UPDATE ? current.eventsRequested() : Optional.empty(),
                mode == Mode.UPDATE ? current.description() : Optional.empty());
        Stream.DeliveryMethod method = base.method();
        Optional<String> endpointUrl = base.endpointUrl();
        Optional<String> authorization = base.authorizationHeader();
        JsonNode delivery = body.get("delivery");
        if (delivery == null || delivery.isNull()) {
            if (mode != Mode.UPDATE) {
                throw OAuthError.invalidRequest("delivery is required, with a method: "
                        + Stream.DeliveryMethod.PUSH.urn() + " (push) or " + Stream.DeliveryMethod.POLL.urn()
                        + " (poll)");
            }
        } else {
            if (!delivery.isObject()) {
                throw OAuthError.invalidRequest("delivery must be a JSON object");
            }
            for (Map.Entry<String, JsonNode> member : delivery.properties()) {
                String name = member.getKey();
                if (!DELIVERY_MEMBERS.contains(name)) {
                    throw OAuthError.invalidRequest("delivery." + name + " is not a delivery parameter; those are "
                            + String.join(", ", DELIVERY_MEMBERS));
                }
            }
            Optional<String> methodUrn = JsonBody.string(delivery, "method", 255);
            if (methodUrn.isEmpty() && mode != Mode.UPDATE) {
                throw OAuthError.invalidRequest("delivery.method is required");
            }
            if (methodUrn.isPresent()) {
                method = Stream.DeliveryMethod.ofUrn(methodUrn.get())
                        .orElseThrow(() -> OAuthError.invalidRequest("delivery.method '" + methodUrn.get()
                                + "' is not supported: use " + Stream.DeliveryMethod.PUSH.urn() + " (push) or "
                                + Stream.DeliveryMethod.POLL.urn() + " (poll)"));
            }
            Optional<String> url = JsonBody.string(delivery, "endpoint_url", MAX_URL);
            // Checked whatever the method, so a malformed value is refused even where a poll stream would drop it.
            Optional<String> header = JsonBody.string(delivery, "authorization_header", MAX_AUTHORIZATION);
            if (method == Stream.DeliveryMethod.PUSH) {
                if (url.isPresent()) {
                    endpointUrl = Optional.of(checkPushUrl(url.get(), outbound));
                } else if (current.method() != Stream.DeliveryMethod.PUSH || mode == Mode.CREATE) {
                    throw OAuthError.invalidRequest("delivery.endpoint_url is required for push delivery");
                }
                if (delivery.has("authorization_header")) {
                    authorization = header;
                    authorization
                            .filter(h -> h.contains("\r") || h.contains("\n"))
                            .ifPresent(h -> {
                                throw OAuthError.invalidRequest("delivery.authorization_header must be one line");
                            });
                } else if (mode != Mode.UPDATE || current.method() != Stream.DeliveryMethod.PUSH) {
                    authorization = Optional.empty();
                }
            } else {
                String pollUrl = SsfPaths.pollUrl(current.issuer(), current.id());
                if (url.isPresent() && !url.get().equals(pollUrl)) {
                    throw OAuthError.invalidRequest(
                            "delivery.endpoint_url of a poll stream is set by the transmitter: " + pollUrl);
                }
                endpointUrl = Optional.empty();
                authorization = Optional.empty();
            }
        }
        Optional<List<String>> events =
                body.has("events_requested") ? eventsRequested(body.get("events_requested")) : base.eventsRequested();
        Optional<String> description =
                body.has("description") ? JsonBody.string(body, "description", MAX_DESCRIPTION) : base.description();
        return new StreamInput(method, endpointUrl, authorization, events, description);
    }

    /** Transmitter-supplied fields (SSF 1.0 §8.1.1): present only with the value they have. */
    private static void checkReadOnly(ObjectNode body, Mode mode, Map<String, Object> configuration) {
        if (mode == Mode.CREATE && body.has("stream_id")) {
            throw OAuthError.invalidRequest("stream_id is chosen by the transmitter");
        }
        for (String field : List.of(
                "iss",
                "aud",
                "events_supported",
                "events_delivered",
                "min_verification_interval",
                "inactivity_timeout")) {
            JsonNode given = body.get(field);
            if (given == null) {
                continue;
            }
            JsonNode actual = dev.curfew.engine.json.Json.MAPPER.valueToTree(configuration.get(field));
            if (!sameValue(given, actual)) {
                throw OAuthError.invalidRequest(field + " is set by the transmitter and cannot be changed");
            }
        }
    }

    /** Equal JSON, with a single audience equal to a one-element array and numbers compared by value. */
    private static boolean sameValue(JsonNode given, JsonNode actual) {
        if (given.isNumber() && actual.isNumber()) {
            // A number beyond a double's range (1e400) is read as infinity, which has no decimal value: it equals no
            // value the transmitter set.
            if (given.isFloatingPointNumber() && !Double.isFinite(given.doubleValue())) {
                return false;
            }
            return given.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        if (given.isArray() && given.size() == 1 && actual.isTextual()) {
            return Objects.equals(given.get(0), actual);
        }
        return given.equals(actual);
    }

    private static Optional<List<String>> eventsRequested(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw OAuthError.invalidRequest("events_requested must be an array of event type URIs");
        }
        if (node.size() > MAX_EVENTS_REQUESTED) {
            throw OAuthError.invalidRequest("events_requested has more than " + MAX_EVENTS_REQUESTED + " entries");
        }
        List<String> events = new ArrayList<>();
        for (JsonNode e : node) {
            if (!e.isTextual()
                    || e.asText().isBlank()
                    || e.asText().length() > MAX_URL
                    || e.asText().contains("\n")) {
                throw OAuthError.invalidRequest("events_requested must be an array of event type URIs");
            }
            if (!events.contains(e.asText())) {
                events.add(e.asText());
            }
        }
        return Optional.of(events);
    }

    /**
     * RFC 8935 §2: an absolute http(s) URL, without a fragment or user information; and a destination the outbound
     * policy allows (https, and no loopback, private or link-local address nor localhost unless the operator's
     * {@code outbound-allow} lists it), since Curfew will POST to it.
     */
    private static String checkPushUrl(String url, OutboundPolicy outbound) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw OAuthError.invalidRequest("delivery.endpoint_url is not a URL: " + e.getReason());
        }
        outbound.registrationProblem(uri).ifPresent(p -> {
            throw OAuthError.invalidRequest("delivery.endpoint_url: " + p);
        });
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw OAuthError.invalidRequest("delivery.endpoint_url must be an absolute http or https URL");
        }
        if (uri.getFragment() != null || uri.getUserInfo() != null) {
            throw OAuthError.invalidRequest("delivery.endpoint_url must not have a fragment or user information");
        }
        return url;
    }
}
