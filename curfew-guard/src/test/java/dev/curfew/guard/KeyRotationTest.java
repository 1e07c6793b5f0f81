package dev.curfew.guard;

import static dev.curfew.guard.TokenValidationTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.curfew.engine.audit.AuditLog;
import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The guard follows a rotation of the realm's signing key (against the real server)")
class KeyRotationTest {
    static final Duration REFRESH = Duration.ofMinutes(1);
    static final AuditLog.Actor OPERATOR = AuditLog.Actor.system("test", "127.0.0.1");

    static TestCurfew curfew;
    TestRealm realm;
    ConfidentialClient web;
    CurfewGuard guard;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @BeforeEach
    void newRealmAndGuard() {
        realm = TestRealm.create(curfew);
        realm.user("alice");
        web = realm.confidentialClient("web");
        guard = CurfewGuard.builder()
                .issuer(realm.issuer())
                .audience("web")
                .clock(curfew.clock())
                .jwksRefreshInterval(REFRESH)
                .jwksMinRefreshInterval(Duration.ofSeconds(1))
                .build();
        assertThat(guard.start()).isTrue();
    }

    @AfterEach
    void closeGuard() {
        guard.close();
    }

    @Test
    @DisplayName("a token of the new key is accepted at once: an unknown kid makes the guard fetch the JWKS again")
    void tokenOfANewKeyIsAcceptedAtOnce() {
        SignedIn before = SignedIn.login(realm, web, "alice");
        assertThat(guard.check(before.accessToken()).allowed()).isTrue();

        curfew.services().keyRotation().rotate(realm.realm(), false, "Routine rotation", OPERATOR);
        curfew.clock().advance(Duration.ofSeconds(2));
        SignedIn after = SignedIn.login(realm, web, "alice");

        assertThat(guard.check(after.accessToken()).allowed()).isTrue();
        assertThat(guard.check(before.accessToken()).allowed()).isTrue();
    }

    @Test
    @DisplayName("with retireOld, tokens of the old key are refused from the guard's next JWKS refresh, cached or not")
    void tokensOfARetiredKeyAreRefusedFromTheNextRefresh() {
        String old = SignedIn.login(realm, web, "alice").accessToken();
        assertThat(guard.check(old).allowed()).isTrue();

        curfew.services().keyRotation().rotate(realm.realm(), true, "Signing key leaked", OPERATOR);
        curfew.clock().advance(REFRESH);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertRefused(guard.check(old), "unknown signing key"));
        assertThat(guard.check(SignedIn.login(realm, web, "alice").accessToken())
                        .allowed())
                .isTrue();
    }
}
