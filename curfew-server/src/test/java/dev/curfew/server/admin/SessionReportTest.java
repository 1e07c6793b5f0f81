package dev.curfew.server.admin;

import static dev.curfew.server.testing.SignOutApi.expect;
import static dev.curfew.server.testing.SignOutApi.invalidFields;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Admin API: the sessions report, every matching session as JSON or CSV, for audits and compliance")
class SessionReportTest {
    static TestCurfew curfew;
    static SignOutApi api;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        api = new SignOutApi(curfew);
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    private HttpResponse<String> report(TestRealm realm, String query, String token) {
        return curfew.get("/admin/realms/" + realm.name() + "/sessions/report?" + query, TestCurfew.bearer(token));
    }

    @Test
    @DisplayName("JSON and CSV list the same valid sessions, filtered; a hostile user agent cannot become a formula")
    void jsonAndCsv() {
        TestRealm realm = TestRealm.create(curfew);
        ConfidentialClient web = realm.confidentialClient("web");
        realm.user("alice");
        realm.user("bob");
        SignedIn.login(curfew.browser(Map.of("User-Agent", "=HYPERLINK(\"x\",\"a, b\")")), realm, web, "alice");
        SignedIn bob = SignedIn.login(realm, web, "bob");
        SignedIn.login(realm, web, "bob");
        curfew.clock().advance(Duration.ofSeconds(1));
        api.signOut(realm.name(), SignOutApi.sessionScope(bob.sid()), "ended before the report");

        JsonNode json = TestCurfew.json(expect(report(realm, "format=json", api.adminToken()), 200));
        assertThat(json.get("realm").asText()).isEqualTo(realm.name());
        assertThat(json.get("total").asInt()).isEqualTo(2);
        assertThat(json.get("sessions")).hasSize(2);

        HttpResponse<String> csv = expect(report(realm, "format=csv", api.adminToken()), 200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0))
                .isEqualTo("id,username,userId,ipAddress,start,lastAccess,clients,userAgent,authMethods");
        assertThat(csv.body()).contains(",\"'=HYPERLINK(\"\"x\"\",\"\"a, b\"\")\",");
        assertThat(csv.body()).doesNotContain(bob.sid());

        JsonNode onlyAlice = TestCurfew.json(expect(report(realm, "userAgent=HYPERLINK", api.adminToken()), 200));
        assertThat(onlyAlice.get("total").asInt()).isEqualTo(1);
        assertThat(onlyAlice.get("sessions").get(0).get("username").asText()).isEqualTo("alice");
    }

    @Test
    @DisplayName("an auditor may read it; a bad format or filter is a 400 naming the field")
    void privilegeAndValidation() {
        TestRealm realm = TestRealm.create(curfew);
        String auditor = api.tokenWith("AUDITOR@" + realm.name());

        expect(report(realm, "format=csv", auditor), 200);
        assertThat(invalidFields(report(realm, "format=xml", api.adminToken()))).containsExactly("format");
        assertThat(invalidFields(report(realm, "ip=not-an-ip", api.adminToken())))
                .containsExactly("ip");
    }
}
