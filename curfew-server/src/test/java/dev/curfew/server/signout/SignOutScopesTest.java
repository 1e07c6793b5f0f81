package dev.curfew.server.signout;

import static dev.curfew.server.testing.SignOutApi.clientScope;
import static dev.curfew.server.testing.SignOutApi.filterScope;
import static dev.curfew.server.testing.SignOutApi.realmScope;
import static dev.curfew.server.testing.SignOutApi.sessionScope;
import static dev.curfew.server.testing.SignOutApi.userScope;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.testing.Browser;
import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("After a sign-out of any scope, nothing in it keeps working, and nothing outside it stops")
class SignOutScopesTest {
    static TestCurfew curfew;
    static SignOutApi api;

    TestRealm realm;
    TestRealm otherRealm;
    ConfidentialClient web;
    ConfidentialClient wiki;
    ConfidentialClient otherWeb;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        api = new SignOutApi(curfew);
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @BeforeEach
    void realms() {
        realm = TestRealm.create(curfew);
        web = realm.confidentialClient("web");
        wiki = realm.confidentialClient("wiki");
        realm.user("alice");
        realm.user("bob");
        otherRealm = TestRealm.create(curfew);
        otherWeb = otherRealm.confidentialClient("web");
        otherRealm.user("alice");
    }

