package dev.curfew.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.curfew.core.util.Secrets;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The steps of the authorization code flow and the token calls, as a relying party makes them. */
public final class OidcFlow {
    public static final String STATE = "state-7f3a";
    public static final String NONCE = "nonce-91bc";

    private OidcFlow() {}

    /** An RFC 7636 verifier and its S256 challenge. */
    public record Pkce(String verifier, String challenge) {
        public static Pkce create() {
            String verifier = Secrets.newSecret();
            String challenge = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(Secrets.sha256Bytes(verifier.getBytes(StandardCharsets.US_ASCII)));
            return new Pkce(verifier, challenge);
        }

        public Map<String, String> params() {
            return Map.of("code_challenge", challenge, "code_challenge_method", "S256");
        }
    }

    /** A well-formed authorization request; change the map to make it otherwise. */
    public static Map<String, String> authParams(String clientId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", clientId);
        params.put("redirect_uri", TestRealm.REDIRECT_URI);
        params.put("scope", "openid profile email");
        params.put("state", STATE);
        params.put("nonce", NONCE);
        return params;
    }

    public static String authorizeUrl(TestRealm realm, Map<String, String> params) {
        return realm.authPath() + "?" + TestCurfew.formBody(params);
    }

    /** Opens the authorization URL, expects the login page, and signs in: the authorization response. */
    public static HttpResponse<String> login(
            Browser browser, TestRealm realm, Map<String, String> params, String username) {
        HttpResponse<String> page = browser.get(authorizeUrl(realm, params));
        if (page.statusCode() != 200 || !page.body().contains("name=\"password\"")) {
            throw new IllegalStateException("expected the login page: " + page.statusCode() + " " + page.body());
        }
        return browser.submitLogin(page, username, TestRealm.PASSWORD);
    }

    /** The code of an authorization response, which must be a redirect to the client. */
    public static String code(HttpResponse<String> authorizationResponse) {
        String code = Browser.redirectParams(authorizationResponse).get("code");
        if (code == null) {
            throw new IllegalStateException(
                    "no code in " + authorizationResponse.headers().firstValue("Location"));
        }
        return code;
    }

    /** Authorization code exchange with client_secret_basic. */
    public static HttpResponse<String> exchange(TestRealm realm, ConfidentialClient client, String code) {
        return realm.curfew()
                .postForm(
                        realm.tokenPath(),
                        Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                code,
                                "redirect_uri",
                                TestRealm.REDIRECT_URI),
                        client.basicHeader());
    }

    /** The whole flow for a confidential client: the token response. */
    public static JsonNode signIn(Browser browser, TestRealm realm, ConfidentialClient client, String username) {
        String code = code(login(browser, realm, authParams(client.clientId()), username));
        return ok(exchange(realm, client, code));
    }

    public static HttpResponse<String> refresh(TestRealm realm, ConfidentialClient client, String refreshToken) {
        return realm.curfew()
                .postForm(
                        realm.tokenPath(),
                        Map.of("grant_type", "refresh_token", "refresh_token", refreshToken),
                        client.basicHeader());
    }

    public static HttpResponse<String> userinfo(TestRealm realm, String accessToken) {
        return realm.curfew().get(realm.userinfoPath(), TestCurfew.bearer(accessToken));
    }

    public static JsonNode introspect(TestRealm realm, ConfidentialClient client, String token) {
        return ok(realm.curfew().postForm(realm.introspectPath(), Map.of("token", token), client.basicHeader()));
    }

    /** The JSON body of a 200 response. */
    public static JsonNode ok(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("expected 200: " + response.statusCode() + " " + response.body());
        }
        return TestCurfew.json(response);
    }

    public static SignedJWT jwt(String token) {
        try {
            return SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new IllegalStateException("not a JWT: " + token, e);
        }
    }

    public static JWTClaimsSet claims(String token) {
        try {
            return jwt(token).getJWTClaimsSet();
        } catch (ParseException e) {
            throw new IllegalStateException("no claims in " + token, e);
        }
    }
}
