package dev.curfew.server.signout;

import static dev.curfew.server.testing.SignOutApi.filterScope;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.user.User;
import dev.curfew.engine.bruteforce.SignInAttempt;
import dev.curfew.engine.session.SessionService;
import dev.curfew.server.testing.Browser;
import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The server trusts {@code X-Forwarded-For} here ({@code proxy-headers}), so each browser can come from an
 * address of its own; sessions take their address and user agent from the login request.
 */
@DisplayName("A filter sign-out ends exactly the sessions matching every condition, and none created after it began")
class FilterSignOutTest {
    static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";
    static final String CHROME =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/140.0 Safari/537.36";

    static TestCurfew curfew;
    static SignOutApi api;

    TestRealm realm;
    ConfidentialClient web;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start(Map.of("proxy-headers", "true"));
        api = new SignOutApi(curfew);
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @BeforeEach
    void realm() {
        realm = TestRealm.create(curfew);
        web = realm.confidentialClient("web");
        realm.user("alice");
        realm.user("bob");
    }

    static void tick() {
        curfew.clock().advance(Duration.ofSeconds(1));
    }

    SignedIn login(String username, String ip, String userAgent) {
        Browser browser = curfew.browser(Map.of("X-Forwarded-For", ip, "User-Agent", userAgent));
        return SignedIn.login(browser, realm, web, username).assertWorks(username + " from " + ip + " before");
    }

    JsonNode signOut(Map<String, Object> filter) {
        tick();
        JsonNode done = api.signOut(realm.name(), filterScope(filter), "filter test");
        tick();
        assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
        return done;
    }

    @Test
    @DisplayName("ip: a v4 CIDR range matches addresses inside it only; the session search agrees")
    void ipRange() {
        SignedIn inside = login("alice", "10.1.2.3", FIREFOX);
        SignedIn outside = login("alice", "192.168.1.5", FIREFOX);
        assertThat(api.sessions(realm.name(), "ip=10.0.0.0/8").get("total").asLong())
                .isEqualTo(1);

        JsonNode done = signOut(Map.of("ip", "10.0.0.0/8"));

        assertThat(done.get("affectedSessions").asLong()).isEqualTo(1);
        inside.assertSignedOut("10.1.2.3");
        outside.assertWorks("192.168.1.5");
    }

    @Test
    @DisplayName("ip: a single address matches that address only")
    void singleAddress() {
        SignedIn exact = login("alice", "192.168.1.5", FIREFOX);
        SignedIn neighbour = login("alice", "192.168.1.6", FIREFOX);

        signOut(Map.of("ip", "192.168.1.5"));

        exact.assertSignedOut("192.168.1.5");
        neighbour.assertWorks("192.168.1.6");
    }

    @Test
    @DisplayName("userAgent: case-insensitive text in the user agent")
    void userAgent() {
        SignedIn firefox = login("alice", "10.0.0.1", FIREFOX);
        SignedIn chrome = login("alice", "10.0.0.1", CHROME);

        JsonNode done = signOut(Map.of("userAgent", "firefox"));

        assertThat(done.get("affectedSessions").asLong()).isEqualTo(1);
        firefox.assertSignedOut("Firefox");
        chrome.assertWorks("Chrome");
    }

    @Test
    @DisplayName("createdBefore and createdAfter split sessions by their creation time")
    void createdBeforeAndAfter() {
        Instant t0 = curfew.clock().instant();
        SignedIn old1 = login("alice", "10.0.0.1", FIREFOX);
        SignedIn old2 = login("bob", "10.0.0.1", FIREFOX);
        curfew.clock().advance(Duration.ofSeconds(10));
        SignedIn new1 = login("alice", "10.0.0.1", FIREFOX);
        SignedIn new2 = login("bob", "10.0.0.1", FIREFOX);
        Instant middle = t0.plusSeconds(5);

        signOut(Map.of("createdBefore", middle.toString(), "userIds", List.of(old1.userId())));
        old1.assertSignedOut("alice's old session, created before");
        new1.assertWorks("alice's new session");
        old2.assertWorks("bob's old session: not in userIds");

        signOut(Map.of("createdAfter", middle.toString()));
        new1.assertSignedOut("alice's new session, created after");
        new2.assertSignedOut("bob's new session, created after");
        old2.assertWorks("bob's old session");
    }

