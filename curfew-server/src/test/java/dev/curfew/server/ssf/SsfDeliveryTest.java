package dev.curfew.server.ssf;

import static dev.curfew.server.ssf.SsfReceiver.SESSION_REVOKED;
import static dev.curfew.server.ssf.SsfReceiver.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.curfew.core.delivery.Delivery;
import dev.curfew.core.session.Page;
import dev.curfew.core.user.User;
import dev.curfew.server.testing.Receiver;
import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Delivery of SETs: poll (RFC 8936) with long polling, and push (RFC 8935) through the outbox to a real receiver. */
@DisplayName("RFC 8936 poll and RFC 8935 push delivery")
class SsfDeliveryTest {
    private static TestCurfew curfew;
    private static Receiver http;

    private SignOutApi api;
    private TestRealm realm;
    private SsfReceiver receiver;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start(TestCurfew.withLoopbackReceivers(Map.of("ssf-poll-timeout", "60")));
        http = Receiver.start();
    }

    @AfterAll
    static void stop() {
        http.close();
        curfew.close();
    }

    @BeforeEach
    void createRealm() {
        api = new SignOutApi(curfew);
        realm = TestRealm.create(curfew);
        receiver = SsfReceiver.register(realm, "guard");
        http.clear();
    }

    private void signOutUser(String username) {
        User user = realm.user(username);
        api.signOut(realm.name(), SignOutApi.userScope(user.id()), "test");
    }

    @Test
    @DisplayName("§2.4: unacknowledged SETs are sent again, acknowledged ones are gone")
    void ackRemovesUnackedIsResent() {
        String stream = receiver.createPoll();
        signOutUser("alice");
        signOutUser("bob");

        Map<String, JWTClaimsSet> first = receiver.peek(stream);
        Map<String, JWTClaimsSet> again = receiver.peek(stream);
        assertThat(first).hasSize(2);
        assertThat(again.keySet()).containsExactlyElementsOf(first.keySet());

        String ackd = first.keySet().iterator().next();
        JsonNode answer = expect(
                receiver.poll(stream, Map.of("ack", List.of(ackd), "returnImmediately", true, "maxEvents", 1)), 200);
        assertThat(receiver.verified(answer).keySet())
                .containsExactly(List.copyOf(first.keySet()).get(1));
        assertThat(answer.get("moreAvailable").asBoolean()).isFalse();

        JsonNode errs = expect(
                receiver.poll(
                        stream,
                        Map.of(
                                "setErrs",
                                Map.of(
                                        List.copyOf(first.keySet()).get(1),
                                        Map.of("err", "invalid_key", "description", "x")),
                                "returnImmediately",
                                true)),
                200);
        assertThat(errs.get("sets").size())
                .as("a SET reported in setErrs is not sent again")
                .isZero();
    }

    @Test
    @DisplayName("regression: a setErrs error that is not an object with an \"err\" string was accepted (RFC 8936"
            + " §2.4.4); it is refused with invalid_request and the SET stays queued")
    void setErrsWithoutErrIsRefused() {
        String stream = receiver.createPoll();
        signOutUser("alice");
        String jti = List.copyOf(receiver.peek(stream).keySet()).get(0);

        for (Object error : List.of(
                Map.of("a", Map.of("a", 1)),
                "invalid_key",
                Map.of("err", 1),
                Map.of("err", "invalid_key", "description", 7))) {
            JsonNode refused = expect(receiver.poll(stream, Map.of("setErrs", Map.of(jti, error))), 400);
            assertThat(refused.get("error").asText()).as("%s", error).isEqualTo("invalid_request");
        }
        assertThat(receiver.peek(stream)).containsOnlyKeys(jti);
    }

    @Test
    @DisplayName("maxEvents bounds an answer and moreAvailable says there is more")
    void maxEventsAndMoreAvailable() {
        String stream = receiver.createPoll();
        signOutUser("alice");
        signOutUser("bob");
        signOutUser("carol");

        JsonNode answer = expect(receiver.poll(stream, Map.of("maxEvents", 2, "returnImmediately", true)), 200);

        assertThat(answer.get("sets").size()).isEqualTo(2);
        assertThat(answer.get("moreAvailable").asBoolean()).isTrue();
        JsonNode none = expect(receiver.poll(stream, Map.of("maxEvents", 0)), 200);
        assertThat(none.get("sets").size()).isZero();
        assertThat(none.get("moreAvailable").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("§2.4 long polling: a held poll answers with the SET of a sign-out made while it waits")
    void longPollWokenBySignOut() throws Exception {
        String stream = receiver.createPoll();
        User alice = realm.user("alice");
        var pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            CompletableFuture<HttpResponse<String>> held = CompletableFuture.supplyAsync(
                    () -> receiver.poll(stream, Map.of("returnImmediately", false)), pool);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> curfew.services().ssf().waiters().holding(stream) == 1);
            assertThat(held).isNotDone();

            api.signOut(realm.name(), SignOutApi.userScope(alice.id()), "while held");

            JsonNode answer = expect(held.get(50, TimeUnit.SECONDS), 200);
            Map<String, JWTClaimsSet> sets = receiver.verified(answer);
            assertThat(sets).hasSize(1);
            JWTClaimsSet set = sets.values().iterator().next();
            assertThat(SsfReceiver.event(set).getKey()).isEqualTo(SESSION_REVOKED);
            assertThat(SsfReceiver.subId(set).get("user").get("sub").asText()).isEqualTo(alice.id());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("push: the SET is POSTed as application/secevent+jwt with the stream's Authorization header")
    void pushToARealReceiver() {
        String url = http.url("/" + realm.name() + "/events");
        JsonNode created = receiver.create(Map.of(
                "delivery",
                Map.of("method", SsfReceiver.PUSH, "endpoint_url", url, "authorization_header", "Bearer s3cret-xyz")));
        assertThat(created.get("delivery").get("endpoint_url").asText()).isEqualTo(url);
        assertThat(created.get("delivery").has("authorization_header"))
                .as("never shown back")
                .isFalse();

        signOutUser("alice");

        Receiver.Received got = http.await(1).get(0);
        assertThat(got.path()).isEqualTo("/" + realm.name() + "/events");
        assertThat(got.contentType()).isEqualTo("application/secevent+jwt");
        assertThat(got.header("Authorization")).isEqualTo("Bearer s3cret-xyz");
        assertThat(got.header("Accept")).isEqualTo("application/json");
        JWTClaimsSet set = receiver.verify(got.body());
        assertThat(SsfReceiver.event(set).getKey()).isEqualTo(SESSION_REVOKED);
        assertThat(set.getAudience()).containsExactly("guard");
    }

    @Test
    @DisplayName("push: a paused stream's SETs wait and are pushed, in order, once it is enabled")
    void pushHeldWhilePaused() {
        String url = http.url("/" + realm.name() + "/paused");
        String stream = receiver.create(Map.of("delivery", Map.of("method", SsfReceiver.PUSH, "endpoint_url", url)))
                .get("stream_id")
                .asText();
        String status = realm.path("/ssf/streams/status");
        expect(receiver.call("POST", status, Map.of("stream_id", stream, "status", "paused")), 200);
        signOutUser("alice");
        assertThat(curfew.services().store().ssf().queued(stream)).isEqualTo(2);
        curfew.services().dispatcher().runOnce();
        assertThat(http.receivedAt("/" + realm.name() + "/paused")).isEmpty();

        expect(receiver.call("POST", status, Map.of("stream_id", stream, "status", "enabled")), 200);

        List<Receiver.Received> got = http.await(3);
        assertThat(got)
                .extracting(r -> SsfReceiver.event(receiver.verify(r.body())).getKey())
                .containsExactly(SsfReceiver.STREAM_UPDATED, SESSION_REVOKED, SsfReceiver.STREAM_UPDATED);
        assertThat(curfew.services().store().ssf().queued(stream)).isZero();
    }

    @Test
    @DisplayName("RFC 8935 §2.3: a receiver's 400 error makes the SET dead, not retried")
    void pushRefusedIsDead() {
        String path = "/" + realm.name() + "/refusing";
        http.answerAt(path, 400);
        receiver.create(Map.of("delivery", Map.of("method", SsfReceiver.PUSH, "endpoint_url", http.url(path))));

        signOutUser("alice");

        http.await(1);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> !curfew.services()
                        .store()
                        .outbox()
                        .list(realm.realm().id(), Delivery.Status.DEAD, Optional.empty(), Page.DEFAULT)
                        .isEmpty());
        Delivery dead = curfew.services()
                .store()
                .outbox()
                .list(realm.realm().id(), Delivery.Status.DEAD, Optional.empty(), Page.DEFAULT)
                .get(0);
        assertThat(dead.kind()).isEqualTo(Delivery.SSF_PUSH);
        assertThat(dead.attempts()).isEqualTo(1);
        assertThat(dead.signOutId()).isPresent();
    }

    @Test
    @DisplayName("metrics: SETs queued by event type, poll requests, streams")
    void metrics() {
        String stream = receiver.createPoll();
        signOutUser("alice");
        receiver.peek(stream);

        String metrics = curfew.get("/metrics").body();

        assertThat(metrics)
                .containsPattern("curfew_ssf_sets_queued_total\\{event_type=\"" + SESSION_REVOKED + "\"[^}]*} [1-9]")
                .containsPattern("curfew_ssf_poll_requests_total(\\{[^}]*})? [1-9]")
                .containsPattern("curfew_ssf_streams(\\{[^}]*})? [1-9]");
    }
}
