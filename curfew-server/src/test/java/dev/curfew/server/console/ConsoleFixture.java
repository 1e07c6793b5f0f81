package dev.curfew.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.server.testing.Chrome;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A realm with users, two clients and sessions spread over the last day, and the steps every console
 * test takes: signing in through the console's own login, and calling the admin API to check what the
 * console did.
 */
final class ConsoleFixture {
    final TestCurfew curfew;
    final TestRealm realm;
    final ConfidentialClient shop;
    final ConfidentialClient billing;
    /** A page of Curfew's that stands in for the application the user's browser returns to. */
    final String appUrl;

    private ConsoleFixture(TestCurfew curfew) {
        this.curfew = curfew;
        // Sessions a day old must still be valid for the 24-hour chart.
        this.realm = TestRealm.create(
                curfew,
                new RealmSettings(
                        Duration.ofMinutes(5),
                        Duration.ofHours(26),
                        Duration.ofHours(48),
                        Duration.ofSeconds(60),
                        "RS256"));
        this.appUrl = curfew.baseUrl() + realm.discoveryPath();
        this.shop = realm.confidentialClient(
                "shop-web", b -> b.name("Shop").redirectUris(List.of(TestRealm.REDIRECT_URI, appUrl)));
        this.billing = realm.confidentialClient("billing-api", b -> b.name("Billing"));
    }

    static ConsoleFixture create(TestCurfew curfew) {
        return new ConsoleFixture(curfew);
    }

    /** A user with sessions started {@code hoursAgo} (one each), through the real login and code flow. */
    void userWithSessions(String username, ConfidentialClient client, int... hoursAgo) {
        realm.user(username);
        for (int h : hoursAgo) {
            sessionAt(username, client, h);
        }
    }

    void sessionAt(String username, ConfidentialClient client, int hoursAgo) {
        Instant now = curfew.clock().instant();
        curfew.clock().set(now.minus(Duration.ofHours(hoursAgo)));
        try {
            OidcFlow.signIn(curfew.browser(), realm, client, username);
        } finally {
            curfew.clock().set(now);
        }
    }

    /** The authorization request of the shop application, which comes back to {@link #appUrl}. */
    String shopLoginUrl() {
        Map<String, String> params = new LinkedHashMap<>(OidcFlow.authParams(shop.clientId()));
        params.put("redirect_uri", appUrl);
        return curfew.baseUrl() + realm.authPath() + "?" + TestCurfew.formBody(params);
    }

    /** The widths every console page is checked and photographed at: a laptop, a tablet, a phone. */
    static final List<Integer> WIDTHS = List.of(1366, 768, 390);

    /**
     * Screenshots of the current page at each of {@link #WIDTHS} ({@code target/screenshots/<name>-<width>.png}),
     * after checking, at each, what an administrator would notice first: the page does not scroll sideways,
     * and the header's "Sign out" button is whole on the screen.
     */
    static void screenshots(Chrome chrome, String name) {
        for (int width : WIDTHS) {
            chrome.viewport(width);
            try {
                assertFits(chrome, name, width);
            } finally {
                chrome.resetViewport();
            }
            chrome.screenshotAt(name, width);
        }
    }

    /** The page, laid out {@code width} pixels wide, neither scrolls sideways nor clips "Sign out". */
    static void assertFits(Chrome chrome, String page, int width) {
        Number overflow = (Number)
                chrome.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow.intValue())
                .as("%s at %d px: pixels the page is wider than the screen", page, width)
                .isLessThanOrEqualTo(0);
        if (chrome.has("#console-sign-out")) {
            @SuppressWarnings("unchecked")
            List<Number> box = (List<Number>) chrome.script("""
                    const r = document.getElementById('console-sign-out').getBoundingClientRect();
                    return [r.left, r.right, document.documentElement.clientWidth];
                    """);
            assertThat(box.get(0).doubleValue())
                    .as("%s at %d px: left edge of Sign out", page, width)
                    .isGreaterThanOrEqualTo(0);
            assertThat(box.get(1).doubleValue())
                    .as("%s at %d px: right edge of Sign out", page, width)
                    .isLessThanOrEqualTo(box.get(2).doubleValue());
        }
    }

    /** Opens {@code /admin}, signs in on Curfew's login page, and waits for the console. */
    static void consoleLogin(Chrome chrome, TestCurfew curfew, String username, String password) {
        chrome.open(curfew.baseUrl() + "/admin");
        chrome.waitFor("#password");
        chrome.fill("#username", username);
        chrome.fill("#password", password);
        chrome.find("#sign-in").click();
        chrome.waitFor("#console-sign-out");
    }

    /**
     * Submits a form the console did not show, from the page open in {@code chrome} and with that session's own
     * CSRF token (from the header's sign-out form): what a curious administrator, or a script, could send.
     */
    static void forgePost(Chrome chrome, String path, Map<String, String> fields) {
        chrome.script("""
                const form = document.createElement('form');
                form.method = 'post';
                form.action = arguments[0];
                const fields = Object.assign({csrf: document.querySelector('input[name=csrf]').value}, arguments[1]);
                for (const [name, value] of Object.entries(fields)) {
                  const input = document.createElement('input');
                  input.type = 'hidden'; input.name = name; input.value = value;
                  form.appendChild(input);
                }
                document.body.appendChild(form);
                form.submit();
                """, path, fields);
    }

    /**
     * A master-realm administrator holding exactly {@code grants} ("PRIVILEGE@realm"), with a password.
     *
     * @return their user id
     */
    static String newAdmin(TestCurfew curfew, String username, String password, String... grants) {
        String token = curfew.adminToken();
        var created = curfew.postJson(
                "/admin/realms/master/users",
                Map.of(
                        "username",
                        username,
                        "enabled",
                        true,
                        "credentials",
                        List.of(Map.of("type", "password", "value", password))),
                TestCurfew.bearer(token));
        String id = TestCurfew.json(expect(created, 201)).get("id").asText();
        List<Map<String, String>> body = new ArrayList<>();
        for (String grant : grants) {
            String[] parts = grant.split("@", 2);
            body.add(Map.of("privilege", parts[0], "realm", parts[1]));
        }
        expect(curfew.putJson("/admin/realms/master/users/" + id + "/privileges", body, TestCurfew.bearer(token)), 200);
        return id;
    }

    /** The user's sessions as the admin API lists them. */
    JsonNode sessionsOf(String userId) {
        return TestCurfew.json(expect(
                curfew.get(
                        "/admin/realms/" + realm.name() + "/users/" + userId + "/sessions",
                        TestCurfew.bearer(curfew.adminToken())),
                200));
    }

    /** A request with the browser's console cookie, outside the browser (to see headers and status). */
    HttpResponse<String> withConsoleCookie(Chrome chrome, HttpRequest.Builder request) {
        String cookie =
                chrome.driver().manage().getCookieNamed("CURFEW_CONSOLE").getValue();
        try {
            return curfew.http()
                    .send(
                            request.header("Cookie", "CURFEW_CONSOLE=" + cookie).build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create(curfew.baseUrl() + path);
    }

    String consolePath(String suffix) {
        return "/admin/console/realms/" + realm.name() + suffix;
    }

    static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(
                    "expected " + status + ": " + response.statusCode() + " " + response.body());
        }
        return response;
    }
}
