package dev.curfew.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.realm.TwoFactorPolicy;
import dev.curfew.core.signout.SignOutScope;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.engine.otp.Base32;
import dev.curfew.engine.otp.Totp;
import dev.curfew.server.testing.Browser;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
        "Account console: signing in through the realm's own OIDC endpoints, and staying signed in only while the SSO session is valid")
class AccountSignInTest {
    static TestCurfew curfew;
    static TestRealm realm;
    static TestRealm.ConfidentialClient web;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        realm = TestRealm.create(curfew);
        web = realm.confidentialClient("web");
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    @DisplayName(
            "without a console session, the console starts the code flow as account-console with PKCE S256 and its callback")
    void startsTheCodeFlowWithPkce() {
        HttpResponse<String> response = curfew.browser().get(realm.path("/account"));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).startsWith(realm.authPath() + "?");
        Map<String, String> params = Browser.redirectParams(response);
        assertThat(params)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", "account-console")
                .containsEntry("redirect_uri", curfew.baseUrl() + realm.path("/account/callback"))
                .containsEntry("code_challenge_method", "S256")
                .containsKeys("state", "nonce", "code_challenge");
        assertThat(response.headers().allValues("Set-Cookie"))
                .anyMatch(c -> c.startsWith(PendingSignIns.COOKIE + "=" + params.get("state") + ";")
                        && c.contains("Path=" + realm.path("/account"))
                        && c.contains("HttpOnly")
                        && c.contains("SameSite=Lax"));
    }

    @Test
    @DisplayName("the console answers with a trailing slash too, and not at all in an unknown realm")
    void trailingSlashAndUnknownRealm() {
        HttpResponse<String> slash = curfew.browser().get(realm.path("/account/"));
        HttpResponse<String> unknown = curfew.browser().get("/realms/no-such-realm/account");

        assertThat(slash.statusCode()).isEqualTo(302);
        assertThat(slash.headers().firstValue("Location").orElseThrow()).startsWith(realm.authPath());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("Unknown realm");
    }

    @Test
    @DisplayName(
            "signing in on the login page leads to the devices page; the console cookie is HttpOnly, SameSite=Strict, scoped to the console")
    void signInWithPasswordShowsDevices() {
        realm.user("alice");
        ConsoleDriver console = new ConsoleDriver(curfew.browser(), realm);

        HttpResponse<String> login = console.open(console.home());
        assertThat(login.body()).contains("name=\"password\"");
        HttpResponse<String> callbackPage =
                console.follow(console.browser.submitLogin(login, "alice", TestRealm.PASSWORD));
        assertThat(callbackPage.uri().getPath()).isEqualTo(realm.path("/account/callback"));
        assertThat(callbackPage.headers().allValues("Set-Cookie"))
                .anyMatch(c -> c.startsWith(AccountConsoleSessions.COOKIE + "=")
                        && c.contains("Path=" + realm.path("/account") + ";")
                        && c.contains("HttpOnly")
                        && c.contains("SameSite=Strict"));
        HttpResponse<String> devices = console.continueFrom(callbackPage);

        assertThat(devices.statusCode()).isEqualTo(200);
        assertThat(devices.uri().getPath()).isEqualTo(realm.path("/account"));
        assertThat(devices.body())
                .contains("Your devices", "Signed in as <strong>Ada Lovelace (alice)</strong>", "This device");
    }

    @Test
    @DisplayName("where the realm requires two-factor, a user without an authenticator sets one up inside the login,"
            + " then reaches the console")
    void twoFactorRequiredEnrolsInTheLoginBeforeTheConsole() {
        TestRealm strict =
                TestRealm.create(curfew, RealmSettings.DEFAULTS.withTwoFactorRequired(TwoFactorPolicy.EVERYONE));
        strict.user("alice");
        ConsoleDriver console = new ConsoleDriver(curfew.browser(), strict);

        HttpResponse<String> login = console.open(console.home());
        HttpResponse<String> enrol = console.browser.submitLogin(login, "alice", TestRealm.PASSWORD);
        assertThat(enrol.body()).contains("Set up two-factor authentication");
        Matcher shown =
                Pattern.compile("<code id=\"otp-secret\">([A-Z2-7 ]+)</code>").matcher(enrol.body());
        assertThat(shown.find()).isTrue();
        byte[] secret = Base32.decode(shown.group(1).replace(" ", "")).orElseThrow();
        HttpResponse<String> codes = console.browser.submitForm(
                enrol, Map.of("otp", Totp.code(secret, Totp.step(curfew.clock().instant()), Totp.DIGITS)));
        HttpResponse<String> callbackPage = console.follow(console.browser.submitForm(codes, Map.of()));
        HttpResponse<String> devices = console.continueFrom(callbackPage);

        assertThat(devices.statusCode()).isEqualTo(200);
        assertThat(devices.body()).contains("Your devices");
    }

    @Test
    @DisplayName("a browser that already has an SSO session is signed in to the console without a password")
    void singleSignOnNeedsNoPassword() {
        realm.user("bruno");
        Browser browser = curfew.browser();
        OidcFlow.signIn(browser, realm, web, "bruno");
        ConsoleDriver console = new ConsoleDriver(browser, realm);

        HttpResponse<String> callbackPage = console.open(console.home());

        assertThat(callbackPage.body()).doesNotContain("name=\"password\"");
        HttpResponse<String> devices = console.continueFrom(callbackPage);
        assertThat(devices.body()).contains("This device", "web");
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.5 / RFC 9700 §4.7: a callback whose state this browser did not start is refused")
    void callbackWithForeignStateIsRefused() {
        realm.user("carla");
        Browser victim = curfew.browser();
        HttpResponse<String> started = victim.get(realm.path("/account"));
        String state = Browser.redirectParams(started).get("state");

        HttpResponse<String> response = curfew.browser().get(realm.path("/account/callback?code=x&state=" + state));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Cannot sign in to your account", "Start again");
        assertThat(response.headers().allValues("Set-Cookie"))
                .noneMatch(c -> c.startsWith(AccountConsoleSessions.COOKIE + "=x"));
    }

    @Test
    @DisplayName("a state is single-use: replaying the callback does not sign in again")
    void callbackCannotBeReplayed() {
        realm.user("dora");
        ConsoleDriver console = new ConsoleDriver(curfew.browser(), realm);
        HttpResponse<String> login = console.open(console.home());
        HttpResponse<String> toCallback = console.browser.submitLogin(login, "dora", TestRealm.PASSWORD);
        String callback = toCallback.headers().firstValue("Location").orElseThrow();
        assertThat(console.browser.get(callback).statusCode()).isEqualTo(200);

        assertThat(console.browser.get(callback).statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("an error from the authorization endpoint is shown, with a way to start again")
    void authorizationErrorIsShown() {
        ConsoleDriver console = new ConsoleDriver(curfew.browser(), realm);
        String state =
                Browser.redirectParams(console.browser.get(console.home())).get("state");

        HttpResponse<String> response =
                console.browser.get(realm.path("/account/callback?error=access_denied&state=" + state));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("access_denied", "href=\"" + realm.path("/account") + "\"");
    }

    @Test
    @DisplayName(
            "signed out by an administrator: the next page drops the console session and sends the browser to sign in")
    void signedOutElsewhereGoesBackToSignIn() {
        realm.user("emil");
        ConsoleDriver console = new ConsoleDriver(curfew.browser(), realm);
        String sid = ConsoleDriver.thisDeviceSid(console.signIn("emil"));

        curfew.services()
                .signOuts()
                .signOut(
                        realm.realm(),
                        new SignOutScope.Sessions(List.of(sid)),
                        "lost laptop",
                        new AuditLog.Actor("admin-id", "admin", "AUTH_ADMINISTRATOR", "req-1", "127.0.0.1"),
                        Optional.empty(),
                        n -> {});

        HttpResponse<String> page = console.browser.get(console.home());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).startsWith(realm.authPath());
        assertThat(page.headers().allValues("Set-Cookie"))
                .anyMatch(c -> c.startsWith(AccountConsoleSessions.COOKIE + "=;") && c.contains("Max-Age=0"));
        assertThat(console.follow(page).body()).contains("name=\"password\"");
    }

    @Test
    @DisplayName(
            "signed out from another device: a form post is not carried out; the browser is sent to the console to sign in")
    void formAfterSignOutElsewhereIsNotCarriedOut() throws Exception {
        realm.user("fritz");
        ConsoleDriver console = new ConsoleDriver(curfew.browser(), realm);
        HttpResponse<String> devices = console.signIn("fritz");
        String sid = ConsoleDriver.thisDeviceSid(devices);
        String other = ConsoleDriver.otherDevice(realm, web, "fritz");
        curfew.services().sessions().end(realm.realm(), sid);

        Map<String, String> csrf = ConsoleDriver.form(devices.body(), realm.path("/account/sign-out"), "csrf");
        HttpResponse<String> response = console.browser.postForm(realm.path("/account/devices/sign-out-others"), csrf);

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue(realm.path("/account"));
        assertThat(curfew.services().sessions().byId(realm.realm(), other)).isPresent();
    }

    @Test
    @DisplayName(
            "the account-console client is created with the realm: public, code flow, redirect URIs at both loopback names")
    void clientIsCreatedWithTheRealm() {
        TestRealm fresh = TestRealm.create(curfew);
        Client client = curfew.services()
                .store()
                .clients()
                .findByClientId(fresh.realm().id(), "account-console")
                .orElseThrow();

        int port = curfew.server().port();
        assertThat(client.publicClient()).isTrue();
        assertThat(client.standardFlow()).isTrue();
        assertThat(client.directAccessGrants()).isFalse();
        assertThat(client.redirectUris())
                .containsExactly(
                        "http://localhost:" + port + fresh.path("/account/callback"),
                        "http://127.0.0.1:" + port + fresh.path("/account/callback"));
        assertThat(client.postLogoutRedirectUris())
                .containsExactly(
                        "http://localhost:" + port + fresh.path("/account/signed-out"),
                        "http://127.0.0.1:" + port + fresh.path("/account/signed-out"));
    }

    @Test
    @DisplayName("at start, a realm without the client gets it again, and wrong redirect URIs are corrected")
    void startUpRestoresAndCorrectsTheClient() {
        TestRealm a = TestRealm.create(curfew);
        TestRealm b = TestRealm.create(curfew);
        var clients = curfew.services().store().clients();
        Client ofA = clients.findByClientId(a.realm().id(), "account-console").orElseThrow();
        clients.delete(a.realm().id(), ofA.id());
        Client ofB = clients.findByClientId(b.realm().id(), "account-console").orElseThrow();
        clients.update(ofB.toBuilder()
                .redirectUris(List.of("https://old.example/cb"))
                .enabled(false)
                .build());

        curfew.services().accountConsole().serving(curfew.server().port());

        assertThat(clients.findByClientId(a.realm().id(), "account-console")).isPresent();
        Client corrected =
                clients.findByClientId(b.realm().id(), "account-console").orElseThrow();
        assertThat(corrected.redirectUris()).allMatch(u -> u.endsWith(b.path("/account/callback")));
        assertThat(corrected.enabled())
                .as("an administrator's choice to disable it is kept")
                .isFalse();
    }
}
