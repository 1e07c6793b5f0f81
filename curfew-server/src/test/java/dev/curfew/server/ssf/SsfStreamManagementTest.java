package dev.curfew.server.ssf;

import static dev.curfew.server.ssf.SsfReceiver.POLL;
import static dev.curfew.server.ssf.SsfReceiver.PUSH;
import static dev.curfew.server.ssf.SsfReceiver.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * OpenID Shared Signals Framework 1.0, transmitter side: metadata, who may call, and stream management (§7, §8),
 * over real HTTP against a real server.
 */
@DisplayName("OpenID Shared Signals Framework 1.0: metadata and stream management")
class SsfStreamManagementTest {
    private static TestCurfew curfew;
    private static SignOutApi api;

    private TestRealm realm;
    private SsfReceiver receiver;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        api = new SignOutApi(curfew);
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @BeforeEach
    void createRealm() {
        realm = TestRealm.create(curfew);
        receiver = SsfReceiver.register(realm, "guard");
    }

    @Test
    @DisplayName("§7.1: the same metadata at the path-insertion location and under the issuer")
    void metadataOnBothPaths() {
        JsonNode inserted = expect(curfew.get("/.well-known/ssf-configuration/realms/" + realm.name()), 200);
        JsonNode underIssuer = expect(curfew.get(realm.path("/.well-known/ssf-configuration")), 200);

        String issuer = realm.issuer();
        assertThat(inserted).isEqualTo(underIssuer);
        assertThat(inserted.get("spec_version").asText()).isEqualTo("1_0");
        assertThat(inserted.get("issuer").asText()).isEqualTo(issuer);
        assertThat(inserted.get("jwks_uri").asText()).isEqualTo(issuer + "/protocol/openid-connect/certs");
        assertThat(inserted.get("delivery_methods_supported")).containsExactly(Json.text(PUSH), Json.text(POLL));
        assertThat(inserted.get("configuration_endpoint").asText()).isEqualTo(issuer + "/ssf/streams");
        assertThat(inserted.get("status_endpoint").asText()).isEqualTo(issuer + "/ssf/streams/status");
        assertThat(inserted.get("add_subject_endpoint").asText()).isEqualTo(issuer + "/ssf/subjects/add");
        assertThat(inserted.get("remove_subject_endpoint").asText()).isEqualTo(issuer + "/ssf/subjects/remove");
        assertThat(inserted.get("verification_endpoint").asText()).isEqualTo(issuer + "/ssf/verify");
        assertThat(inserted.get("authorization_schemes").get(0).get("spec_urn").asText())
                .isEqualTo("urn:ietf:rfc:6749");
        assertThat(inserted.get("default_subjects").asText()).isEqualTo("ALL");
        assertThat(curfew.get("/.well-known/ssf-configuration/realms/no-such-realm")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    @DisplayName("receivers only: no token 401, a client that is no receiver 403, another realm's token 401")
    void receiverAuthentication() {
        HttpResponse<String> none = receiver.call("GET", receiver.streamsPath(), null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(h -> assertThat(h).startsWith("Bearer error=\"invalid_token\""));
        assertThat(TestCurfew.json(none).get("error").asText()).isEqualTo("invalid_token");

        assertThat(receiver.call("GET", receiver.streamsPath(), null, "not-a-token")
                        .statusCode())
                .isEqualTo(401);

        var plain = realm.confidentialClient("plain", b -> b.serviceAccounts(true));
        HttpResponse<String> notReceiver =
                receiver.call("GET", receiver.streamsPath(), null, SsfReceiver.clientCredentials(realm, plain));
        assertThat(notReceiver.statusCode()).isEqualTo(403);
        assertThat(TestCurfew.json(notReceiver).get("error").asText()).isEqualTo("access_denied");

        SsfReceiver elsewhere = SsfReceiver.register(TestRealm.create(curfew), "guard");
        assertThat(receiver.call("GET", receiver.streamsPath(), null, elsewhere.token())
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    @DisplayName("a receiver sees only its own streams: another's id answers 404 everywhere")
    void otherReceiversStreamIsNotFound() {
        SsfReceiver other = SsfReceiver.register(realm, "other-guard");
        String theirs = other.createPoll();
        String mine = receiver.createPoll();

        for (HttpResponse<String> r : List.of(
                receiver.call("GET", receiver.streamsPath() + "?stream_id=" + theirs, null),
                receiver.call("PATCH", receiver.streamsPath(), Map.of("stream_id", theirs, "description", "x")),
                receiver.call("DELETE", receiver.streamsPath() + "?stream_id=" + theirs, null),
                receiver.call("GET", realm.path("/ssf/streams/status?stream_id=" + theirs), null),
                receiver.call(
                        "POST", realm.path("/ssf/streams/status"), Map.of("stream_id", theirs, "status", "paused")),
                receiver.call("POST", realm.path("/ssf/verify"), Map.of("stream_id", theirs)),
                receiver.poll(theirs, Map.of("returnImmediately", true)))) {
            assertThat(r.statusCode()).as(r.request().method() + " " + r.uri()).isEqualTo(404);
            assertThat(TestCurfew.json(r).get("error").asText()).isEqualTo("not_found");
        }
        assertThat(expect(receiver.call("GET", receiver.streamsPath(), null), 200))
                .extracting(s -> s.get("stream_id").asText())
                .containsExactly(mine);
        assertThat(other.read(theirs).get("description")).isNull();
    }

    @Test
    @DisplayName("§8.1.1: create, read, update, replace and delete a stream")
    void crudRoundTrip() {
        JsonNode created = receiver.create(Map.of(
                "delivery", Map.of("method", POLL),
                "events_requested", List.of(SsfReceiver.SESSION_REVOKED, "https://example.test/unknown-event"),
                "description", "resource server A"));
        String id = created.get("stream_id").asText();

        assertThat(created.get("iss").asText()).isEqualTo(realm.issuer());
        assertThat(created.get("aud").asText()).isEqualTo("guard");
        assertThat(created.get("delivery").get("method").asText()).isEqualTo(POLL);
        assertThat(created.get("delivery").get("endpoint_url").asText())
                .isEqualTo(realm.issuer() + "/ssf/streams/" + id + "/poll");
        assertThat(created.get("events_supported"))
                .containsExactly(Json.text(SsfReceiver.SESSION_REVOKED), Json.text(SsfReceiver.CREDENTIAL_CHANGE));
        assertThat(created.get("events_delivered")).containsExactly(Json.text(SsfReceiver.SESSION_REVOKED));
        assertThat(created.get("description").asText()).isEqualTo("resource server A");
        assertThat(created.get("inactivity_timeout").asLong()).isEqualTo(86400);
        assertThat(created.has("min_verification_interval")).isTrue();
        assertThat(receiver.read(id)).isEqualTo(created);

        JsonNode patched = expect(
                receiver.call("PATCH", receiver.streamsPath(), Map.of("stream_id", id, "description", "renamed")), 200);
        assertThat(patched.get("description").asText()).isEqualTo("renamed");
        assertThat(patched.get("events_delivered")).containsExactly(Json.text(SsfReceiver.SESSION_REVOKED));

        JsonNode replaced = expect(
                receiver.call(
                        "PUT",
                        receiver.streamsPath(),
                        Map.of(
                                "stream_id",
                                id,
                                "delivery",
                                Map.of("method", PUSH, "endpoint_url", "https://rs.example.test/events"))),
                200);
        assertThat(replaced.has("description")).isFalse();
        assertThat(replaced.has("events_requested")).isFalse();
        assertThat(replaced.get("events_delivered")).hasSize(2);
        assertThat(replaced.get("delivery").get("endpoint_url").asText()).isEqualTo("https://rs.example.test/events");
        assertThat(receiver.read(id)).isEqualTo(replaced);

        assertThat(receiver.call("DELETE", receiver.streamsPath() + "?stream_id=" + id, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(receiver.call("GET", receiver.streamsPath() + "?stream_id=" + id, null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    @DisplayName("§8.1.1: transmitter-supplied fields may be sent back unchanged, never changed")
    void readOnlyFields() {
        JsonNode stream = receiver.create(Map.of("delivery", Map.of("method", POLL)));
        String id = stream.get("stream_id").asText();

        Map<String, Object> echo = Json.MAPPER.convertValue(stream, Map.class);
        echo.put("description", "echoed");
        assertThat(expect(receiver.call("PUT", receiver.streamsPath(), echo), 200)
                        .get("description")
                        .asText())
                .isEqualTo("echoed");

        List<Map.Entry<String, Object>> changes = List.of(
                Map.entry("iss", "https://evil.example.test"),
                Map.entry("aud", "someone-else"),
                Map.entry("events_supported", List.of("x")),
                Map.entry("events_delivered", List.of()),
                Map.entry("inactivity_timeout", 5));
        for (Map.Entry<String, Object> change : changes) {
            Map<String, Object> body = new LinkedHashMap<>(Map.of("stream_id", id));
            body.put(change.getKey(), change.getValue());
            HttpResponse<String> r = receiver.call("PATCH", receiver.streamsPath(), body);
            assertThat(r.statusCode()).as(change.getKey()).isEqualTo(400);
            assertThat(TestCurfew.json(r).get("error_description").asText()).contains(change.getKey());
        }
        assertThat(receiver.call(
                                "POST",
                                receiver.streamsPath(),
                                Map.of("stream_id", "mine", "delivery", Map.of("method", POLL)))
                        .statusCode())
                .isEqualTo(400);
        assertThat(receiver.read(id).get("description").asText()).isEqualTo("echoed");
    }

    @Test
    @DisplayName("regression: a read-only number beyond a double's range (inactivity_timeout 1e400) answered 500; it"
            + " is refused with 400 like any other change")
    void readOnlyNumberOutOfRangeIsRefused() {
        String id = receiver.create(Map.of("delivery", Map.of("method", POLL)))
                .get("stream_id")
                .asText();

        for (String number : List.of("1e400", "-1e400")) {
            HttpResponse<String> r = receiver.call(
                    "PATCH",
                    receiver.streamsPath(),
                    "{\"stream_id\":\"" + id + "\",\"inactivity_timeout\":" + number + "}");
            assertThat(r.statusCode()).as(number).isEqualTo(400);
            assertThat(TestCurfew.json(r).get("error_description").asText()).contains("inactivity_timeout");
        }
    }

    @Test
    @DisplayName("bad input is refused with a clear error and changes nothing")
    void badInput() {
        String id = receiver.createPoll();
        JsonNode before = receiver.read(id);

        assertBad(
                receiver.call(
                        "POST",
                        receiver.streamsPath(),
                        Map.of("delivery", Map.of("method", "urn:example:carrier-pigeon"))),
                "not supported");
        assertBad(
                receiver.call("POST", receiver.streamsPath(), Map.of("delivery", Map.of("method", PUSH))),
                "endpoint_url is required");
        assertBad(
                receiver.call(
                        "POST",
                        receiver.streamsPath(),
                        Map.of("delivery", Map.of("method", PUSH, "endpoint_url", "ftp://rs.example.test/x"))),
                "http or https");
        assertBad(
                receiver.call(
                        "POST",
                        receiver.streamsPath(),
                        Map.of("delivery", Map.of("method", PUSH, "endpoint_url", "/relative"))),
                "http or https");
        assertBad(receiver.call("POST", receiver.streamsPath(), "{\"delivery\": {"), "not valid JSON");
        assertBad(receiver.call("POST", receiver.streamsPath(), "[1, 2]"), "JSON object");
        assertBad(
                receiver.call("POST", receiver.streamsPath(), Map.of("description", "no delivery")),
                "delivery is required");
        assertBad(
                receiver.call(
                        "POST",
                        receiver.streamsPath(),
                        Map.of("delivery", Map.of("method", POLL), "events_requested", "all")),
                "events_requested");
        assertBad(
                receiver.call(
                        "PATCH",
                        receiver.streamsPath(),
                        Map.of("stream_id", id, "delivery", Map.of("method", PUSH, "endpoint_url", "mailto:a@b"))),
                "http or https");
        assertBad(
                receiver.call("POST", realm.path("/ssf/streams/status"), Map.of("stream_id", id, "status", "asleep")),
                "asleep");
        assertBad(receiver.poll(id, Map.of("maxEvents", 5000)), "maxEvents");
        assertBad(receiver.poll(id, Map.of("ack", "jti")), "ack");
        assertBad(
                receiver.call(
                        "POST",
                        realm.path("/ssf/subjects/remove"),
                        Map.of("stream_id", id, "subject", Map.of("format", "email", "email", "a@example.test"))),
                "not supported");
        assertBad(receiver.call("GET", receiver.streamsPath() + "?stream_id=", null), "stream_id");

        HttpResponse<String> unknown = receiver.call("GET", receiver.streamsPath() + "?stream_id=nope", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(TestCurfew.json(unknown).get("error_description").asText()).contains("nope");

        assertThat(expect(receiver.call("GET", receiver.streamsPath(), null), 200))
                .hasSize(1);
        assertThat(receiver.read(id)).isEqualTo(before);
        assertThat(receiver.peek(id)).isEmpty();
    }

    private static void assertBad(HttpResponse<String> r, String saying) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode error = TestCurfew.json(r);
        assertThat(error.get("error").asText()).isEqualTo("invalid_request");
        assertThat(error.get("error_description").asText()).contains(saying);
    }

    @Test
    @DisplayName("§8.1.2: paused streams hold their events, enabled ones deliver them, disabled ones get none")
    void statusPauseResumeDisable() {
        String id = receiver.createPoll();
        String statusPath = realm.path("/ssf/streams/status");
        assertThat(expect(receiver.call("GET", statusPath + "?stream_id=" + id, null), 200)
                        .get("status")
                        .asText())
                .isEqualTo("enabled");

        JsonNode paused = expect(
                receiver.call("POST", statusPath, Map.of("stream_id", id, "status", "paused", "reason", "deploying")),
                200);
        assertThat(paused.get("status").asText()).isEqualTo("paused");
        assertThat(paused.get("reason").asText()).isEqualTo("deploying");
        var alice = realm.user("alice");
        api.signOut(realm.name(), SignOutApi.userScope(alice.id()), "while paused");
        assertThat(receiver.peek(id)).as("held while paused").isEmpty();

        expect(receiver.call("POST", statusPath, Map.of("stream_id", id, "status", "enabled")), 200);
        List<JWTClaimsSet> afterResume = receiver.drain(id);
        assertThat(afterResume)
                .extracting(s -> SsfReceiver.event(s).getKey())
                .containsExactly(SsfReceiver.STREAM_UPDATED, SsfReceiver.SESSION_REVOKED, SsfReceiver.STREAM_UPDATED);
        assertThat(SsfReceiver.event(afterResume.get(0)).getValue())
                .containsEntry("status", "paused")
                .containsEntry("reason", "deploying");
        assertThat(SsfReceiver.subId(afterResume.get(0)).toString())
                .isEqualTo("{\"format\":\"opaque\",\"id\":\"" + id + "\"}");
        assertThat(SsfReceiver.event(afterResume.get(2)).getValue()).containsEntry("status", "enabled");

        expect(receiver.call("POST", statusPath, Map.of("stream_id", id, "status", "disabled")), 200);
        api.signOut(realm.name(), SignOutApi.userScope(alice.id()), "while disabled");
        expect(receiver.call("POST", statusPath, Map.of("stream_id", id, "status", "enabled")), 200);
        assertThat(receiver.drain(id))
                .as("nothing of the time it was disabled, only that it is enabled")
                .extracting(s -> SsfReceiver.event(s).getKey())
                .containsExactly(SsfReceiver.STREAM_UPDATED);
    }

    @Test
    @DisplayName("§8.1.3: a removed subject's events are left out until it is added again")
    void subjectsRemoveAndAdd() {
        String id = receiver.createPoll();
        var alice = realm.user("alice");
        var bob = realm.user("bob");

        assertThat(receiver.call(
                                "POST",
                                realm.path("/ssf/subjects/remove"),
                                Map.of(
                                        "stream_id",
                                        id,
                                        "subject",
                                        Map.of("format", "iss_sub", "iss", realm.issuer(), "sub", alice.id())))
                        .statusCode())
                .isEqualTo(204);
        api.signOut(realm.name(), SignOutApi.userScope(alice.id()), "excluded");
        api.signOut(realm.name(), SignOutApi.userScope(bob.id()), "included");
        assertThat(receiver.drain(id))
                .extracting(s -> SsfReceiver.subId(s).get("user").get("sub").asText())
                .containsExactly(bob.id());

        assertThat(receiver.call(
                                "POST",
                                realm.path("/ssf/subjects/add"),
                                Map.of(
                                        "stream_id",
                                        id,
                                        "subject",
                                        Map.of(
                                                "format",
                                                "complex",
                                                "user",
                                                Map.of("format", "opaque", "id", alice.id())),
                                        "verified",
                                        true))
                        .statusCode())
                .isEqualTo(200);
        api.signOut(realm.name(), SignOutApi.userScope(alice.id()), "included again");
        assertThat(receiver.drain(id))
                .extracting(s -> SsfReceiver.subId(s).get("user").get("sub").asText())
                .containsExactly(alice.id());
        assertBadSubject(id, Map.of("format", "iss_sub", "iss", "https://other.example.test", "sub", alice.id()));

        // A session: its end is left out, other sessions' are not.
        var app = realm.confidentialClient("app");
        realm.user("carol");
        var mine = dev.curfew.server.testing.SignedIn.login(realm, app, "carol");
        var other = dev.curfew.server.testing.SignedIn.login(realm, app, "carol");
        assertThat(receiver.call(
                                "POST",
                                realm.path("/ssf/subjects/remove"),
                                Map.of(
                                        "stream_id",
                                        id,
                                        "subject",
                                        Map.of(
                                                "format",
                                                "complex",
                                                "session",
                                                Map.of("format", "opaque", "id", mine.sid()))))
                        .statusCode())
                .isEqualTo(204);
        api.signOut(realm.name(), SignOutApi.sessionScope(mine.sid(), other.sid()), "two sessions");
        assertThat(receiver.drain(id))
                .extracting(s -> SsfReceiver.subId(s).get("session").get("id").asText())
                .containsExactly(other.sid());
    }

    private void assertBadSubject(String id, Map<String, Object> subject) {
        HttpResponse<String> r =
                receiver.call("POST", realm.path("/ssf/subjects/remove"), Map.of("stream_id", id, "subject", subject));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    }

    @Test
    @DisplayName("§8.1.4: verification queues a verification SET with the receiver's state")
    void verification() {
        String id = receiver.createPoll();

        assertThat(receiver.call("POST", realm.path("/ssf/verify"), Map.of("stream_id", id, "state", "s-42"))
                        .statusCode())
                .isEqualTo(204);

        List<JWTClaimsSet> sets = receiver.drain(id);
        assertThat(sets).hasSize(1);
        JWTClaimsSet set = sets.get(0);
        assertThat(SsfReceiver.event(set).getKey()).isEqualTo(SsfReceiver.VERIFICATION);
        assertThat(SsfReceiver.event(set).getValue()).containsEntry("state", "s-42");
        assertThat(SsfReceiver.subId(set).toString()).isEqualTo("{\"format\":\"opaque\",\"id\":\"" + id + "\"}");
        assertThat(set.getIssuer()).isEqualTo(realm.issuer());
        assertThat(set.getAudience()).containsExactly("guard");
    }

    @Test
    @DisplayName("admin API: STREAM_ADMINISTRATOR lists and deletes streams and registers receivers")
    void adminApi() {
        String id = receiver.createPoll();
        receiver.call("POST", realm.path("/ssf/verify"), Map.of("stream_id", id));
        String streams = "/admin/realms/" + realm.name() + "/ssf/streams";
        String clientAdmin = api.tokenWith("CLIENT_ADMINISTRATOR@" + realm.name());
        String streamAdmin = api.tokenWith("STREAM_ADMINISTRATOR@" + realm.name());

        assertThat(curfew.get(streams, TestCurfew.bearer(clientAdmin)).statusCode())
                .isEqualTo(403);
        JsonNode listed = TestCurfew.json(curfew.get(streams, TestCurfew.bearer(streamAdmin)));
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asText()).isEqualTo(id);
        assertThat(listed.get(0).get("clientId").asText()).isEqualTo("guard");
        assertThat(listed.get(0).get("status").asText()).isEqualTo("enabled");
        assertThat(listed.get(0).get("deliveryMethod").asText()).isEqualTo(POLL);
        assertThat(listed.get(0).get("queued").asLong()).isEqualTo(1);

        String clients = "/admin/realms/" + realm.name() + "/clients";
        Map<String, Object> receiverClient = Map.of(
                "clientId", "new-guard", "serviceAccountsEnabled", true, "attributes", Map.of("ssf.receiver", "true"));
        assertThat(curfew.postJson(clients, receiverClient, TestCurfew.bearer(clientAdmin))
                        .statusCode())
                .isEqualTo(403);
        String both = api.tokenWith("CLIENT_ADMINISTRATOR@" + realm.name(), "STREAM_ADMINISTRATOR@" + realm.name());
        HttpResponse<String> created = curfew.postJson(clients, receiverClient, TestCurfew.bearer(both));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(TestCurfew.json(created)
                        .get("attributes")
                        .get("ssf.receiver")
                        .asText())
                .isEqualTo("true");
        String guard = realm.realm().id();
        var stored = curfew.services()
                .store()
                .clients()
                .findByClientId(guard, "new-guard")
                .orElseThrow();
        assertThat(stored.ssfReceiver()).isTrue();
        assertThat(curfew.putJson(
                                clients + "/" + stored.id(),
                                Map.of("attributes", Map.of("ssf.receiver", "false")),
                                TestCurfew.bearer(clientAdmin))
                        .statusCode())
                .isEqualTo(403);
        assertThat(curfew.putJson(
                                clients + "/" + stored.id(),
                                Map.of("name", "New guard"),
                                TestCurfew.bearer(clientAdmin))
                        .statusCode())
                .as("other changes need no stream privilege")
                .isEqualTo(204);

        assertThat(curfew.delete(streams + "/" + id, TestCurfew.bearer(clientAdmin))
                        .statusCode())
                .isEqualTo(403);
        assertThat(curfew.delete(streams + "/" + id, TestCurfew.bearer(streamAdmin))
                        .statusCode())
                .isEqualTo(204);
        assertThat(curfew.delete(streams + "/" + id, TestCurfew.bearer(streamAdmin))
                        .statusCode())
                .isEqualTo(404);
        assertThat(receiver.call("GET", receiver.streamsPath() + "?stream_id=" + id, null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    @DisplayName("a receiver holds at most 100 streams")
    void streamLimit() {
        for (int i = 0; i < CreateStreamEndpoint.MAX_STREAMS_PER_RECEIVER; i++) {
            receiver.createPoll();
        }
        HttpResponse<String> r =
                receiver.call("POST", receiver.streamsPath(), Map.of("delivery", Map.of("method", POLL)));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(TestCurfew.json(r).get("error").asText()).isEqualTo("conflict");
    }

    /** JSON helpers for array assertions. */
    static final class Json {
        static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = dev.curfew.engine.json.Json.MAPPER;

        static JsonNode text(String s) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(s);
        }
    }
}
