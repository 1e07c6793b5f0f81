package dev.curfew.guard;

import static dev.curfew.guard.TokenValidationTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
        "Fail-safe with the real server stopped: refuseAfter refuses tokens older than the window, keepServing does not")
class FailSafeFeedTest {
    private TestCurfew curfew;

    @AfterEach
    void stop() {
        if (curfew != null) {
            curfew.close();
        }
    }

    @Test
    void serverStopped() {
        curfew = TestCurfew.start();
        TestRealm realm = TestRealm.create(curfew);
        ConfidentialClient web = realm.confidentialClient("web");
        RevocationFeedTest.Receiver receiver = RevocationFeedTest.registerReceiver(curfew, realm, "api");
        realm.user("alice");
        String token = SignedIn.login(realm, web, "alice").accessToken();
        try (CurfewGuard refusing = RevocationFeedTest.guardFor(realm, receiver)
                        .failSafe(FailSafe.refuseAfter(Duration.ofSeconds(2)))
                        .build();
                CurfewGuard serving = RevocationFeedTest.guardFor(realm, receiver)
                        .failSafe(FailSafe.keepServing())
                        .build()) {
            assertThat(refusing.start()).isTrue();
            assertThat(serving.start()).isTrue();
            assertThat(refusing.check(token).allowed()).isTrue();

            curfew.close();
            curfew = null;

            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(50))
                    .untilAsserted(
                            () -> assertRefused(refusing.check(token), "sign-out feed unavailable; get a fresh token"));
            GuardHealth health = refusing.health();
            assertThat(health.state()).isEqualTo(GuardHealth.FeedState.FAIL_SAFE);
            assertThat(health.lastSync()).isPresent();
            assertThat(health.lastError()).isPresent();

            assertThat(serving.check(token).allowed()).isTrue();
            assertThat(serving.health().state()).isEqualTo(GuardHealth.FeedState.FAILING);
        }
    }
}