    @Test
    @DisplayName("lastActiveBefore matches sessions idle since before that time")
    void lastActiveBefore() {
        SignedIn idle = login("alice", "10.0.0.1", FIREFOX);
        SignedIn busy = login("alice", "10.0.0.1", FIREFOX);
        Instant t0 = curfew.clock().instant();
        curfew.clock().advance(Duration.ofSeconds(30));
        assertThat(busy.refresh().statusCode()).isEqualTo(200);

        JsonNode done = signOut(Map.of("lastActiveBefore", t0.plusSeconds(10).toString()));

        assertThat(done.get("affectedSessions").asLong()).isEqualTo(1);
        idle.assertSignedOut("idle session");
        busy.assertWorks("session used since");
    }

    @Test
    @DisplayName("authMethods present and absent (pwd, otp)")
    void authMethods() {
        SignedIn passwordOnly = login("alice", "10.0.0.1", FIREFOX);
        SignedIn withOtp = startedWith("bob", Set.of("pwd", "otp"));

        JsonNode none = signOut(Map.of("authMethods", List.of("pwd"), "withoutAuthMethods", List.of("pwd")));
        assertThat(none.get("affectedSessions").asLong()).isZero();
        passwordOnly.assertWorks("password-only, after a filter matching nothing");
        withOtp.assertWorks("with otp, after a filter matching nothing");

        JsonNode withoutOtp = signOut(Map.of("withoutAuthMethods", List.of("otp")));
        assertThat(withoutOtp.get("affectedSessions").asLong()).isEqualTo(1);
        passwordOnly.assertSignedOut("password-only session (no otp)");
        withOtp.assertWorks("session with otp");

        JsonNode otp = signOut(Map.of("authMethods", List.of("otp")));
        assertThat(otp.get("affectedSessions").asLong()).isEqualTo(1);
        withOtp.assertSignedOut("session with otp");
    }

    @Test
    @DisplayName("a combination matches only sessions meeting every condition")
    void combination() {
        SignedIn match = login("alice", "10.9.9.9", FIREFOX);
        SignedIn otherAddress = login("alice", "192.168.0.9", FIREFOX);
        SignedIn otherAgent = login("alice", "10.9.9.9", CHROME);
        SignedIn otherUser = login("bob", "10.9.9.9", FIREFOX);
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("userIds", List.of(match.userId()));
        filter.put("clientId", "web");
        filter.put("ip", "10.0.0.0/8");
        filter.put("userAgent", "Firefox");
        filter.put("authMethods", List.of("pwd"));
        filter.put("createdAfter", curfew.clock().instant().minusSeconds(60).toString());

        JsonNode done = signOut(filter);

        assertThat(done.get("affectedSessions").asLong()).isEqualTo(1);
        match.assertSignedOut("alice, 10.x, Firefox");
        otherAddress.assertWorks("alice from 192.168.x");
        otherAgent.assertWorks("alice with Chrome");
        otherUser.assertWorks("bob");
    }

    @Test
    @DisplayName(
            "sessions created after the sign-out began are never harmed, even when the filter's times reach past it")
    void sessionsCreatedAfterAreNeverHarmed() {
        SignedIn before = login("alice", "10.0.0.1", FIREFOX);
        Instant future = curfew.clock().instant().plus(Duration.ofHours(1));

        signOut(Map.of("ip", "10.0.0.0/8", "createdBefore", future.toString()));
        SignedIn after = login("alice", "10.0.0.1", FIREFOX);
        tick();

        before.assertSignedOut("session from before the sign-out");
        after.assertWorks("session created after the sign-out, inside the filter's createdBefore");
    }

    /** A session with the given authentication methods, started through the services and adopted by a browser. */
    SignedIn startedWith(String username, Set<String> methods) {
        User user = curfew.services()
                .store()
                .users()
                .findByUsername(realm.realm().id(), username)
                .orElseThrow();
        SessionService.Started started = curfew.services()
                .sessions()
                .start(
                        realm.realm(),
                        user,
                        "no-client",
                        new SignInAttempt("10.0.0.2", "test"),
                        FIREFOX,
                        methods,
                        realm.issuer());
        Browser browser = curfew.browser();
        browser.adoptSession(realm.name(), started.cookieSecret());
        return SignedIn.viaSso(browser, realm, web).assertWorks(username + " with " + methods + " before");
    }
}
