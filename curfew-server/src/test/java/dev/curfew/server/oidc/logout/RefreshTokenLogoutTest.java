package dev.curfew.server.oidc.logout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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

@DisplayName("Keycloak's logout without a browser: POST logout with refresh_token")
class RefreshTokenLogoutTest {
    static TestCurfew curfew;
    static TestRealm realm;
    static ConfidentialClient web;
    static ConfidentialClient wiki;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        realm = TestRealm.create(curfew);
        web = realm.confidentialClient("web");
        wiki = realm.confidentialClient("wiki");
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    @DisplayName("the client's refresh token ends its session at once: 204, and every token of it is refused")
    void refreshTokenEndsTheSession() {
        realm.user("alice");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "alice");

        HttpResponse<String> response = logout(web, tokens.get("refresh_token").asText());

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(OidcFlow.userinfo(realm, tokens.get("access_token").asText()).statusCode())
                .isEqualTo(401);
        assertThat(OidcFlow.refresh(realm, web, tokens.get("refresh_token").asText())
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    @DisplayName("another client's refresh token is invalid_grant and ends nothing")
    void anotherClientsRefreshTokenIsInvalidGrant() {
        realm.user("bob");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "bob");

        HttpResponse<String> response = logout(wiki, tokens.get("refresh_token").asText());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestCurfew.json(response).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(OidcFlow.userinfo(realm, tokens.get("access_token").asText()).statusCode())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("without client authentication nothing ends")
    void withoutClientAuthenticationNothingEnds() {
        realm.user("carol");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "carol");

        HttpResponse<String> response = curfew.postForm(
                realm.logoutPath(),
                Map.of("refresh_token", tokens.get("refresh_token").asText()));

        assertThat(response.statusCode()).isIn(400, 401);
        assertThat(OidcFlow.userinfo(realm, tokens.get("access_token").asText()).statusCode())
                .isEqualTo(200);
    }

    private static HttpResponse<String> logout(ConfidentialClient client, String refreshToken) {
        return curfew.postForm(realm.logoutPath(), Map.of("refresh_token", refreshToken), client.basicHeader());
    }
}
