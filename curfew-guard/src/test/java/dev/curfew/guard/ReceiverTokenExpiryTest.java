package dev.curfew.guard;

import static dev.curfew.guard.TokenValidationTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The feed outlives its receiver token: an expired token is replaced and polling goes on")
class ReceiverTokenExpiryTest {
    static TestCurfew curfew;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    void expiredReceiverTokenIsReplaced() {
        TestRealm realm = TestRealm.create(curfew);
        ConfidentialClient web = realm.confidentialClient("web");
        RevocationFeedTest.Receiver receiver = RevocationFeedTest.registerReceiver(curfew, realm, "api");
        realm.user("alice");
        realm.user("bob");
        try (CurfewGuard guard = RevocationFeedTest.guardFor(realm, receiver).build()) {
            assertThat(guard.start()).isTrue();
            String firstStream = guard.health().streamId().orElseThrow();

            // The server's clock passes the receiver token's 5 minutes: Curfew now refuses it (401).
            curfew.clock().advance(Duration.ofMinutes(6));
            SignedIn alice = SignedIn.login(realm, web, "alice");
            new SignOutApi(curfew).signOut(realm.name(), SignOutApi.userScope(alice.userId()), "after expiry");

            awaitSignedOut(guard, alice.accessToken());
            // That SET came in the poll held since before; the next polls need a new token.
            SignedIn bob = SignedIn.login(realm, web, "bob");
            new SignOutApi(curfew).signOut(realm.name(), SignOutApi.userScope(bob.userId()), "next poll");

            awaitSignedOut(guard, bob.accessToken());
            assertThat(guard.health().streamId()).contains(firstStream);
            assertThat(guard.health().state()).isEqualTo(GuardHealth.FeedState.LIVE);
        }
    }

    private static void awaitSignedOut(CurfewGuard guard, String token) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertRefused(guard.check(token), "token signed out"));
    }
}
