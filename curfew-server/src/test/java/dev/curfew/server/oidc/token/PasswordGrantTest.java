package dev.curfew.server.oidc.token;

import static dev.curfew.server.oidc.token.AuthorizationCodeGrantTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.user.User;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RFC 6749 §4.3 and RFC 9700 §2.4: the resource owner password grant, only where enabled")
class PasswordGrantTest {
    static TestCurfew curfew;
    static TestRealm realm;
    static ConfidentialClient cli;
    static ConfidentialClient web;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        realm = TestRealm.create(curfew);
        cli = realm.confidentialClient("cli", b -> b.directAccessGrants(true));
        web = realm.confidentialClient("web");
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    @DisplayName("§4.3.3: a client with direct access grants gets tokens bound to a new session")
    void enabledClientGetsTokensWithASession() throws Exception {
        realm.user("alice");
        HttpResponse<String> response = grant(cli, "alice", TestRealm.PASSWORD);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode body = TestCurfew.json(response);
        assertThat(body.has("refresh_token")).isTrue();
        assertThat(OidcFlow.claims(body.get("access_token").asText()).getStringClaim("sid"))
                .isNotBlank();
    }

    @Test
    @DisplayName("RFC 9700 §2.4: a client without direct access grants is unauthorized_client")
    void clientWithoutDirectAccessIsUnauthorized() {
        realm.user("bob");
        assertError(grant(web, "bob", TestRealm.PASSWORD), 400, "unauthorized_client");
    }

    @Test
    @DisplayName("§5.2: a wrong password is invalid_grant")
    void wrongPasswordIsInvalidGrant() {
        realm.user("carol");
        assertError(grant(cli, "carol", "wrong password"), 400, "invalid_grant");
    }

    @Test
    @DisplayName("§5.2: a disabled user is invalid_grant")
    void disabledUserIsInvalidGrant() {
        User dora = realm.user("dora");
        curfew.services().store().users().update(dora.withEnabled(false));
        assertError(grant(cli, "dora", TestRealm.PASSWORD), 400, "invalid_grant");
    }

    @Test
    @DisplayName("§4.3.2: missing credentials are invalid_request")
    void missingPasswordIsInvalidRequest() {
        HttpResponse<String> response = curfew.postForm(
                realm.tokenPath(), Map.of("grant_type", "password", "username", "alice"), cli.basicHeader());
        assertError(response, 400, "invalid_request");
    }

    private static HttpResponse<String> grant(ConfidentialClient client, String username, String password) {
        return curfew.postForm(
                realm.tokenPath(),
                Map.of("grant_type", "password", "username", username, "password", password, "scope", "openid"),
                client.basicHeader());
    }
}
