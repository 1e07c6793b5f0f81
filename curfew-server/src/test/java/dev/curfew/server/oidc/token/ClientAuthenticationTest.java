package dev.curfew.server.oidc.token;

import static dev.curfew.server.oidc.token.AuthorizationCodeGrantTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RFC 6749 §2.3 and §5.2: client authentication and request errors at the token endpoint")
class ClientAuthenticationTest {
    static TestCurfew curfew;
    static TestRealm realm;
    static ConfidentialClient service;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        realm = TestRealm.create(curfew);
        service = realm.confidentialClient("service", b -> b.serviceAccounts(true));
        realm.confidentialClient("off", b -> b.serviceAccounts(true).enabled(false));
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    private static final Map<String, String> CLIENT_CREDENTIALS = Map.of("grant_type", "client_credentials");

    @Test
    @DisplayName("§5.2: a wrong secret in Basic is 401 invalid_client with WWW-Authenticate")
    void wrongBasicSecretIs401() {
        HttpResponse<String> response =
                curfew.postForm(realm.tokenPath(), CLIENT_CREDENTIALS, "Authorization", basic("service", "wrong"));
        assertInvalidClient(response);
    }

    @Test
    @DisplayName("§5.2: a wrong client_secret in the form is 401 invalid_client")
    void wrongPostSecretIs401() {
        HttpResponse<String> response = curfew.postForm(
                realm.tokenPath(),
                Map.of("grant_type", "client_credentials", "client_id", "service", "client_secret", "wrong"));
        assertInvalidClient(response);
    }

    @Test
    @DisplayName("§5.2: an unknown client is 401 invalid_client")
    void unknownClientIs401() {
        assertInvalidClient(curfew.postForm(
                realm.tokenPath(), CLIENT_CREDENTIALS, "Authorization", basic("ghost", service.secret())));
    }

    @Test
    @DisplayName("§5.2: a disabled client is 401 invalid_client, even with its secret")
    void disabledClientIs401() {
        ConfidentialClient disabled = realm.confidentialClient("disabled", b -> b.serviceAccounts(true));
        realm.update(disabled.client(), b -> b.enabled(false));
        assertInvalidClient(curfew.postForm(realm.tokenPath(), CLIENT_CREDENTIALS, disabled.basicHeader()));
    }

    @Test
    @DisplayName("§2.3.1: a confidential client that sends no secret is 401 invalid_client")
    void confidentialClientWithoutSecretIs401() {
        assertInvalidClient(
                curfew.postForm(realm.tokenPath(), Map.of("grant_type", "client_credentials", "client_id", "service")));
    }

    @Test
    @DisplayName("§5.2: no client at all is 401 invalid_client")
    void noClientIs401() {
        assertInvalidClient(curfew.postForm(realm.tokenPath(), CLIENT_CREDENTIALS));
    }

    @Test
    @DisplayName("§2.3.1: a malformed Basic header is 401 invalid_client")
    void malformedBasicHeaderIs401() {
        assertInvalidClient(curfew.postForm(realm.tokenPath(), CLIENT_CREDENTIALS, "Authorization", "Basic %%%"));
    }

    @Test
    @DisplayName("§2.3: Basic and client_secret together is invalid_request")
    void basicAndPostTogetherIsInvalidRequest() {
        HttpResponse<String> response = curfew.postForm(
                realm.tokenPath(),
                Map.of("grant_type", "client_credentials", "client_secret", service.secret()),
                service.basicHeader());
        assertError(response, 400, "invalid_request");
    }

    @Test
    @DisplayName("§2.3.1: Basic credentials are form-urlencoded, so ids and secrets with ':' work")
    void basicCredentialsAreFormUrlEncoded() {
        ConfidentialClient urn = realm.confidentialClient("urn:app:one", b -> b.serviceAccounts(true));
        String header = "Basic "
                + Base64.getEncoder()
                        .encodeToString((URLEncoder.encode("urn:app:one", StandardCharsets.UTF_8) + ":"
                                        + URLEncoder.encode(urn.secret(), StandardCharsets.UTF_8))
                                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = curfew.postForm(realm.tokenPath(), CLIENT_CREDENTIALS, "Authorization", header);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    @DisplayName("§5.2: an unknown grant_type is unsupported_grant_type")
    void unknownGrantTypeIsUnsupported() {
        HttpResponse<String> response = curfew.postForm(
                realm.tokenPath(),
                Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                service.basicHeader());
        assertError(response, 400, "unsupported_grant_type");
    }

    @Test
    @DisplayName("§5.2: the implicit grant is not a token endpoint grant type")
    void implicitGrantTypeIsUnsupported() {
        assertError(
                curfew.postForm(realm.tokenPath(), Map.of("grant_type", "implicit"), service.basicHeader()),
                400,
                "unsupported_grant_type");
    }

    @Test
    @DisplayName("§5.2: a missing grant_type is invalid_request")
    void missingGrantTypeIsInvalidRequest() {
        assertError(
                curfew.postForm(realm.tokenPath(), Map.of("scope", "openid"), service.basicHeader()),
                400,
                "invalid_request");
    }

    @Test
    @DisplayName("§3.2: a body that is not application/x-www-form-urlencoded is invalid_request")
    void jsonBodyIsInvalidRequest() {
        HttpResponse<String> response =
                curfew.postJson(realm.tokenPath(), Map.of("grant_type", "client_credentials"), service.basicHeader());
        assertError(response, 400, "invalid_request");
    }

    @Test
    @DisplayName("§3.2: the token endpoint answers only POST")
    void getIsNotAllowed() throws Exception {
        HttpResponse<String> response = curfew.http()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        curfew.baseUrl() + realm.tokenPath() + "?grant_type=client_credentials"))
                                .header("Authorization", service.basic())
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isIn(404, 405);
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    @DisplayName("§3.1: a repeated parameter is invalid_request")
    void repeatedParameterIsInvalidRequest() throws Exception {
        HttpResponse<String> response = curfew.http()
                .send(
                        HttpRequest.newBuilder(URI.create(curfew.baseUrl() + realm.tokenPath()))
                                .header("Authorization", service.basic())
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "grant_type=client_credentials&grant_type=password"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertError(response, 400, "invalid_request");
    }

    @Test
    @DisplayName("§4.4.3: the right secret, in either method, is accepted")
    void rightSecretIsAccepted() {
        assertThat(curfew.postForm(realm.tokenPath(), CLIENT_CREDENTIALS, service.basicHeader())
                        .statusCode())
                .isEqualTo(200);
        assertThat(curfew.postForm(
                                realm.tokenPath(),
                                Map.of(
                                        "grant_type",
                                        "client_credentials",
                                        "client_id",
                                        "service",
                                        "client_secret",
                                        service.secret()))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("a regenerated secret replaces the old one at once")
    void regeneratedSecretReplacesTheOldOne() {
        ConfidentialClient rotating = realm.confidentialClient("rotating", b -> b.serviceAccounts(true));
        String newSecret = curfew.services()
                .clients()
                .regenerateSecret(rotating.client())
                .secret()
                .orElseThrow();
        assertInvalidClient(curfew.postForm(realm.tokenPath(), CLIENT_CREDENTIALS, rotating.basicHeader()));
        assertThat(curfew.postForm(
                                realm.tokenPath(),
                                CLIENT_CREDENTIALS,
                                new ConfidentialClient(rotating.client(), newSecret).basicHeader())
                        .statusCode())
                .isEqualTo(200);
    }

    private static void assertInvalidClient(HttpResponse<String> response) {
        assertError(response, 401, "invalid_client");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
