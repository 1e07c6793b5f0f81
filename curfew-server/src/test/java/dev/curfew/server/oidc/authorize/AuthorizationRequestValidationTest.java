package dev.curfew.server.oidc.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.server.testing.Browser;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.OidcFlow.Pkce;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("OIDC Core §3.1.2: validation of the authorization request")
class AuthorizationRequestValidationTest {
    static final String LOOPBACK_REDIRECT = "http://127.0.0.1/callback";

    static TestCurfew curfew;
    static TestRealm realm;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        realm = TestRealm.create(curfew);
        realm.confidentialClient("web");
        realm.publicClient("spa");
        realm.confidentialClient("backend", b -> b.standardFlow(false));
        realm.confidentialClient("off", b -> b.enabled(false));
        realm.publicClient("native", b -> b.redirectUris(List.of(LOOPBACK_REDIRECT)));
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Nested
    @DisplayName("RFC 6749 §4.1.2.1: when the client or redirect URI cannot be trusted, no redirect")
    class Untrusted {
        @Test
        @DisplayName("an unknown client gets an error page, not a redirect")
        void unknownClientGetsAnErrorPage() {
            Map<String, String> params = OidcFlow.authParams("no-such-client");
            assertErrorPage(get(params), "not known");
        }

        @Test
        @DisplayName("a disabled client gets an error page")
        void disabledClientGetsAnErrorPage() {
            assertErrorPage(get(OidcFlow.authParams("off")), "not known");
        }

        @Test
        @DisplayName("a missing client_id gets an error page")
        void missingClientIdGetsAnErrorPage() {
            Map<String, String> params = OidcFlow.authParams("web");
            params.remove("client_id");
            assertErrorPage(get(params), "client_id");
        }

        @Test
        @DisplayName("RFC 9700 §4.1.3: an unregistered redirect_uri gets an error page")
        void unregisteredRedirectUriGetsAnErrorPage() {
            Map<String, String> params = OidcFlow.authParams("web");
            params.put("redirect_uri", "https://evil.example.test/callback");
            assertErrorPage(get(params), "not registered");
        }

        @Test
        @DisplayName("RFC 9700 §4.1.3: a redirect_uri that only starts like a registered one gets an error page")
        void prefixOfRegisteredRedirectUriGetsAnErrorPage() {
            Map<String, String> params = OidcFlow.authParams("web");
            params.put("redirect_uri", TestRealm.REDIRECT_URI + "/../evil");
            assertErrorPage(get(params), "not registered");
        }

        @Test
        @DisplayName("OIDC Core §3.1.2.1: a missing redirect_uri gets an error page")
        void missingRedirectUriGetsAnErrorPage() {
            Map<String, String> params = OidcFlow.authParams("web");
            params.remove("redirect_uri");
            assertErrorPage(get(params), "redirect_uri");
        }

        @Test
        @DisplayName("RFC 6749 §3.1: a redirect_uri sent twice cannot be trusted and gets an error page")
        void duplicatedRedirectUriGetsAnErrorPage() {
            String url = OidcFlow.authorizeUrl(realm, OidcFlow.authParams("web")) + "&redirect_uri="
                    + "https%3A%2F%2Fevil.example.test%2F";
            HttpResponse<String> response = curfew.browser().get(url);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Location")).isEmpty();
        }

        @Test
        @DisplayName("an unknown realm gets a 404 page")
        void unknownRealmGets404Page() {
            HttpResponse<String> response = curfew.browser()
                    .get("/realms/nowhere/protocol/openid-connect/auth?"
                            + TestCurfew.formBody(OidcFlow.authParams("web")));
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Location")).isEmpty();
        }

