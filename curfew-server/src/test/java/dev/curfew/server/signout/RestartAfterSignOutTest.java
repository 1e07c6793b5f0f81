package dev.curfew.server.signout;

import static dev.curfew.server.testing.SignOutApi.clientScope;
import static dev.curfew.server.testing.SignOutApi.filterScope;
import static dev.curfew.server.testing.SignOutApi.realmScope;
import static dev.curfew.server.testing.SignOutApi.sessionScope;
import static dev.curfew.server.testing.SignOutApi.userScope;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.signout.SignOut;
import dev.curfew.server.testing.Browser;
import dev.curfew.server.testing.MutableClock;
import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Sign-outs are durable: restarting the server on the same database brings nothing signed out back")
class RestartAfterSignOutTest {
    @TempDir
    Path dataDir;

    Map<String, String> fileDatabase() {
        return Map.of("db-url", "jdbc:h2:file:" + dataDir.resolve("curfew"), "data-dir", dataDir.toString());
    }

    static void tick(TestCurfew curfew) {
        curfew.clock().advance(Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("one sign-out of each scope, then a restart: signed-out sessions stay out, untouched ones still work")
    void nothingComesBackAfterARestart() {
        MutableClock clock = new MutableClock();
        TestCurfew first = TestCurfew.start(fileDatabase(), clock);
        TestRealm realm = TestRealm.create(first);
        TestRealm realm2 = TestRealm.create(first);
        ConfidentialClient web = realm.confidentialClient("web");
        ConfidentialClient crm = realm.confidentialClient("crm");
        ConfidentialClient web2 = realm2.confidentialClient("web");
        for (String u : List.of("sam", "ursula", "carl", "fiona", "ned")) {
            realm.user(u);
        }
        realm2.user("rita");
        SignedIn session = SignedIn.login(realm, web, "sam");
        SignedIn user = SignedIn.login(realm, web, "ursula");
        Browser carlBrowser = first.browser();
        SignedIn carlWeb = SignedIn.login(carlBrowser, realm, web, "carl");
        SignedIn carlCrm = SignedIn.viaSso(carlBrowser, realm, crm);
        SignedIn filtered = SignedIn.login(realm, web, "fiona");
        SignedIn untouched = SignedIn.login(realm, web, "ned");
        SignedIn ofRealm2 = SignedIn.login(realm2, web2, "rita");
        tick(first);
        SignOutApi api = new SignOutApi(first);
        api.signOut(realm.name(), sessionScope(session.sid()), "restart test: session");
        api.signOut(realm.name(), userScope(user.userId()), "restart test: user");
        api.signOut(realm.name(), clientScope("crm"), "restart test: client");
        api.signOut(realm.name(), filterScope(Map.of("userIds", List.of(filtered.userId()))), "restart test: filter");
        api.signOut(realm2.name(), realmScope(), "restart test: realm");
        first.close();

        TestCurfew second = TestCurfew.start(fileDatabase(), clock);
        try {
            tick(second);
            TestRealm again = TestRealm.existing(second, realm.name());
            TestRealm again2 = TestRealm.existing(second, realm2.name());
            session.movedTo(again).assertSignedOut("session scope");
            user.movedTo(again).assertSignedOut("user scope");
            carlCrm.movedTo(again).assertTokensDead("client scope: crm's tokens");
            carlWeb.movedTo(again).assertWorks("client scope: carl's other client");
            filtered.movedTo(again).assertSignedOut("filter scope");
            ofRealm2.movedTo(again2).assertSignedOut("realm scope");
            untouched.movedTo(again).assertWorks("untouched session");
            assertThat(new SignOutApi(second).history(realm.name()).get("total").asLong())
                    .isEqualTo(4);
        } finally {
            second.close();
        }
    }

    @Test
    @DisplayName("a realm sign-out still RUNNING when the server stopped finishes its clean-up on the next start")
    void runningCleanUpResumesOnStart() {
        MutableClock clock = new MutableClock();
        TestCurfew first = TestCurfew.start(fileDatabase(), clock);
        TestRealm realm = TestRealm.create(first);
        ConfidentialClient web = realm.confidentialClient("web");
        realm.user("alice");
        SignedIn a = SignedIn.login(realm, web, "alice");
        SignedIn b = SignedIn.login(realm, web, "alice");
        tick(first);
        // What a sign-out has made durable when the server stops before its clean-up ran: the cut-off and
        // the RUNNING record, in one transaction (as SignOutService writes them).
        Realm stored = realm.realm();
        Instant cutOff = clock.instant();
        SignOut running = new SignOut(
                "interrupted-1",
                stored.id(),
                "realm",
                "{\"type\":\"realm\",\"realm\":\"" + stored.name() + "\"}",
                "crash test",
                "someone",
                "someone",
                "AUTH_ADMINISTRATOR",
                "req-1",
                "127.0.0.1",
                Optional.of(cutOff),
                0,
                SignOut.Status.RUNNING,
                cutOff,
                Optional.empty(),
                Optional.empty());
        first.services().store().inTransaction(tx -> {
            tx.realms().setNotBefore(stored.id(), cutOff);
            tx.signOuts().create(running);
            return null;
        });
        first.close();

        TestCurfew second = TestCurfew.start(fileDatabase(), clock);
        try {
            tick(second);
            SignOutApi api = new SignOutApi(second);
            JsonNode completed = api.awaitCompleted(realm.name(), "interrupted-1");
            assertThat(completed.get("affectedSessions").asLong()).isEqualTo(2);
            assertThat(api.sessions(realm.name(), "").get("total").asLong()).isZero();
            TestRealm again = TestRealm.existing(second, realm.name());
            a.movedTo(again).assertSignedOut("session from before the cut-off");
            b.movedTo(again).assertSignedOut("other session from before the cut-off");
            SignedIn.login(again, web, "alice").assertWorks("a login after the restart");
        } finally {
            second.close();
        }
    }
}
