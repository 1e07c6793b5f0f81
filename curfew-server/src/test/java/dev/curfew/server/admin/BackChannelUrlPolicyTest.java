package dev.curfew.server.admin;

import static dev.curfew.server.admin.AdminApi.expect;
import static dev.curfew.server.admin.AdminApi.json;
import static dev.curfew.server.admin.AdminApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.delivery.Delivery;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.Receiver;
import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SSRF through delivery URLs, back-channel side: a client's {@code backchannel.logout.url} is where Curfew POSTs
 * logout tokens, so it is held to the outbound policy like an SSF push URL; and what a failed delivery records is a
 * short reason, never the relying party's answer.
 */
@DisplayName("SSRF through back-channel logout URLs: refused at registration; failures recorded without the answer")
class BackChannelUrlPolicyTest {
    private static final String FIELD = "attributes.backchannel.logout.url";
    private static TestCurfew curfew;
    private static AdminApi api;
    private static Receiver receiver;

    @BeforeAll
    static void start() {
        // Only 127.0.0.1 is allowed: the receiver below listens there, and every other form stays forbidden.
        curfew = TestCurfew.start(TestCurfew.withLoopbackReceivers(Map.of()));
        api = new AdminApi(curfew);
        receiver = Receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.close();
        curfew.close();
    }

    private static String clients(String realm) {
        return "/admin/realms/" + realm + "/clients";
    }

    private static Map<String, Object> withBackChannel(String clientId, String url) {
        return Map.of("clientId", clientId, "attributes", Map.of("backchannel.logout.url", url));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "https://127.0.0.2/logout | loopback address",
                "https://[::1]/logout | loopback address",
                "https://[::ffff:127.0.0.2]/logout | loopback address",
                "https://localhost/logout | localhost",
                "https://0x7f000002/logout | loopback address",
                "https://2130706434/logout | loopback address",
                "https://0177.0.0.2/logout | loopback address",
                "https://169.254.169.254/latest/meta-data/ | link-local address",
                "https://172.16.0.1/logout | private address",
                "https://[fd00::1]/logout | private address",
                "https://224.0.0.1/logout | multicast address",
                "https://0.0.0.0/logout | unspecified address",
                "http://app.example.com/logout | plain http is allowed only to destinations in outbound-allow"
            })
    @DisplayName(
            "SSRF through delivery URLs: the admin API refuses a forbidden back-channel logout URL, naming the field")
    void ssrfThroughDeliveryUrlsForbiddenBackChannelUrlsAreRefused(String url, String reason) {
        String realm = TestRealm.create(curfew).name();

        JsonNode created = problem(api.post(clients(realm), withBackChannel("rp", url)), 400);
        assertThat(created.get("invalid-params")).singleElement().satisfies(p -> {
            assertThat(p.get("name").asText()).isEqualTo(FIELD);
            assertThat(p.get("reason").asText()).isEqualTo("destination not allowed: " + reason);
        });

        String id = api.createClient(realm, Map.of("clientId", "rp"));
        JsonNode updated = problem(api.put(clients(realm) + "/" + id, withBackChannel("rp", url)), 400);
        assertThat(updated.get("invalid-params").get(0).get("name").asText()).isEqualTo(FIELD);
    }

    @Test
    @DisplayName("an https URL with a DNS name, and an http URL to an allowed network, are accepted")
    void ordinaryAndAllowListedUrlsAreAccepted() {
        String realm = TestRealm.create(curfew).name();

        api.createClient(realm, withBackChannel("public-rp", "https://app.example.com/logout"));
        String id = api.createClient(realm, withBackChannel("local-rp", receiver.url("/logout")));

        assertThat(json(api.get(clients(realm) + "/" + id))
                        .get("attributes")
                        .get("backchannel.logout.url")
                        .asText())
                .isEqualTo(receiver.url("/logout"));
    }

    @Test
    @DisplayName("SSRF through delivery URLs: the body of a failed answer never lands in lastError; the admin API's"
            + " delivery views show only the status")
    void ssrfThroughDeliveryUrlsAnswerBodyNeverLandsInLastError() {
        TestRealm realm = TestRealm.create(curfew);
        String path = "/" + realm.name() + "/logout";
        receiver.errorBody("{\"Code\":\"Success\",\"SecretAccessKey\":\"internal-secret-from-the-metadata-service\"}");
        receiver.answerAt(path, 500);
        TestRealm.ConfidentialClient app =
                realm.confidentialClient("app", b -> b.backchannelLogoutUri(Optional.of(receiver.url(path))));
        realm.user("alice");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, app, "alice");
        String sid = (String) OidcFlow.claims(tokens.get("id_token").asText()).getClaim("sid");
        curfew.clock().advance(Duration.ofSeconds(1));

        JsonNode signOut =
                new SignOutApi(curfew).signOut(realm.name(), SignOutApi.sessionScope(sid), "answer body test");
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> curfew
                        .services()
                        .store()
                        .outbox()
                        .list(
                                realm.realm().id(),
                                Delivery.Status.QUEUED,
                                Optional.empty(),
                                dev.curfew.core.session.Page.DEFAULT)
                        .stream()
                        .anyMatch(d -> d.lastError().isPresent()));

        JsonNode queued = json(expect(api.get("/admin/realms/" + realm.name() + "/deliveries?status=QUEUED"), 200));
        assertThat(queued.get(0).get("lastError").asText()).isEqualTo("HTTP 500");
        JsonNode perSignOut = json(expect(
                api.get("/admin/realms/" + realm.name() + "/sign-outs/"
                        + signOut.get("id").asText() + "/deliveries"),
                200));
        assertThat(perSignOut.get(0).get("lastError").asText()).isEqualTo("HTTP 500");
        assertThat(receiver.receivedAt(path)).hasSize(1);
    }
}