    /** Steps past the one-second granularity of JWT {@code iat}, so "before" and "after" are distinct. */
    static void tick() {
        curfew.clock().advance(Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("session scope: that session is out; the same user's other session, other users and other realms work")
    void sessionScopeEndsOnlyThatSession() {
        SignedIn target = SignedIn.login(realm, web, "alice").assertWorks("target before");
        SignedIn sameUserElsewhere = SignedIn.login(realm, web, "alice").assertWorks("alice's other device before");
        SignedIn otherUser = SignedIn.login(realm, web, "bob").assertWorks("bob before");
        SignedIn otherRealmUser = SignedIn.login(otherRealm, otherWeb, "alice").assertWorks("other realm before");
        tick();

        JsonNode done = api.signOut(realm.name(), sessionScope(target.sid()), "lost laptop");
        tick();

        assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.get("affectedSessions").asLong()).isEqualTo(1);
        target.assertSignedOut("signed-out session");
        sameUserElsewhere.assertWorks("alice's other device");
        otherUser.assertWorks("bob");
        otherRealmUser.assertWorks("other realm");
    }

    @Test
    @DisplayName("user scope: every session of the user is out, other users and realms work, a new login works")
    void userScopeEndsEverySessionOfTheUser() {
        SignedIn laptop = SignedIn.login(realm, web, "alice").assertWorks("laptop before");
        SignedIn phone = SignedIn.login(realm, wiki, "alice").assertWorks("phone before");
        SignedIn otherUser = SignedIn.login(realm, web, "bob").assertWorks("bob before");
        SignedIn otherRealmUser = SignedIn.login(otherRealm, otherWeb, "alice").assertWorks("other realm before");
        tick();

        JsonNode done = api.signOut(realm.name(), userScope(laptop.userId()), "account compromised");
        tick();

        // Enforced at once by the cut-off; the rows are removed by the background clean-up.
        JsonNode completed = api.awaitCompleted(realm.name(), done.get("id").asText());
        assertThat(completed.get("affectedSessions").asLong()).isEqualTo(2);
        laptop.assertSignedOut("alice's laptop");
        phone.assertSignedOut("alice's phone");
        otherUser.assertWorks("bob");
        otherRealmUser.assertWorks("alice of the other realm");
        SignedIn.login(realm, web, "alice").assertWorks("alice's new login");
    }

    @Test
    @DisplayName(
            "client scope: that client's tokens die in every session; SSO and other clients are untouched; a new authorization through SSO works")
    void clientScopeEndsTheClientsTokensOnly() {
        Browser aliceBrowser = curfew.browser();
        SignedIn aliceWeb = SignedIn.login(aliceBrowser, realm, web, "alice").assertWorks("alice/web before");
        SignedIn aliceWiki = SignedIn.viaSso(aliceBrowser, realm, wiki).assertWorks("alice/wiki before");
        SignedIn bobWeb = SignedIn.login(realm, web, "bob").assertWorks("bob/web before");
        SignedIn otherRealmWeb = SignedIn.login(otherRealm, otherWeb, "alice").assertWorks("other realm/web before");
        tick();

        JsonNode done = api.signOut(realm.name(), clientScope("web"), "web app secret leaked");
        tick();

        aliceWeb.assertTokensDead("alice/web");
        bobWeb.assertTokensDead("bob/web");
        assertThat(aliceWeb.sso()).as("alice's SSO session for web").containsKey("code");
        aliceWiki.assertWorks("alice/wiki");
        otherRealmWeb.assertWorks("the other realm's client of the same clientId");
        SignedIn.viaSso(aliceBrowser, realm, web).assertWorks("alice/web authorized afresh through SSO");
        JsonNode completed = api.awaitCompleted(realm.name(), done.get("id").asText());
        assertThat(completed.get("affectedSessions").asLong()).isEqualTo(2);
    }

    @Test
    @DisplayName("realm scope: every session of the realm is out; other realms work; a new login works")
    void realmScopeEndsEverySessionOfTheRealm() {
        Browser aliceBrowser = curfew.browser();
        SignedIn aliceWeb = SignedIn.login(aliceBrowser, realm, web, "alice").assertWorks("alice/web before");
        SignedIn aliceWiki = SignedIn.viaSso(aliceBrowser, realm, wiki).assertWorks("alice/wiki before");
        SignedIn bob = SignedIn.login(realm, wiki, "bob").assertWorks("bob before");
        SignedIn otherRealmUser = SignedIn.login(otherRealm, otherWeb, "alice").assertWorks("other realm before");
        tick();

        JsonNode done = api.signOut(realm.name(), realmScope(), "security incident");
        tick();

        assertThat(done.get("cutOff").isNull()).isFalse();
        aliceWeb.assertSignedOut("alice/web");
        aliceWiki.assertSignedOut("alice/wiki");
        bob.assertSignedOut("bob");
        otherRealmUser.assertWorks("other realm");
        SignedIn.login(realm, web, "bob").assertWorks("bob's new login");
        JsonNode completed = api.awaitCompleted(realm.name(), done.get("id").asText());
        assertThat(completed.get("affectedSessions").asLong()).isEqualTo(2);
    }

    @Test
    @DisplayName("filter scope: the whole of each matching session is out (all its clients); non-matching ones work")
    void filterScopeEndsMatchingSessions() {
        Browser aliceBrowser = curfew.browser();
        SignedIn aliceWeb = SignedIn.login(aliceBrowser, realm, web, "alice").assertWorks("alice/web before");
        SignedIn aliceWiki = SignedIn.viaSso(aliceBrowser, realm, wiki).assertWorks("alice/wiki before");
        SignedIn bobWeb = SignedIn.login(realm, web, "bob").assertWorks("bob/web before");
        SignedIn otherRealmUser = SignedIn.login(otherRealm, otherWeb, "alice").assertWorks("other realm before");
        tick();

        JsonNode done = api.signOut(
                realm.name(),
                filterScope(Map.of("clientId", "wiki", "ip", "127.0.0.0/8", "authMethods", List.of("pwd"))),
                "wiki compromised: end every session that used it");
        tick();

        assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.get("affectedSessions").asLong()).isEqualTo(1);
        aliceWiki.assertSignedOut("alice/wiki");
        aliceWeb.assertTokensDead("alice/web, same session");
        bobWeb.assertWorks("bob never used wiki");
        otherRealmUser.assertWorks("other realm");
    }
}
