package dev.curfew.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.delivery.Delivery;
import dev.curfew.core.session.Page;
import dev.curfew.engine.delivery.DeliverySettings;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.Receiver;
import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The operator's delivery settings reach the dispatcher of a running server: a logout token whose first
 * attempt failed becomes dead once the configured {@code delivery-max-age} has passed, where the default
 * 24 hours would have retried it.
 */
@DisplayName("Delivery settings from the configuration drive the running dispatcher")
class DeliveryConfigurationTest {
    private TestCurfew curfew;
    private Receiver receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
        if (curfew != null) {
            curfew.close();
        }
    }

    /** Signs one session of a client with a back-channel URI out; its first delivery attempt is answered 503. */
    private TestRealm signOutOneSessionAfterA503(Map<String, String> config) {
        curfew = TestCurfew.start(TestCurfew.withLoopbackReceivers(config));
        receiver = Receiver.start();
        receiver.answer(503);
        TestRealm realm = TestRealm.create(curfew);
        TestRealm.ConfidentialClient app =
                realm.confidentialClient("app", b -> b.backchannelLogoutUri(Optional.of(receiver.url("/app/logout"))));
        realm.user("alice");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, app, "alice");
        String sid = (String) OidcFlow.claims(tokens.get("id_token").asText()).getClaim("sid");
        curfew.clock().advance(Duration.ofSeconds(1));
        new SignOutApi(curfew).signOut(realm.name(), SignOutApi.sessionScope(sid), "configured delivery");
        receiver.await(1);
        // The failed attempt is written before time moves on, so the retry is due within the 2 minutes below.
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> rows(realm, Delivery.Status.QUEUED).stream()
                        .anyMatch(d -> d.lastError().isPresent()));
        return realm;
    }

    private List<Delivery> rows(TestRealm realm, Delivery.Status status) {
        String realmId =
                curfew.services().realms().find(realm.name()).orElseThrow().id();
        return curfew.services().store().outbox().list(realmId, status, Optional.empty(), new Page(0, 10));
    }

    @Test
    @DisplayName("delivery-max-age 1m: the token retried after 2 minutes is dead, not delivered")
    void configuredMaxAgeMakesTheTokenDead() {
        TestRealm realm = signOutOneSessionAfterA503(Map.of("delivery-max-age", "1m"));
        assertThat(curfew.services().config().delivery().maxAge()).isEqualTo(Duration.ofMinutes(1));

        curfew.clock().advance(Duration.ofMinutes(2));
        curfew.services().dispatcher().wake();

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> rows(realm, Delivery.Status.DEAD).size() == 1);
        assertThat(rows(realm, Delivery.Status.DEAD).getFirst().lastError())
                .hasValueSatisfying(e ->
                        assertThat(e).startsWith("not delivered within PT1M").contains("HTTP 503"));
        assertThat(receiver.received()).as("no second attempt").hasSize(1);
    }

    @Test
    @DisplayName("by default (24 hours) the same token is retried after 2 minutes and delivered")
    void defaultMaxAgeRetries() {
        TestRealm realm = signOutOneSessionAfterA503(Map.of());
        assertThat(curfew.services().config().delivery()).isEqualTo(DeliverySettings.DEFAULTS);

        curfew.clock().advance(Duration.ofMinutes(2));
        curfew.services().dispatcher().wake();

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> rows(realm, Delivery.Status.DELIVERED).size() == 1);
        assertThat(rows(realm, Delivery.Status.DEAD)).isEmpty();
        assertThat(receiver.received()).hasSize(2);
    }
}
