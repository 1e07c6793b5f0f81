package dev.curfew.server.bruteforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.curfew.core.realm.BruteForceSettings;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.user.User;
import dev.curfew.engine.testing.HeldHasher;
import dev.curfew.server.testing.MutableClock;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Concurrent attempts on one account, with verifications held back so that they overlap for certain: a burst may
 * not get more guesses checked against the real hash than the account has failures left, while sign-ins of an
 * account without failures still run side by side.
 */
@DisplayName("Brute-force protection under concurrent attempts on one account")
class ConcurrentGuessesTest {
    static final HeldHasher held = new HeldHasher();
    static TestCurfew curfew;

    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start(
                Map.of("proxy-headers", "true", "password-hash-threads", "4", "password-hash-queue", "100"),
                new MutableClock(),
                held);
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @AfterEach
    void release() {
        held.release();
        callers.shutdownNow();
    }

    private Future<HttpResponse<String>> attempt(TestRealm realm, ConfidentialClient cli, String password, int n) {
        return callers.submit(() -> curfew.postForm(
                realm.tokenPath(),
                Map.of("grant_type", "password", "username", "alice", "password", password),
                "Authorization",
                cli.basic(),
                "X-Forwarded-For",
                "10.9.0." + n));
    }

    @Test
    @DisplayName("regression: a burst of 25 concurrent wrong passwords gets exactly failureFactor (10) of them checked"
            + " against the real hash; the rest meet the lock and the decoy")
    void aBurstGetsNoMoreGuessesThanTheFailureFactor() throws Exception {
        TestRealm realm = TestRealm.create(
                curfew,
                RealmSettings.DEFAULTS.withBruteForce(BruteForceSettings.DEFAULTS.withQuickLoginCheck(Duration.ZERO)));
        ConfidentialClient cli = realm.confidentialClient("cli", b -> b.directAccessGrants(true));
        User alice = realm.user("alice");
        String realHash =
                curfew.services().store().users().passwordHash(alice.id()).orElseThrow();
        int before = held.started().size();

        held.hold();
        List<Future<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            burst.add(attempt(realm, cli, "guess-" + i, i));
        }
        await().atMost(30, TimeUnit.SECONDS).until(() -> held.started().size() - before >= 4);
        held.release();
        for (Future<HttpResponse<String>> response : burst) {
            assertThat(response.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(400);
        }

        List<HeldHasher.Verification> mine =
                held.started().subList(before, held.started().size());
        assertThat(mine).hasSize(25);
        assertThat(mine).filteredOn(v -> v.encodedHash().equals(realHash)).hasSize(10);
    }

    @Test
    @DisplayName("sign-ins of an account without failures are checked side by side, not one after the other")
    void signInsWithoutFailuresRunSideBySide() throws Exception {
        TestRealm realm = TestRealm.create(curfew);
        ConfidentialClient cli = realm.confidentialClient("cli", b -> b.directAccessGrants(true));
        realm.user("alice");
        int before = held.started().size();

        held.hold();
        List<Future<HttpResponse<String>>> logins = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            logins.add(attempt(realm, cli, TestRealm.PASSWORD, 100 + i));
        }

        await().atMost(30, TimeUnit.SECONDS).until(() -> held.started().size() - before == 3);
        held.release();
        for (Future<HttpResponse<String>> response : logins) {
            assertThat(response.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }
}
