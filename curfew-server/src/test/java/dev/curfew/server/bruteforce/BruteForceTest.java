package dev.curfew.server.bruteforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.realm.BruteForceSettings;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.user.User;
import dev.curfew.engine.bruteforce.BruteForceProtection;
import dev.curfew.server.testing.Browser;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import io.micrometer.core.instrument.Counter;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Brute-force protection of password sign-ins, end to end over HTTP: accounts locked after failures, locks
 * answered like wrong passwords, failures per source address throttled. The server believes X-Forwarded-For, so
 * each test chooses the address of each attempt.
 */
@DisplayName("Brute-force protection: failed sign-ins lock accounts and throttle addresses")
class BruteForceTest {
    private static final String WRONG = "not the password";
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    static TestCurfew curfew;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start(Map.of("proxy-headers", "true"));
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    /** An address no other attempt of the run has used, so the per-address throttle stays out of the way. */
    static String freshAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    static HttpResponse<String> grant(
            TestRealm realm, ConfidentialClient cli, String user, String password, String ip) {
        return curfew.postForm(
                realm.tokenPath(),
                Map.of("grant_type", "password", "username", user, "password", password),
                "Authorization",
                cli.basic(),
                "X-Forwarded-For",
                ip);
    }

    static void fail(TestRealm realm, ConfidentialClient cli, String user, int times, Duration apart) {
        for (int i = 0; i < times; i++) {
            assertThat(grant(realm, cli, user, WRONG, freshAddress()).statusCode())
                    .isEqualTo(400);
            curfew.clock().advance(apart);
        }
    }

    static void assertInvalidGrant(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(TestCurfew.json(response).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(TestCurfew.json(response).get("error_description").asText()).isEqualTo("Invalid user credentials");
    }

    static JsonNode audit(TestRealm realm, String action) {
        return TestCurfew.json(curfew.get(
                        "/admin/realms/" + realm.name() + "/audit?action=" + action,
                        TestCurfew.bearer(curfew.adminToken())))
                .get("entries");
    }

    static TestRealm realm(BruteForceSettings settings) {
        return TestRealm.create(curfew, RealmSettings.DEFAULTS.withBruteForce(settings));
    }

    @Test
    @DisplayName("ten failures lock the account for a minute; ten more after it, for two minutes")
    void tenFailuresLockForAMinuteThenTwiceAsLong() {
        TestRealm realm = realm(BruteForceSettings.DEFAULTS);
        ConfidentialClient cli = realm.confidentialClient("cli", b -> b.directAccessGrants(true));
        realm.user("alice");

        fail(realm, cli, "alice", 9, Duration.ofSeconds(2));
        fail(realm, cli, "alice", 1, Duration.ZERO);
        assertInvalidGrant(grant(realm, cli, "alice", TestRealm.PASSWORD, freshAddress()));
        curfew.clock().advance(Duration.ofSeconds(59));
        assertInvalidGrant(grant(realm, cli, "alice", TestRealm.PASSWORD, freshAddress()));

        curfew.clock().advance(Duration.ofSeconds(2));
        fail(realm, cli, "alice", 9, Duration.ofSeconds(2));
        fail(realm, cli, "alice", 1, Duration.ZERO);
        curfew.clock().advance(Duration.ofSeconds(119));
        assertInvalidGrant(grant(realm, cli, "alice", TestRealm.PASSWORD, freshAddress()));
        curfew.clock().advance(Duration.ofSeconds(2));
        assertThat(grant(realm, cli, "alice", TestRealm.PASSWORD, freshAddress())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("a locked account answers exactly as a wrong password, after the same password hashing")
    void aLockedAccountAnswersLikeAWrongPassword() {
        TestRealm realm = realm(BruteForceSettings.DEFAULTS);
        ConfidentialClient cli = realm.confidentialClient("cli", b -> b.directAccessGrants(true));
        realm.confidentialClient("web");
        realm.user("bob");
        realm.user("carol");
        fail(realm, cli, "bob", 10, Duration.ofSeconds(2));
        Counter verifications = curfew.services()
                .meters()
                .get("curfew.password.hashes")
                .tag("operation", "verify")
                .counter();

        Browser browser = curfew.browser(Map.of("X-Forwarded-For", freshAddress()));
        HttpResponse<String> page = browser.get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams("web")));
        HttpResponse<String> wrong = browser.submitLogin(page, "carol", WRONG);
        double before = verifications.count();
        HttpResponse<String> locked = browser.submitLogin(wrong, "bob", TestRealm.PASSWORD);

        assertThat(verifications.count() - before)
                .as("password verifications of the locked attempt")
                .isEqualTo(1);
        assertThat(locked.statusCode()).isEqualTo(wrong.statusCode()).isEqualTo(401);
        assertThat(withoutToken(locked.body()))
                .isEqualTo(withoutToken(wrong.body()).replace("carol", "bob"));
        assertThat(locked.headers().firstValue("Retry-After")).isEmpty();
        assertInvalidGrant(grant(realm, cli, "bob", TestRealm.PASSWORD, freshAddress()));
    }

    /** The page without its one-time CSRF token. */
    private static String withoutToken(String html) {
        return html.replaceAll("name=\"csrf\" value=\"[^\"]*\"", "name=\"csrf\"");
    }

    @Test
    @DisplayName("the login form and the password grant count towards the same lock")
    void theLoginFormAndThePasswordGrantCountTogether() {
        TestRealm realm = realm(BruteForceSettings.DEFAULTS);
        ConfidentialClient cli = realm.confidentialClient("cli", b -> b.directAccessGrants(true));
        realm.confidentialClient("web");
        realm.user("dora");
        for (int i = 0; i < 5; i++) {
            Browser browser = curfew.browser(Map.of("X-Forwarded-For", freshAddress()));
            HttpResponse<String> page = browser.get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams("web")));
            assertThat(browser.submitLogin(page, "dora", WRONG).statusCode()).isEqualTo(401);
            curfew.clock().advance(Duration.ofSeconds(2));
        }
        fail(realm, cli, "dora", 5, Duration.ofSeconds(2));

