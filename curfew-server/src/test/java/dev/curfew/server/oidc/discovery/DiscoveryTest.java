package dev.curfew.server.oidc.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("OpenID Connect Discovery 1.0 §4: provider metadata per realm")
class DiscoveryTest {
    static TestCurfew curfew;
    static TestRealm realm;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        realm = TestRealm.create(curfew);
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    @DisplayName("§4.3: the issuer is the realm's URL and every endpoint lives under it")
    void issuerIsTheRealmUrlAndEndpointsLiveUnderIt() {
        JsonNode metadata = TestCurfew.json(curfew.get(realm.discoveryPath()));
        String issuer = realm.issuer();
        assertThat(metadata.get("issuer").asText()).isEqualTo(issuer);
        String protocol = issuer + "/protocol/openid-connect";
        assertThat(metadata.get("authorization_endpoint").asText()).isEqualTo(protocol + "/auth");
        assertThat(metadata.get("token_endpoint").asText()).isEqualTo(protocol + "/token");
        assertThat(metadata.get("userinfo_endpoint").asText()).isEqualTo(protocol + "/userinfo");
        assertThat(metadata.get("jwks_uri").asText()).isEqualTo(protocol + "/certs");
        assertThat(metadata.get("end_session_endpoint").asText()).isEqualTo(protocol + "/logout");
        assertThat(metadata.get("introspection_endpoint").asText()).isEqualTo(protocol + "/token/introspect");
        assertThat(metadata.get("revocation_endpoint").asText()).isEqualTo(protocol + "/revoke");
    }

    @Test
    @DisplayName("§3: the metadata states only what Curfew supports (code flow, S256, query mode, iss parameter)")
    void metadataStatesWhatIsSupported() {
        JsonNode metadata = TestCurfew.json(curfew.get(realm.discoveryPath()));
        assertThat(texts(metadata.get("response_types_supported"))).containsExactly("code");
        assertThat(texts(metadata.get("response_modes_supported"))).containsExactly("query");
        assertThat(texts(metadata.get("subject_types_supported"))).containsExactly("public");
        assertThat(texts(metadata.get("code_challenge_methods_supported"))).containsExactly("S256");
        assertThat(texts(metadata.get("grant_types_supported")))
                .contains("authorization_code", "refresh_token", "client_credentials");
        assertThat(texts(metadata.get("id_token_signing_alg_values_supported")))
                .containsExactly("RS256", "ES256", "EdDSA");
        assertThat(texts(metadata.get("token_endpoint_auth_methods_supported")))
                .contains("client_secret_basic", "client_secret_post");
        assertThat(texts(metadata.get("introspection_endpoint_auth_methods_supported")))
                .doesNotContain("none");
        assertThat(texts(metadata.get("scopes_supported"))).contains("openid", "profile", "email");
        assertThat(metadata.get("request_parameter_supported").asBoolean()).isFalse();
        assertThat(metadata.get("request_uri_parameter_supported").asBoolean()).isFalse();
        assertThat(metadata.get("authorization_response_iss_parameter_supported")
                        .asBoolean())
                .isTrue();
    }

    @Test
    @DisplayName(
            "§3: the acr values an ID token may carry (password alone, with a second factor), and amr and acr claims")
    void metadataListsTheAcrValuesAndClaims() {
        JsonNode metadata = TestCurfew.json(curfew.get(realm.discoveryPath()));
        assertThat(texts(metadata.get("acr_values_supported"))).containsExactly("1", "2");
        assertThat(texts(metadata.get("claims_supported"))).contains("amr", "acr");
    }

    @Test
    @DisplayName("§4.3: each realm has its own issuer")
    void eachRealmHasItsOwnIssuer() {
        TestRealm other = TestRealm.create(curfew);
        String first =
                TestCurfew.json(curfew.get(realm.discoveryPath())).get("issuer").asText();
        String second =
                TestCurfew.json(curfew.get(other.discoveryPath())).get("issuer").asText();
        assertThat(second).isEqualTo(other.issuer()).isNotEqualTo(first);
    }

    @Test
    @DisplayName("§4: an unknown realm answers 404 with a JSON error")
    void unknownRealmAnswers404Json() {
        var response = curfew.get("/realms/no-such-realm/.well-known/openid-configuration");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(TestCurfew.json(response).get("error").asText()).isEqualTo("not_found");
    }

    @Test
    @DisplayName("§4: a disabled realm is answered like an unknown one")
    void disabledRealmAnswers404() {
        TestRealm disabled = TestRealm.create(curfew);
        var before = disabled.realm();
        curfew.services().realms().update(before, before.withEnabled(false));
        assertThat(curfew.get(disabled.discoveryPath()).statusCode()).isEqualTo(404);
        assertThat(curfew.get(disabled.certsPath()).statusCode()).isEqualTo(404);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
