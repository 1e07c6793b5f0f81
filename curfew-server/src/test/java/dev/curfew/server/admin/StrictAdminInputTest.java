package dev.curfew.server.admin;

import static dev.curfew.server.admin.AdminApi.invalidFields;
import static dev.curfew.server.admin.AdminApi.json;
import static dev.curfew.server.admin.AdminApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.server.testing.TestCurfew;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Malformed admin input is a 400 problem naming what is wrong — never a 500, never quietly changed into something
 * that was not sent — and changes nothing.
 */
@DisplayName("Strict admin input: malformed requests are refused with a problem and change nothing")
class StrictAdminInputTest {
    static TestCurfew curfew;
    static AdminApi api;
    static String realm;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        api = new AdminApi(curfew);
        realm = api.newRealm();
        api.createUser(realm, "alice");
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    private static String signOut(String filter) {
        return "{\"scope\":{\"type\":\"filter\",\"filter\":" + filter + "},\"reason\":\"x\"}";
    }

    @Test
    @DisplayName(
            "null in a sign-out filter's authMethods, withoutAuthMethods or userIds was a 500; now a 400 naming it")
    void nullInsideFilterListsWasAServerError() {
        String path = "/admin/realms/" + realm + "/sign-outs";
        assertThat(invalidFields(api.post(path, signOut("{\"authMethods\":[\"pwd\",null]}"))))
                .containsExactly("scope.filter.authMethods[1]");
        assertThat(invalidFields(api.post(path, signOut("{\"withoutAuthMethods\":[null]}"))))
                .containsExactly("scope.filter.withoutAuthMethods[0]");
        assertThat(invalidFields(api.post(path, signOut("{\"userIds\":[null]}"))))
                .containsExactly("scope.filter.userIds[0]");
        assertThat(invalidFields(
                        api.post(path, "{\"scope\":{\"type\":\"session\",\"sessionIds\":[null]},\"reason\":\"x\"}")))
                .containsExactly("scope.sessionIds[0]");
        assertNothingSignedOut();
    }

    @Test
    @DisplayName("an instant past what epoch milliseconds hold was a 500 in the session search, sign-out filters and"
            + " the audit log; now a 400 naming the parameter")
    void outOfRangeInstantsWereAServerError() {
        String far = "%2B1000000000-01-01T00:00:00Z";
        assertThat(invalidFields(api.get("/admin/realms/" + realm + "/sessions?createdBefore=" + far)))
                .containsExactly("createdBefore");
        assertThat(invalidFields(
                        api.get("/admin/realms/" + realm + "/sessions?lastActiveBefore=-999999999-01-01T00:00:00Z")))
                .containsExactly("lastActiveBefore");
        assertThat(invalidFields(api.get("/admin/realms/" + realm + "/audit?from=" + far + "&to=" + far)))
                .containsExactly("from", "to");
        assertThat(invalidFields(api.post(
                        "/admin/realms/" + realm + "/sign-outs",
                        signOut("{\"createdAfter\":\"+1000000000-12-31T23:59:59Z\"}"))))
                .containsExactly("scope.filter.createdAfter");
        assertThat(invalidFields(api.post(
                        "/admin/realms/" + realm + "/sign-outs",
                        signOut("{\"createdBefore\":\"9223372036854775807\"}"))))
                .containsExactly("scope.filter.createdBefore");
        assertNothingSignedOut();
    }

    @Test
    @DisplayName("a filter naming 60,000 authentication methods was a 500 (more bind parameters than the database"
            + " takes); filters and session scopes now name at most 50 methods, 1,000 users or 1,000 sessions")
    void longListsInFiltersWereAServerError() {
        String path = "/admin/realms/" + realm + "/sign-outs";
        List<String> methods = IntStream.range(0, 60_000).mapToObj(i -> "m" + i).toList();
        Map<String, Object> dryRun = Map.of(
                "scope",
                Map.of("type", "filter", "filter", Map.of("authMethods", methods)),
                "reason",
                "x",
                "dryRun",
                true);
        assertThat(invalidFields(api.post(path, dryRun))).containsExactly("scope.filter.authMethods");
        assertThat(invalidFields(api.post(
                        path,
                        Map.of(
                                "scope",
                                Map.of(
                                        "type",
                                        "filter",
                                        "filter",
                                        Map.of("withoutAuthMethods", methods.subList(0, 51))),
                                "reason",
                                "x"))))
                .containsExactly("scope.filter.withoutAuthMethods");
        List<String> ids = IntStream.range(0, 1001).mapToObj(i -> "id-" + i).toList();
        assertThat(invalidFields(api.post(
                        path,
                        Map.of("scope", Map.of("type", "filter", "filter", Map.of("userIds", ids)), "reason", "x"))))
                .containsExactly("scope.filter.userIds");
        assertThat(invalidFields(
                        api.post(path, Map.of("scope", Map.of("type", "session", "sessionIds", ids), "reason", "x"))))
                .containsExactly("scope.sessionIds");
        assertNothingSignedOut();
    }