        Browser browser = curfew.browser(Map.of("X-Forwarded-For", freshAddress()));
        HttpResponse<String> page = browser.get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams("web")));
        HttpResponse<String> response = browser.submitLogin(page, "dora", TestRealm.PASSWORD);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("Invalid username or password.");
    }

    @Test
    @DisplayName("two failures within a second lock the account for a minute (quickLoginCheckMilliSeconds)")
    void quickFailuresLockForAMinute() {
        TestRealm realm = realm(BruteForceSettings.DEFAULTS);
        ConfidentialClient cli = realm.confidentialClient("cli", b -> b.directAccessGrants(true));
        realm.user("erin");

        fail(realm, cli, "erin", 1, Duration.ofMillis(300));
        fail(realm, cli, "erin", 1, Duration.ZERO);

        assertInvalidGrant(grant(realm, cli, "erin", TestRealm.PASSWORD, freshAddress()));
        curfew.clock().advance(Duration.ofSeconds(60));
        assertThat(grant(realm, cli, "erin", TestRealm.PASSWORD, freshAddress()).statusCode())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("a successful sign-in forgets the failures before it")
    void successForgetsEarlierFailures() {
        TestRealm realm = realm(BruteForceSettings.DEFAULTS);
        ConfidentialClient cli = realm.confidentialClient("cli", b -> b.directAccessGrants(true));
        User frank = realm.user("frank");

        fail(realm, cli, "frank", 9, Duration.ofSeconds(2));
        assertThat(grant(realm, cli, "frank", TestRealm.PASSWORD, freshAddress())
                        .statusCode())
                .isEqualTo(200);
        assertThat(curfew.services().store().loginFailures().find(frank.id())).isEmpty();
        fail(realm, cli, "frank", 9, Duration.ofSeconds(2));

        assertThat(grant(realm, cli, "frank", TestRealm.PASSWORD, freshAddress())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("a failure more than maxDeltaTimeSeconds after the previous one starts the count again")
    void oldFailuresAreForgotten() {
        TestRealm realm = realm(BruteForceSettings.DEFAULTS);
        ConfidentialClient cli = realm.confidentialClient("cli", b -> b.directAccessGrants(true));
        realm.user("gina");

        fail(realm, cli, "gina", 9, Duration.ofSeconds(2));
        curfew.clock().advance(Duration.ofHours(12).plusSeconds(1));
        fail(realm, cli, "gina", 1, Duration.ofSeconds(2));

        assertThat(grant(realm, cli, "gina", TestRealm.PASSWORD, freshAddress()).statusCode())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("with the realm's protection off, failures neither count nor lock")
    void protectionOffCountsNothing() {
        TestRealm realm = realm(BruteForceSettings.DEFAULTS.withEnabled(false));
        ConfidentialClient cli = realm.confidentialClient("cli", b -> b.directAccessGrants(true));
        User hank = realm.user("hank");
        String ip = freshAddress();

        for (int i = 0; i < 40; i++) {
            assertInvalidGrant(grant(realm, cli, "hank", WRONG, ip));
        }

        assertThat(grant(realm, cli, "hank", TestRealm.PASSWORD, ip).statusCode())
                .isEqualTo(200);
        assertThat(curfew.services().store().loginFailures().find(hank.id())).isEmpty();
    }

    @Test
    @DisplayName("a lock is audited: by Curfew itself, with the user, the failures, the end and the address")
    void aLockIsAudited() {
        TestRealm realm = realm(BruteForceSettings.DEFAULTS);
        ConfidentialClient cli = realm.confidentialClient("cli", b -> b.directAccessGrants(true));
        User ivan = realm.user("ivan");
        fail(realm, cli, "ivan", 9, Duration.ofSeconds(2));
        String ip = freshAddress();
        var lockedAt = curfew.clock().instant();

        grant(realm, cli, "ivan", WRONG, ip);

        JsonNode entries = audit(realm, BruteForceProtection.LOCKED);
        assertThat(entries).hasSize(1);
        JsonNode entry = entries.get(0);
        assertThat(entry.at("/actor/username").asText()).isEqualTo("(system)");
        assertThat(entry.get("privilege").asText()).isEqualTo("SYSTEM");
        assertThat(entry.get("sourceIp").asText()).isEqualTo(ip);
        assertThat(entry.get("reason").asText()).isEqualTo("10 failed sign-ins in a row: locked for 1 minute");
        assertThat(entry.at("/detail/userId").asText()).isEqualTo(ivan.id());
        assertThat(entry.at("/detail/username").asText()).isEqualTo("ivan");
        assertThat(entry.at("/detail/failures").asInt()).isEqualTo(10);
        assertThat(entry.at("/detail/seconds").asLong()).isEqualTo(60);
        assertThat(entry.at("/detail/lockedUntil").asText())
                .isEqualTo(lockedAt.plusSeconds(60).toString());
    }

    @Test
    @DisplayName("permanentLockout: ten failures disable the user, audited; enabling them again lets them in")
    void permanentLockoutDisablesTheUser() {
        TestRealm realm = realm(BruteForceSettings.DEFAULTS.withPermanentLockout(true));
        ConfidentialClient cli = realm.confidentialClient("cli", b -> b.directAccessGrants(true));
        User judy = realm.user("judy");

        fail(realm, cli, "judy", 10, Duration.ofSeconds(2));
        curfew.clock().advance(Duration.ofHours(1));

        assertInvalidGrant(grant(realm, cli, "judy", TestRealm.PASSWORD, freshAddress()));
        assertThat(curfew.services().store().users().findById(realm.realm().id(), judy.id()))
                .hasValueSatisfying(u -> assertThat(u.enabled()).isFalse());
        assertThat(audit(realm, BruteForceProtection.DISABLED)).hasSize(1);

        HttpResponse<String> enabled = curfew.putJson(
                "/admin/realms/" + realm.name() + "/users/" + judy.id(),
                Map.of("enabled", true),
                TestCurfew.bearer(curfew.adminToken()));
        assertThat(enabled.statusCode()).isEqualTo(204);
        assertThat(grant(realm, cli, "judy", TestRealm.PASSWORD, freshAddress()).statusCode())
                .isEqualTo(200);
        assertThat(audit(realm, BruteForceProtection.CLEARED)).hasSize(1);
    }

    @Test
    @DisplayName("an address with 30 failures across accounts is refused, 429 with Retry-After, whatever the password")
    void anAddressWithManyFailuresIsThrottled() {
        TestRealm realm = realm(BruteForceSettings.DEFAULTS);
        ConfidentialClient cli = realm.confidentialClient("cli", b -> b.directAccessGrants(true));
        realm.confidentialClient("web");
        realm.user("kate");
        String attacker = freshAddress();
        for (int i = 0; i < 30; i++) {
            assertInvalidGrant(grant(realm, cli, "nobody-" + i, WRONG, attacker));
        }

        HttpResponse<String> refused = grant(realm, cli, "kate", TestRealm.PASSWORD, attacker);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(TestCurfew.json(refused).get("error").asText()).isEqualTo("temporarily_unavailable");
        assertThat(refused.headers().firstValue("Retry-After")).contains("20");

        Browser browser = curfew.browser(Map.of("X-Forwarded-For", attacker));
        HttpResponse<String> page = browser.get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams("web")));
        HttpResponse<String> form = browser.submitLogin(page, "kate", TestRealm.PASSWORD);
        assertThat(form.statusCode()).isEqualTo(429);
        assertThat(form.headers().firstValue("Retry-After")).contains("20");
        assertThat(form.body()).contains("Too many failed sign-ins from your network. Try again in 20 seconds.");

        assertThat(grant(realm, cli, "kate", TestRealm.PASSWORD, freshAddress()).statusCode())
                .as("another address")
                .isEqualTo(200);
        curfew.clock().advance(Duration.ofSeconds(20));
        assertThat(grant(realm, cli, "kate", TestRealm.PASSWORD, attacker).statusCode())
                .as("one failure's worth drained")
                .isEqualTo(200);
    }
}
