package dev.curfew.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.server.testing.TestCurfew;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A fresh server answers discovery and grants the administrator a token")
class SmokeFlowTest {
    static TestCurfew curfew;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    void discoveryNamesTheRealmIssuer() {
        var response = curfew.get("/realms/master/.well-known/openid-configuration");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestCurfew.json(response).get("issuer").asText()).isEqualTo(curfew.issuer("master"));
    }

    @Test
    void adminTokenListsRealms() {
        var response = curfew.get("/admin/realms", TestCurfew.bearer(curfew.adminToken()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestCurfew.json(response).get(0).get("realm").asText()).isEqualTo("master");
    }
}
