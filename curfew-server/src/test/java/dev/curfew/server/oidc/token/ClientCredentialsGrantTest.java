package dev.curfew.server.oidc.token;

import static dev.curfew.server.oidc.token.AuthorizationCodeGrantTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RFC 6749 §4.4: the client credentials grant")
class ClientCredentialsGrantTest {
    static TestCurfew curfew;
    static TestRealm realm;
    static ConfidentialClient service;
    static ConfidentialClient web;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        realm = TestRealm.create(curfew);
        service = realm.confidentialClient("service", b -> b.serviceAccounts(true));
        web = realm.confidentialClient("web");
        realm.publicClient("spa");
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    @DisplayName("§4.4.3: a client with service accounts gets an access token, without refresh or ID token")
    void serviceAccountClientGetsAnAccessTokenOnly() throws Exception {
        HttpResponse<String> response = grant(service, Map.of("scope", "openid"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode body = TestCurfew.json(response);
        assertThat(body.has("refresh_token")).isFalse();
        assertThat(body.has("id_token")).isFalse();
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        SignedJWT jwt = OidcFlow.jwt(body.get("access_token").asText());
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getClaim("sid")).isNull();
        assertThat(claims.getStringClaim("client_id")).isEqualTo("service");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getIssueTime()).isNotNull();
        assertThat(claims.getIssuer()).isEqualTo(realm.issuer());
    }

    @Test
    @DisplayName("§4.4: a client without service accounts is unauthorized_client")
    void clientWithoutServiceAccountsIsUnauthorized() {
        assertError(grant(web, Map.of()), 400, "unauthorized_client");
    }

    @Test
    @DisplayName("§4.4.2: a public client cannot use the grant")
    void publicClientCannotUseTheGrant() {
        HttpResponse<String> response =
                curfew.postForm(realm.tokenPath(), Map.of("grant_type", "client_credentials", "client_id", "spa"));
        assertError(response, 400, "unauthorized_client");
    }

    @Test
    @DisplayName("RFC 7662: its token introspects as active, without a user or session")
    void tokenIntrospectsAsActiveWithoutUser() {
        String token =
                TestCurfew.json(grant(service, Map.of())).get("access_token").asText();
        JsonNode answer = OidcFlow.introspect(realm, service, token);
        assertThat(answer.get("active").asBoolean()).isTrue();
        assertThat(answer.get("client_id").asText()).isEqualTo("service");
        assertThat(answer.has("sid")).isFalse();
        assertThat(answer.has("username")).isFalse();
    }

    @Test
    @DisplayName("OIDC Core §5.3: its token is refused at userinfo, having no user")
    void tokenIsRefusedAtUserinfo() {
        String token = TestCurfew.json(grant(service, Map.of("scope", "openid")))
                .get("access_token")
                .asText();
        assertThat(OidcFlow.userinfo(realm, token).statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("The client's cut-off makes its earlier tokens inactive")
    void clientCutOffMakesTokensInactive() {
        ConfidentialClient batch = realm.confidentialClient("batch", b -> b.serviceAccounts(true));
        String token =
                TestCurfew.json(grant(batch, Map.of())).get("access_token").asText();
        curfew.clock().advance(Duration.ofSeconds(1));
        realm.update(batch.client(), b -> b.notBefore(Optional.of(curfew.clock().instant())));
        assertThat(OidcFlow.introspect(realm, service, token).get("active").asBoolean())
                .isFalse();
        curfew.clock().advance(Duration.ofSeconds(1));
        String fresh =
                TestCurfew.json(grant(batch, Map.of())).get("access_token").asText();
        assertThat(OidcFlow.introspect(realm, service, fresh).get("active").asBoolean())
                .isTrue();
    }

    private static HttpResponse<String> grant(ConfidentialClient client, Map<String, String> extra) {
        Map<String, String> form = new java.util.HashMap<>(extra);
        form.put("grant_type", "client_credentials");
        return curfew.postForm(realm.tokenPath(), form, client.basicHeader());
    }
}
