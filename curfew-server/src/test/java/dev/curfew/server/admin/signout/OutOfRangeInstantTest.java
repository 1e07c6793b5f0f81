package dev.curfew.server.admin.signout;

import static dev.curfew.server.testing.SignOutApi.body;
import static dev.curfew.server.testing.SignOutApi.expect;
import static dev.curfew.server.testing.SignOutApi.filterScope;
import static dev.curfew.server.testing.SignOutApi.invalidFields;
import static dev.curfew.server.testing.SignOutApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("One bad filter stopped the server from starting: every instant the admin API takes is kept to 1970-9999")
class OutOfRangeInstantTest {
    /** Instants Java parses but epoch milliseconds cannot hold, or outside 1970-9999. */
    static final List<String> OUT_OF_RANGE = List.of(
            "-1000000000-01-01T00:00:00Z",
            "+1000000000-12-31T23:59:59Z",
            "+10000-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999Z",
            "253402300800000");

    static final List<String> FILTER_FIELDS = List.of("createdBefore", "createdAfter", "lastActiveBefore");

    static TestCurfew curfew;
    static SignOutApi api;
    static TestRealm realm;
    static SignedIn alice;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        api = new SignOutApi(curfew);
        realm = TestRealm.create(curfew);
        realm.user("alice");
        alice = SignedIn.login(realm, realm.confidentialClient("web"), "alice");
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    @DisplayName("a sign-out filter's times out of range: 400 naming the field, for the sign-out and its dry run;"
            + " nothing recorded, nobody signed out")
    void signOutFilterTimesOutOfRangeAreRefused() {
        for (String field : FILTER_FIELDS) {
            for (String value : OUT_OF_RANGE) {
                for (boolean dryRun : List.of(false, true)) {
                    HttpResponse<String> answer =
                            api.post(realm.name(), body(filterScope(Map.of(field, value)), "typo", "dryRun", dryRun));
                    assertThat(invalidFields(answer))
                            .as("%s = %s (dry run: %s): %s", field, value, dryRun, answer.body())
                            .containsExactly("scope.filter." + field);
                    assertThat(problem(answer, 400)
                                    .get("invalid-params")
                                    .get(0)
                                    .get("reason")
                                    .asText())
                            .contains("between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z");
                }
            }
        }
        curfew.clock().advance(Duration.ofSeconds(1));
        alice.assertWorks("alice after the refused sign-outs");
        assertThat(api.history(realm.name()).get("total").asLong()).isZero();
        assertThat(api.audit(realm.name()).get("total").asLong()).isZero();
    }

    @Test
    @DisplayName("the first and last millisecond of the range are accepted")
    void theBoundsAreAccepted() {
        for (String field : FILTER_FIELDS) {
            for (String value : List.of("1970-01-01T00:00:00Z", "0", "9999-12-31T23:59:59.999Z", "253402300799999")) {
                expect(api.post(realm.name(), body(filterScope(Map.of(field, value)), "bounds", "dryRun", true)), 200);
                expect(get("/sessions?" + field + "=" + encode(value)), 200);
            }
        }
        expect(get("/audit?from=1970-01-01T00:00:00Z&to=9999-12-31T23:59:59.999Z"), 200);
    }

    @Test
    @DisplayName("the session search's times out of range: 400 naming the query parameter")
    void sessionSearchTimesOutOfRangeAreRefused() {
        for (String field : FILTER_FIELDS) {
            for (String value : OUT_OF_RANGE) {
                assertThat(invalidFields(get("/sessions?" + field + "=" + encode(value))))
                        .as("%s = %s", field, value)
                        .containsExactly(field);
            }
        }
    }

    @Test
    @DisplayName("the audit log's from and to out of range: 400 naming each")
    void auditTimesOutOfRangeAreRefused() {
        for (String value : OUT_OF_RANGE) {
            if (value.chars().allMatch(Character::isDigit)) {
                continue; // the audit log takes ISO-8601 instants only: a number is refused as malformed
            }
            assertThat(invalidFields(get("/audit?from=" + encode(value) + "&to=" + encode(value))))
                    .as("from = to = %s", value)
                    .containsExactlyInAnyOrder("from", "to");
        }
        assertThat(invalidFields(get("/audit?from=253402300800000"))).containsExactly("from");
    }

    private static HttpResponse<String> get(String pathInRealm) {
        return curfew.get("/admin/realms/" + realm.name() + pathInRealm, TestCurfew.bearer(api.adminToken()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
