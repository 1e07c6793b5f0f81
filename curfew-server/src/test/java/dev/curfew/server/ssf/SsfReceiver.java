package dev.curfew.server.ssf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.curfew.engine.json.Json;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Shared Signals receiver for tests, over real HTTP: a confidential client of the realm marked
 * {@code ssf.receiver}, calling with its client-credentials token. SETs it is given are checked as a receiver
 * would: signature against the realm's JWKS, {@code typ: secevent+jwt}.
 */
public final class SsfReceiver {
    public static final String POLL = "urn:ietf:rfc:8936";
    public static final String PUSH = "urn:ietf:rfc:8935";
    public static final String SESSION_REVOKED = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";
    public static final String CREDENTIAL_CHANGE =
            "https://schemas.openid.net/secevent/caep/event-type/credential-change";
    public static final String VERIFICATION = "https://schemas.openid.net/secevent/ssf/event-type/verification";
    public static final String STREAM_UPDATED = "https://schemas.openid.net/secevent/ssf/event-type/stream-updated";

    final TestRealm realm;
    final ConfidentialClient client;
    private final TestCurfew curfew;
    private String token;

    private SsfReceiver(TestRealm realm, ConfidentialClient client) {
        this.realm = realm;
        this.client = client;
        this.curfew = realm.curfew();
    }

    /** A receiver client registered directly in the store, and its token. */
    public static SsfReceiver register(TestRealm realm, String clientId) {
        ConfidentialClient client =
                realm.confidentialClient(clientId, b -> b.serviceAccounts(true).ssfReceiver(true));
        SsfReceiver receiver = new SsfReceiver(realm, client);
        receiver.token = clientCredentials(realm, client);
        return receiver;
    }

    /** The client-credentials access token of a confidential client with the grant enabled. */
    static String clientCredentials(TestRealm realm, ConfidentialClient client) {
        HttpResponse<String> response = realm.curfew()
                .postForm(realm.tokenPath(), Map.of("grant_type", "client_credentials"), client.basicHeader());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestCurfew.json(response).get("access_token").asText();
    }

    String token() {
        return token;
    }

    /** A new token, say after the test clock moved past the old one's expiry. */
    public void renewToken() {
        token = clientCredentials(realm, client);
    }

    String streamsPath() {
        return realm.path("/ssf/streams");
    }

    HttpResponse<String> call(String method, String path, Object body) {
        return call(method, path, body, token);
    }

    HttpResponse<String> call(String method, String path, Object body, String bearer) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(curfew.baseUrl() + path)).timeout(Duration.ofSeconds(60));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        String text = body == null ? null : body instanceof String s ? s : json(body);
        b.method(
                method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        if (text != null) {
            b.header("Content-Type", "application/json");
        }
        try {
            return curfew.http().send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String json(Object body) {
        try {
            return Json.MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode())
                .as("%s %s: %s", response.request().method(), response.uri(), response.body())
                .isEqualTo(status);
        return response.body().isEmpty() ? null : TestCurfew.json(response);
    }

    JsonNode create(Map<String, Object> body) {
        return expect(call("POST", streamsPath(), body), 201);
    }

    /** A new poll stream's id. */
    public String createPoll() {
        return create(Map.of("delivery", Map.of("method", POLL)))
                .get("stream_id")
                .asText();
    }

    JsonNode read(String streamId) {
        return expect(call("GET", streamsPath() + "?stream_id=" + streamId, null), 200);
    }

    HttpResponse<String> poll(String streamId, Map<String, Object> body) {
        return call("POST", streamsPath() + "/" + streamId + "/poll", body);
    }

    /** One poll answering at once: the SETs by jti, each verified, unacknowledged. */
    Map<String, JWTClaimsSet> peek(String streamId) {
        JsonNode answer = expect(poll(streamId, Map.of("returnImmediately", true)), 200);
        return verified(answer);
    }

    /** Polls at once, acknowledging what it got, until the queue is empty (bounded): every SET, in order. */
    public List<JWTClaimsSet> drain(String streamId) {
        List<JWTClaimsSet> all = new ArrayList<>();
        List<String> ack = List.of();
        for (int round = 0; round < 50; round++) {
            JsonNode answer =
                    expect(poll(streamId, Map.of("returnImmediately", true, "ack", ack, "maxEvents", 100)), 200);
            Map<String, JWTClaimsSet> sets = verified(answer);
            all.addAll(sets.values());
            ack = List.copyOf(sets.keySet());
            if (sets.isEmpty()) {
                return all;
            }
        }
        throw new AssertionError("the stream's queue did not empty");
    }

    /** The SETs of a poll answer, each verified against the realm's JWKS. */
    Map<String, JWTClaimsSet> verified(JsonNode answer) {
        Map<String, JWTClaimsSet> sets = new LinkedHashMap<>();
        answer.get("sets").properties().forEach(e -> {
            JWTClaimsSet claims = verify(e.getValue().asText());
            assertThat(claims.getJWTID()).isEqualTo(e.getKey());
            sets.put(e.getKey(), claims);
        });
        return sets;
    }

    /** RFC 8417 §2.3: the SET's signature verifies with the realm's published key, and it is explicitly typed. */
    JWTClaimsSet verify(String set) {
        try {
            SignedJWT jwt = SignedJWT.parse(set);
            assertThat(jwt.getHeader().getType().getType()).isEqualTo("secevent+jwt");
            JWKSet keys =
                    JWKSet.parse(expect(curfew.get(realm.certsPath()), 200).toString());
            JWK key = keys.getKeyByKeyId(jwt.getHeader().getKeyID());
            assertThat(key).as("the SET's kid is in the realm's JWKS").isNotNull();
            JWSVerifier verifier = key instanceof RSAKey rsa ? new RSASSAVerifier(rsa) : new ECDSAVerifier((ECKey) key);
            assertThat(jwt.verify(verifier)).as("signature").isTrue();
            return jwt.getJWTClaimsSet();
        } catch (Exception e) {
            throw new AssertionError("not a valid SET: " + set, e);
        }
    }

    /** The one event of a SET: its type and members. */
    @SuppressWarnings("unchecked")
    public static Map.Entry<String, Map<String, Object>> event(JWTClaimsSet set) {
        Map<String, Object> events = (Map<String, Object>) set.getClaim("events");
        assertThat(events).hasSize(1);
        var e = events.entrySet().iterator().next();
        return Map.entry(e.getKey(), (Map<String, Object>) e.getValue());
    }

    public static JsonNode subId(JWTClaimsSet set) {
        return Json.MAPPER.valueToTree(set.getClaim("sub_id"));
    }

    /** The raw JSON payload of a SET, as signed. */
    static String payload(String set) {
        try {
            return SignedJWT.parse(set).getPayload().toString();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }
}