        private void assertErrorPage(HttpResponse<String> response, String message) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Location")).isEmpty();
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
            assertThat(response.body()).contains(message);
        }
    }

    @Nested
    @DisplayName("RFC 6749 §4.1.2.1 and RFC 9207: other errors go back to the client with state and iss")
    class Redirected {
        @Test
        @DisplayName("a missing response_type is invalid_request")
        void missingResponseTypeIsInvalidRequest() {
            Map<String, String> params = OidcFlow.authParams("web");
            params.remove("response_type");
            assertRedirectedError(get(params), "invalid_request");
        }

        @Test
        @DisplayName("RFC 9700 §2.1.2: response_type=token is unsupported_response_type")
        void implicitFlowIsUnsupportedResponseType() {
            Map<String, String> params = OidcFlow.authParams("web");
            params.put("response_type", "token");
            assertRedirectedError(get(params), "unsupported_response_type");
        }

        @Test
        @DisplayName("RFC 6749 §4.1.2.1: a client without the standard flow is unauthorized_client")
        void clientWithoutStandardFlowIsUnauthorizedClient() {
            assertRedirectedError(get(OidcFlow.authParams("backend")), "unauthorized_client");
        }

        @Test
        @DisplayName("RFC 9700 §2.1.1: a public client without PKCE is invalid_request")
        void publicClientWithoutPkceIsInvalidRequest() {
            assertRedirectedError(get(OidcFlow.authParams("spa")), "invalid_request");
        }

        @Test
        @DisplayName("RFC 7636 §4.3: code_challenge_method=plain is refused")
        void plainChallengeMethodIsRefused() {
            Map<String, String> params = OidcFlow.authParams("spa");
            params.put("code_challenge", Pkce.create().verifier());
            params.put("code_challenge_method", "plain");
            assertRedirectedError(get(params), "invalid_request");
        }

        @Test
        @DisplayName("RFC 7636 §4.3: a challenge without a method defaults to plain and is refused")
        void challengeWithoutMethodIsRefused() {
            Map<String, String> params = OidcFlow.authParams("spa");
            params.put("code_challenge", Pkce.create().challenge());
            assertRedirectedError(get(params), "invalid_request");
        }

        @Test
        @DisplayName("RFC 7636 §4.2: a malformed code_challenge is refused")
        void malformedChallengeIsRefused() {
            Map<String, String> params = OidcFlow.authParams("spa");
            params.put("code_challenge", "too-short");
            params.put("code_challenge_method", "S256");
            assertRedirectedError(get(params), "invalid_request");
        }

        @Test
        @DisplayName("OIDC Core §6: a request object is request_not_supported")
        void requestObjectIsNotSupported() {
            Map<String, String> params = OidcFlow.authParams("web");
            params.put("request", "eyJhbGciOiJub25lIn0.e30.");
            assertRedirectedError(get(params), "request_not_supported");
        }

        @Test
        @DisplayName("OIDC Core §6: request_uri is request_uri_not_supported")
        void requestUriIsNotSupported() {
            Map<String, String> params = OidcFlow.authParams("web");
            params.put("request_uri", "https://app.example.test/request.jwt");
            assertRedirectedError(get(params), "request_uri_not_supported");
        }

        @Test
        @DisplayName("RFC 6749 §3.1: a parameter sent twice is invalid_request, sent back to the client")
        void duplicateParameterIsInvalidRequest() {
            String url = OidcFlow.authorizeUrl(realm, OidcFlow.authParams("web")) + "&scope=openid";
            assertRedirectedError(curfew.browser().get(url), "invalid_request");
        }

        @Test
        @DisplayName("RFC 6749 §3.1: a repeated state is reported without echoing either value")
        void repeatedStateIsReportedWithoutState() {
            String url = OidcFlow.authorizeUrl(realm, OidcFlow.authParams("web")) + "&state=other";
            HttpResponse<String> response = curfew.browser().get(url);
            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(Browser.redirectParams(response))
                    .containsEntry("error", "invalid_request")
                    .containsEntry("iss", realm.issuer())
                    .doesNotContainKey("state");
        }

        @Test
        @DisplayName("OIDC Core §3.1.2.1: prompt=none combined with another value is invalid_request")
        void promptNoneWithOtherValuesIsInvalidRequest() {
            Map<String, String> params = OidcFlow.authParams("web");
            params.put("prompt", "none login");
            assertRedirectedError(get(params), "invalid_request");
        }

        @ParameterizedTest
        @ValueSource(strings = {"soon", "\u0666\u0660"})
        @DisplayName("OIDC Core §3.1.2.1: a max_age that is not a number in ASCII digits (60 in Arabic-Indic digits is"
                + " none) is invalid_request")
        void malformedMaxAgeIsInvalidRequest(String maxAge) {
            Map<String, String> params = OidcFlow.authParams("web");
            params.put("max_age", maxAge);
            assertRedirectedError(get(params), "invalid_request");
        }

        @Test
        @DisplayName("OAuth 2.0 Multiple Response Types §2.1: an unsupported response_mode is invalid_request")
        void fragmentResponseModeIsInvalidRequest() {
            Map<String, String> params = OidcFlow.authParams("web");
            params.put("response_mode", "fragment");
            assertRedirectedError(get(params), "invalid_request");
        }

        @Test
        @DisplayName("RFC 6749 §4.1.2.1: without state in the request, the error carries none")
        void errorWithoutStateCarriesNone() {
            Map<String, String> params = OidcFlow.authParams("web");
            params.remove("state");
            params.put("response_type", "token");
            HttpResponse<String> response = get(params);
            assertThat(Browser.redirectParams(response)).doesNotContainKey("state");
        }

        private void assertRedirectedError(HttpResponse<String> response, String error) {
            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).startsWith(TestRealm.REDIRECT_URI + "?"));
            Map<String, String> params = Browser.redirectParams(response);
            assertThat(params)
                    .containsEntry("error", error)
                    .containsEntry("state", OidcFlow.STATE)
                    .containsEntry("iss", realm.issuer())
                    .doesNotContainKey("code");
            assertThat(params.get("error_description")).isNotBlank();
        }
    }

    @Nested
    @DisplayName("RFC 8252 §7.3: native apps on the loopback interface")
    class Loopback {
        @Test
        @DisplayName("a loopback IP redirect URI matches whatever port the app listens on")
        void loopbackIpRedirectUriMatchesAnyPort() {
            realm.user("nina");
            Map<String, String> params = nativeParams("http://127.0.0.1:51004/callback");
            HttpResponse<String> response = OidcFlow.login(curfew.browser(), realm, params, "nina");
            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).startsWith("http://127.0.0.1:51004/callback?code="));
        }

        @Test
        @DisplayName("RFC 9700 §4.1.3: the path must still match exactly")
        void loopbackIpRedirectUriWithAnotherPathGetsAnErrorPage() {
            HttpResponse<String> response = get(nativeParams("http://127.0.0.1:51004/other"));
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Location")).isEmpty();
        }

        private Map<String, String> nativeParams(String redirectUri) {
            Map<String, String> params = OidcFlow.authParams("native");
            params.put("redirect_uri", redirectUri);
            params.putAll(Pkce.create().params());
            return params;
        }
    }

    private static HttpResponse<String> get(Map<String, String> params) {
        return curfew.browser().get(OidcFlow.authorizeUrl(realm, params));
    }
}
