package dev.curfew.server.ssf;

import static dev.curfew.server.ssf.SsfReceiver.PUSH;
import static dev.curfew.server.ssf.SsfReceiver.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.delivery.Delivery;
import dev.curfew.core.session.Page;
import dev.curfew.server.testing.Receiver;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SSRF through delivery URLs: a Shared Signals receiver — a client without any admin privilege — chooses the URL
 * Curfew POSTs its SETs to, with a header it chooses too, and can trigger a POST whenever it likes with {@code
 * /ssf/verify}. Those URLs are held to the outbound policy, at registration and when sent.
 */
@DisplayName("SSRF through SSF push URLs: refused at registration and when sent")
class SsfPushUrlPolicyTest {
    private TestCurfew curfew;
    private Receiver http;

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
        if (curfew != null) {
            curfew.close();
        }
    }

    private static String port(Receiver receiver) {
        return Integer.toString(receiver.port());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "https://127.0.0.1:PORT/events",
                "https://[::1]:PORT/events",
                "https://localhost:PORT/events",
                "https://0x7f000001:PORT/events",
                "https://2130706433:PORT/events",
                "https://0177.0.0.1:PORT/events",
                "https://127.1:PORT/events",
                "https://[::ffff:127.0.0.1]:PORT/events",
                "https://169.254.169.254/latest/meta-data/iam/security-credentials/",
                "https://10.0.0.1/events",
                "https://192.168.1.1/events",
                "https://100.64.0.1/events",
                "https://[fd00::1]/events",
                "https://0.0.0.0:PORT/events",
                "http://rs.example.test/events"
            })
    @DisplayName("SSRF through delivery URLs: a receiver cannot register a push URL the outbound policy refuses")
    void ssrfThroughDeliveryUrlsForbiddenPushUrlsAreRefused(String form) {
        curfew = TestCurfew.start();
        http = Receiver.start();
        SsfReceiver receiver = SsfReceiver.register(TestRealm.create(curfew), "guard");
        String url = form.replace("PORT", port(http));

        HttpResponse<String> created = receiver.call(
                "POST", receiver.streamsPath(), Map.of("delivery", Map.of("method", PUSH, "endpoint_url", url)));

        JsonNode error = expect(created, 400);
        assertThat(error.get("error").asText()).isEqualTo("invalid_request");
        assertThat(error.get("error_description").asText()).startsWith("delivery.endpoint_url: ");
        assertThat(curfew.services().store().ssf().count()).isZero();
    }

    @Test
    @DisplayName("SSRF through delivery URLs: changing a stream's push URL to a forbidden one is refused too")
    void ssrfThroughDeliveryUrlsChangedPushUrlIsRefused() {
        curfew = TestCurfew.start();
        SsfReceiver receiver = SsfReceiver.register(TestRealm.create(curfew), "guard");
        String stream = receiver.create(
                        Map.of("delivery", Map.of("method", PUSH, "endpoint_url", "https://rs.example.test/events")))
                .get("stream_id")
                .asText();

        for (String method : List.of("PATCH", "PUT")) {
            JsonNode error = expect(
                    receiver.call(
                            method,
                            receiver.streamsPath(),
                            Map.of(
                                    "stream_id",
                                    stream,
                                    "delivery",
                                    Map.of("method", PUSH, "endpoint_url", "https://169.254.169.254/"))),
                    400);
            assertThat(error.get("error_description").asText())
                    .isEqualTo("delivery.endpoint_url: destination not allowed: link-local address");
        }
        assertThat(receiver.read(stream).get("delivery").get("endpoint_url").asText())
                .isEqualTo("https://rs.example.test/events");
    }

    @Test
    @DisplayName("outbound-allow lets a receiver on an allowed network register a plain http push URL")
    void allowListedReceiverIsAccepted() {
        curfew = TestCurfew.start(TestCurfew.withLoopbackReceivers(Map.of()));
        http = Receiver.start();
        SsfReceiver receiver = SsfReceiver.register(TestRealm.create(curfew), "guard");

        JsonNode created =
                receiver.create(Map.of("delivery", Map.of("method", PUSH, "endpoint_url", http.url("/events"))));

        assertThat(created.get("delivery").get("endpoint_url").asText()).isEqualTo(http.url("/events"));
    }

    @Test
    @DisplayName("SSRF through delivery URLs: a name that resolves to loopback when sent (localhost, allowed when"
            + " registered, no longer) is refused; the SET is dead with a short reason, nothing reaches the address")
    void ssrfThroughDeliveryUrlsNameResolvingToLoopbackIsRefusedWhenSent() {
        TestCurfew first = TestCurfew.start(Map.of("outbound-allow", "localhost"));
        http = Receiver.start();
        String dbUrl = first.dbUrl();
        TestRealm realm = TestRealm.create(first);
        SsfReceiver receiver = SsfReceiver.register(realm, "guard");
        String url = "https://localhost:" + port(http) + "/events";
        String stream = receiver.create(Map.of("delivery", Map.of("method", PUSH, "endpoint_url", url)))
                .get("stream_id")
                .asText();
        first.close();

        // The operator takes localhost off the list; the stream keeps its URL.
        curfew = TestCurfew.start(Map.of("db-url", dbUrl), first.clock());
        TestRealm same = TestRealm.existing(curfew, realm.name());
        String token = SsfReceiver.clientCredentials(same, receiver.client);
        assertThat(curfew.postJson(same.path("/ssf/verify"), Map.of("stream_id", stream), TestCurfew.bearer(token))
                        .statusCode())
                .isEqualTo(204);

        String realmId = same.realm().id();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> curfew.services().store().outbox().count(Delivery.Status.DEAD) == 1);
        Delivery dead = curfew.services()
                .store()
                .outbox()
                .list(realmId, Delivery.Status.DEAD, Optional.empty(), Page.DEFAULT)
                .getFirst();
        assertThat(dead.destination()).isEqualTo(url);
        assertThat(dead.lastError()).contains("destination not allowed: loopback address");
        assertThat(http.received()).isEmpty();

        JsonNode shown = TestCurfew.json(curfew.get(
                "/admin/realms/" + same.name() + "/deliveries?status=DEAD", TestCurfew.bearer(curfew.adminToken())));
        assertThat(shown.get(0).get("lastError").asText()).isEqualTo("destination not allowed: loopback address");
    }
}
