package dev.curfew.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.Map;

/**
 * One user signed in to one client in one browser, with everything a sign-out must reach:
 * the SSO cookie, the refresh token, the access token at introspection and at userinfo. The probes use the
 * current tokens (a successful refresh rotates them), so the same object can be probed before and after.
 */
public final class SignedIn {
    private final TestRealm realm;
    private final ConfidentialClient client;
    private final Browser browser;
    private final String sid;
    private final String userId;
    private String accessToken;
    private String refreshToken;

    private SignedIn(TestRealm realm, ConfidentialClient client, Browser browser, JsonNode tokens) {
        this(
                realm,
                client,
                browser,
                tokens.get("access_token").asText(),
                tokens.get("refresh_token").asText());
    }

    private SignedIn(
            TestRealm realm, ConfidentialClient client, Browser browser, String accessToken, String refreshToken) {
        this.realm = realm;
        this.client = client;
        this.browser = browser;
        this.accessToken = accessToken;
        this.refreshToken = refreshToken;
        try {
            var claims = OidcFlow.claims(accessToken);
            this.sid = claims.getStringClaim("sid");
            this.userId = claims.getSubject();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Logs {@code username} in to {@code client} with the login form in a new browser. */
    public static SignedIn login(TestRealm realm, ConfidentialClient client, String username) {
        return login(realm.curfew().browser(), realm, client, username);
    }

    /** Logs {@code username} in to {@code client} with the login form in {@code browser}. */
    public static SignedIn login(Browser browser, TestRealm realm, ConfidentialClient client, String username) {
        return new SignedIn(realm, client, browser, OidcFlow.signIn(browser, realm, client, username));
    }

    /** Authorizes {@code client} through the browser's existing SSO session (prompt=none), without a password. */
    public static SignedIn viaSso(Browser browser, TestRealm realm, ConfidentialClient client) {
        Map<String, String> params = OidcFlow.authParams(client.clientId());
        params.put("prompt", "none");
        String code = OidcFlow.code(browser.get(OidcFlow.authorizeUrl(realm, params)));
        return new SignedIn(realm, client, browser, OidcFlow.ok(OidcFlow.exchange(realm, client, code)));
    }

    /** The same browser and tokens, against {@code restarted} (the same realm served by another server). */
    public SignedIn movedTo(TestRealm restarted) {
        return new SignedIn(restarted, client, browser.movedTo(restarted.curfew()), accessToken, refreshToken);
    }

    public String sid() {
        return sid;
    }

    public String userId() {
        return userId;
    }

    public Browser browser() {
        return browser;
    }

    public String accessToken() {
        return accessToken;
    }

    public String refreshToken() {
        return refreshToken;
    }

    /** The authorization response to a prompt=none request for this client: a code, or an error. */
    public Map<String, String> sso() {
        Map<String, String> params = OidcFlow.authParams(client.clientId());
        params.put("prompt", "none");
        return Browser.redirectParams(browser.get(OidcFlow.authorizeUrl(realm, params)));
    }

    /** Refreshes; on success the new tokens replace the old ones. */
    public HttpResponse<String> refresh() {
        HttpResponse<String> response = OidcFlow.refresh(realm, client, refreshToken);
        if (response.statusCode() == 200) {
            JsonNode tokens = TestCurfew.json(response);
            accessToken = tokens.get("access_token").asText();
            refreshToken = tokens.get("refresh_token").asText();
        }
        return response;
    }

    public boolean accessTokenActive() {
        return OidcFlow.introspect(realm, client, accessToken).get("active").asBoolean();
    }

    public boolean refreshTokenActive() {
        return OidcFlow.introspect(realm, client, refreshToken).get("active").asBoolean();
    }

    public int userinfoStatus() {
        return OidcFlow.userinfo(realm, accessToken).statusCode();
    }

    /** Every credential of the session works: SSO, introspection (both tokens), userinfo, and a refresh. */
    public SignedIn assertWorks(String what) {
        assertThat(sso()).as("%s: SSO with prompt=none gives a code", what).containsKey("code");
        assertThat(accessTokenActive())
                .as("%s: access token active at introspection", what)
                .isTrue();
        assertThat(refreshTokenActive())
                .as("%s: refresh token active at introspection", what)
                .isTrue();
        assertThat(userinfoStatus()).as("%s: userinfo", what).isEqualTo(200);
        HttpResponse<String> refreshed = refresh();
        assertThat(refreshed.statusCode())
                .as("%s: refresh (%s)", what, refreshed.body())
                .isEqualTo(200);
        return this;
    }

    /** Every credential of the session is dead, including the SSO cookie. */
    public SignedIn assertSignedOut(String what) {
        assertThat(sso()).as("%s: SSO with prompt=none", what).containsEntry("error", "login_required");
        return assertTokensDead(what);
    }

    /** The tokens are dead: introspection inactive, userinfo 401, refresh invalid_grant. */
    public SignedIn assertTokensDead(String what) {
        assertThat(accessTokenActive())
                .as("%s: access token at introspection", what)
                .isFalse();
        assertThat(refreshTokenActive())
                .as("%s: refresh token at introspection", what)
                .isFalse();
        assertThat(userinfoStatus()).as("%s: userinfo", what).isEqualTo(401);
        HttpResponse<String> refreshed = refresh();
        assertThat(refreshed.statusCode()).as("%s: refresh", what).isEqualTo(400);
        assertThat(TestCurfew.json(refreshed).get("error").asText())
                .as("%s: refresh error", what)
                .isEqualTo("invalid_grant");
        return this;
    }
}
