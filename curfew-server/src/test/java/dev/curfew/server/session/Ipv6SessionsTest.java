package dev.curfew.server.session;

import static dev.curfew.server.testing.SignOutApi.filterScope;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A server bound on the IPv6 loopback address: its clients come from {@code ::1}. */
@DisplayName("IPv6 sessions: stored as RFC 5952 text and found by IP and CIDR filters")
class Ipv6SessionsTest {
    static TestCurfew curfew;
    static SignOutApi api;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start(Map.of("http-host", "::1"));
        api = new SignOutApi(curfew);
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    @DisplayName("regression: a session from ::1 was stored as [0:0:0:0:0:0:0:1] and no ip filter found it")
    void sessionFromIpv6LoopbackIsFoundByItsAddress() {
        TestRealm realm = TestRealm.create(curfew);
        ConfidentialClient web = realm.confidentialClient("web");
        realm.user("alice");
        SignedIn alice = SignedIn.login(realm, web, "alice");

        JsonNode all = api.sessions(realm.name(), "");
        assertThat(all.get("sessions").get(0).get("ipAddress").asText()).isEqualTo("::1");
        for (String matching : new String[] {"::1", "::1/128", "::/0", "0:0:0:0:0:0:0:1"}) {
            assertThat(count(realm, matching)).as("ip=%s", matching).isEqualTo(1);
        }
        for (String other : new String[] {"127.0.0.1", "127.0.0.0/8", "::2", "2001:db8::/32"}) {
            assertThat(count(realm, other)).as("ip=%s", other).isZero();
        }

        // A filter sign-out ends the sessions created before it began: let the test clock move on.
        curfew.clock().advance(Duration.ofSeconds(1));
        JsonNode signOut = api.signOut(realm.name(), filterScope(Map.of("ip", "::1/128")), "IPv6 loopback");
        api.awaitCompleted(realm.name(), signOut.get("id").asText());
        assertThat(api.get("/admin/realms/" + realm.name() + "/sign-outs/"
                                + signOut.get("id").asText())
                        .get("affectedSessions")
                        .asLong())
                .isEqualTo(1);
        alice.assertSignedOut("alice after the IPv6 filter sign-out");
    }

    @Test
    @DisplayName("an address from a trusted X-Forwarded-For is stored canonically too, whatever the proxy's spelling")
    void forwardedAddressesAreStoredCanonically() {
        try (TestCurfew proxied = TestCurfew.start(Map.of("proxy-headers", "true"))) {
            TestRealm realm = TestRealm.create(proxied);
            ConfidentialClient web = realm.confidentialClient("web");
            realm.user("bob");
            realm.user("carol");
            SignedIn.login(proxied.browser(Map.of("X-Forwarded-For", "[2001:DB8:0:0:0:0:0:7]:443")), realm, web, "bob");
            SignedIn.login(
                    proxied.browser(Map.of("X-Forwarded-For", "::ffff:198.51.100.9, 10.0.0.1")), realm, web, "carol");

            SignOutApi admin = new SignOutApi(proxied);
            assertThat(admin.sessions(realm.name(), "ip=2001%3Adb8%3A%3A%2F32").get("sessions"))
                    .singleElement()
                    .satisfies(s -> assertThat(s.get("ipAddress").asText()).isEqualTo("2001:db8::7"));
            assertThat(admin.sessions(realm.name(), "ip=198.51.100.0%2F24").get("sessions"))
                    .singleElement()
                    .satisfies(s -> assertThat(s.get("ipAddress").asText()).isEqualTo("198.51.100.9"));
        }
    }

    private static long count(TestRealm realm, String ip) {
        return api.sessions(realm.name(), "ip=" + URLEncoder.encode(ip, StandardCharsets.UTF_8))
                .get("total")
                .asLong();
    }
}
