package dev.curfew.server.console;

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

    /** Opens {@code /admin}, signs in on Curfew's login page, and waits for the console. */
    static void consoleLogin(Chrome chrome, TestCurfew curfew, String username, String password) {
        chrome.open(curfew.baseUrl() + "/admin");
        chrome.waitFor("#password");
        chrome.fill("#username", username);
        chrome.fill("#password", password);
        chrome.find("#sign-in").click();
        chrome.waitFor("#console-sign-out");
    }

    /** A master-realm administrator holding exactly {@code grants} ("PRIVILEGE@realm"), with a password. */
    static void newAdmin(TestCurfew curfew, String username, String password, String... grants) {
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