    @Test
    @DisplayName("a body with data after its JSON value was accepted; now a 400")
    void trailingDataWasAccepted() {
        problem(api.post("/admin/realms", "{\"realm\":\"trailing-a\"} garbage"), 400);
        problem(api.post("/admin/realms", "{\"realm\":\"trailing-b\"} {}"), 400);
        problem(api.post("/admin/realms", "{\"realm\":\"trailing-c\"}]"), 400);
        assertNoRealm("trailing-a", "trailing-b", "trailing-c");
    }

    @Test
    @DisplayName("duplicate member names were accepted, the last one winning; now a 400")
    void duplicateKeysWereAccepted() {
        problem(api.post("/admin/realms", "{\"realm\":\"dup-a\",\"realm\":\"dup-b\"}"), 400);
        problem(
                api.put(
                        "/admin/realms/" + realm,
                        "{\"accessTokenLifespan\":120,\"displayName\":\"x\",\"accessTokenLifespan\":60}"),
                400);
        assertNoRealm("dup-a", "dup-b");
        assertThat(json(api.get("/admin/realms/" + realm))
                        .get("accessTokenLifespan")
                        .asInt())
                .isEqualTo(300);
    }

    @Test
    @DisplayName("1.5 for a whole-number field was stored as 1; now a 400 naming the field")
    void fractionsWereTruncated() {
        assertThat(invalidFields(api.post("/admin/realms", "{\"realm\":\"fraction\",\"accessTokenLifespan\":150.5}")))
                .containsExactly("accessTokenLifespan");
        assertThat(invalidFields(api.put("/admin/realms/" + realm, "{\"ssoSessionIdleTimeout\":900.0}")))
                .containsExactly("ssoSessionIdleTimeout");
        assertNoRealm("fraction");
        assertThat(json(api.get("/admin/realms/" + realm))
                        .get("ssoSessionIdleTimeout")
                        .asInt())
                .isEqualTo(1800);
    }

    @Test
    @DisplayName("U+0000 or an unpaired surrogate in a string was stored (and fails on PostgreSQL); now a 400 naming"
            + " the field")
    void nulAndLoneSurrogatesWereStored() {
        assertThat(invalidFields(api.post("/admin/realms", "{\"realm\":\"nul\",\"displayName\":\"a\\u0000b\"}")))
                .containsExactly("displayName");
        assertThat(invalidFields(api.post(
                        "/admin/realms/" + realm + "/users",
                        "{\"username\":\"bob\",\"credentials\":[{\"value\":\"correct horse \\ud800 staple\"}]}")))
                .containsExactly("credentials[0].value");
        assertThat(invalidFields(api.get("/admin/realms/" + realm + "/users?search=a%00b")))
                .containsExactly("search");
        assertNoRealm("nul");
        assertThat(json(api.get("/admin/realms/" + realm + "/users?username=bob")))
                .isEmpty();
    }

    @Test
    @DisplayName("an access.token.lifespan past 2^31 seconds was stored, and every token request of the client was a"
            + " 500; now a 400 naming the attribute")
    void hugeClientTokenLifespanBrokeTheClient() {
        for (String seconds : List.of("9223372036854775807", "2147483648")) {
            assertThat(invalidFields(api.post(
                            "/admin/realms/" + realm + "/clients",
                            Map.of(
                                    "clientId",
                                    "long-lived-" + seconds,
                                    "publicClient",
                                    true,
                                    "attributes",
                                    Map.of("access.token.lifespan", seconds)))))
                    .containsExactly("attributes.access.token.lifespan");
        }
        assertThat(json(api.get("/admin/realms/" + realm + "/clients?clientId=long-lived-2147483648")))
                .isEmpty();
    }

    @Test
    @DisplayName("a body in a character set Java does not know was a 500; now a 415 problem")
    void unknownCharsetWasAServerError() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(curfew.baseUrl() + "/admin/realms"))
                .header("Content-Type", "application/json; charset=no-such-charset")
                .header("Authorization", "Bearer " + api.adminToken())
                .POST(HttpRequest.BodyPublishers.ofString("{\"realm\":\"charset\"}")));
        problem(response, 415);
        assertNoRealm("charset");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return curfew.http()
                    .send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertNoRealm(String... names) {
        List<String> realms = json(api.get("/admin/realms")).findValuesAsText("realm");
        assertThat(realms).doesNotContain(names);
    }

    private static void assertNothingSignedOut() {
        assertThat(json(api.get("/admin/realms/" + realm + "/sign-outs"))
                        .get("total")
                        .asInt())
                .isZero();
        assertThat(json(api.get("/admin/realms/" + realm + "/audit"))
                        .get("total")
                        .asInt())
                .isZero();
    }
}
