package dev.curfew.server.admin.playbooks;

import static dev.curfew.server.testing.SignOutApi.expect;
import static dev.curfew.server.testing.SignOutApi.invalidFields;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The high-risk-period playbook: a group's members signed out and given short-lived tokens until a time, after
 * which the realm's lifetimes apply again by themselves.
 */
@DisplayName("High-risk period: a group signed out, its members' tokens short-lived until an end, then restored")
class HighRiskPeriodTest {
    private static TestCurfew curfew;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    private static String[] admin() {
        return TestCurfew.bearer(curfew.adminToken());
    }

    private static long lifetime(String accessToken) throws Exception {
        JWTClaimsSet claims = OidcFlow.claims(accessToken);
        return (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000;
    }

    @Test
    @DisplayName("the members are signed out, sign in again to 60-second tokens and 120-second refresh tokens;"
            + " others keep the realm's; after the end, the realm's again; ending it early is audited")
    void shortLivedUntilTheEnd() throws Exception {
        TestRealm realm = TestRealm.create(curfew);
        ConfidentialClient web = realm.confidentialClient("web");
        String alice = realm.user("alice").id();
        realm.user("bob");
        String groups = "/admin/realms/" + realm.name() + "/groups";
        String finance = TestCurfew.json(expect(curfew.postJson(groups, Map.of("name", "Finance"), admin()), 201))
                .get("id")
                .asText();
        expect(
                curfew.putJson(
                        "/admin/realms/" + realm.name() + "/users/" + alice + "/groups/" + finance, Map.of(), admin()),
                204);
        SignedIn aliceBefore = SignedIn.login(realm, web, "alice");
        SignedIn bob = SignedIn.login(realm, web, "bob");
        curfew.clock().advance(Duration.ofSeconds(1));
        String until = curfew.clock().instant().plus(Duration.ofHours(2)).toString();

        HttpResponse<String> run = curfew.postJson(
                "/admin/realms/" + realm.name() + "/playbooks/high-risk-period",
                Map.of(
                        "reason",
                        "Phishing campaign against Finance",
                        "group",
                        "Finance",
                        "until",
                        until,
                        "accessTokenLifespan",
                        60,
                        "refreshTokenLifespan",
                        120),
                admin());

        JsonNode steps = TestCurfew.json(expect(run, 200)).get("steps");
        assertThat(steps.get(0).get("action").asText()).isEqualTo("shorten-token-lifetimes");
        assertThat(steps.get(1).get("action").asText()).isEqualTo("sign-out");
        aliceBefore.assertSignedOut("alice, in Finance");
        bob.assertWorks("bob, not in Finance");
        curfew.clock().advance(Duration.ofSeconds(1));

        SignedIn aliceAgain = SignedIn.login(realm, web, "alice");
        assertThat(lifetime(aliceAgain.accessToken())).isEqualTo(60);
        assertThat(lifetime(SignedIn.login(realm, web, "bob").accessToken())).isEqualTo(300);
        curfew.clock().advance(Duration.ofSeconds(121));
        assertThat(aliceAgain.refresh().statusCode())
                .as("alice's refresh token after 121 s")
                .isEqualTo(400);
        JsonNode lifetimes = TestCurfew.json(expect(curfew.get(groups + "/" + finance + "/lifetimes", admin()), 200));
        assertThat(lifetimes.get("active").asBoolean()).isTrue();
        assertThat(lifetimes.get("accessTokenLifespan").asLong()).isEqualTo(60);

        curfew.clock().advance(Duration.ofHours(2));
        assertThat(lifetime(SignedIn.login(realm, web, "alice").accessToken()))
                .as("after the end, by itself")
                .isEqualTo(300);
        assertThat(TestCurfew.json(curfew.get(groups + "/" + finance + "/lifetimes", admin()))
                        .get("active")
                        .asBoolean())
                .isFalse();

        expect(curfew.delete(groups + "/" + finance + "/lifetimes?reason=Campaign%20over", admin()), 204);
        expect(curfew.get(groups + "/" + finance + "/lifetimes", admin()), 404);
        JsonNode audit = TestCurfew.json(
                curfew.get("/admin/realms/" + realm.name() + "/audit?action=group.lifetimes-cleared", admin()));
        assertThat(audit.get("entries").get(0).get("reason").asText()).isEqualTo("Campaign over");
    }

    @Test
    @DisplayName("the group, an end in the future and lifetimes no longer than the realm's are required")
    void badInput() {
        TestRealm realm = TestRealm.create(curfew);
        String path = "/admin/realms/" + realm.name() + "/playbooks/high-risk-period";
        expect(curfew.postJson("/admin/realms/" + realm.name() + "/groups", Map.of("name", "Sales"), admin()), 201);
        String until = curfew.clock().instant().plus(Duration.ofHours(1)).toString();

        assertThat(invalidFields(curfew.postJson(path, Map.of("reason", "x", "until", until), admin())))
                .containsExactly("group");
        assertThat(invalidFields(
                        curfew.postJson(path, Map.of("reason", "x", "group", "Nope", "until", until), admin())))
                .containsExactly("group");
        assertThat(invalidFields(curfew.postJson(path, Map.of("reason", "x", "group", "Sales"), admin())))
                .containsExactly("until");
        assertThat(invalidFields(curfew.postJson(
                        path, Map.of("reason", "x", "group", "Sales", "until", "2020-01-01T00:00:00Z"), admin())))
                .containsExactly("until");
        assertThat(invalidFields(curfew.postJson(
                        path,
                        Map.of("reason", "x", "group", "Sales", "until", until, "accessTokenLifespan", 3600),
                        admin())))
                .containsExactly("accessTokenLifespan");
    }
}
