package dev.curfew.server.signout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.signout.SignOut;
import dev.curfew.core.store.Store;
import dev.curfew.engine.signout.SignOutLeases;
import dev.curfew.server.testing.MutableClock;
import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A running node takes over the sign-out of a node that died, once its lease has run out")
class SignOutTakeOverTest {
    private static final String DEAD_NODE = "a-node-that-died";

    @Test
    @DisplayName("a realm sign-out leased to a dead node is left alone while the lease holds, then finished")
    void leasedSignOutIsTakenOverOnceItsLeaseRunsOut() {
        MutableClock clock = new MutableClock();
        try (TestCurfew curfew = TestCurfew.start(Map.of(), clock)) {
            TestRealm realm = TestRealm.create(curfew);
            ConfidentialClient web = realm.confidentialClient("web");
            realm.user("alice");
            SignedIn a = SignedIn.login(realm, web, "alice");
            SignedIn b = SignedIn.login(realm, web, "alice");
            clock.advance(Duration.ofSeconds(1));
            Store store = curfew.services().store();
            SignOut running = interruptedRealmSignOut(store, realm.realm(), clock.instant());

            curfew.server().housekeeping().takeOver();

            boolean stillHeld = store.inTransaction(
                    tx -> tx.signOuts().lockIfHeld(realm.realm().id(), running.id(), DEAD_NODE));
            assertThat(stillHeld)
                    .as("the dead node still holds the lease before it runs out")
                    .isTrue();

            clock.advance(SignOutLeases.DURATION.plusSeconds(1));
            curfew.server().housekeeping().takeOver();

            SignOutApi api = new SignOutApi(curfew);
            JsonNode completed = api.awaitCompleted(realm.name(), running.id());
            assertThat(completed.get("affectedSessions").asLong()).isEqualTo(2);
            assertThat(api.sessions(realm.name(), "").get("total").asLong()).isZero();
            a.assertSignedOut("a session from before the cut-off");
            b.assertSignedOut("another session from before the cut-off");
        }
    }

    /**
     * What a node that died in the middle of a realm sign-out leaves: the cut-off and the RUNNING record, leased to
     * it until {@link SignOutLeases#DURATION} from now.
     */
    private static SignOut interruptedRealmSignOut(Store store, Realm realm, Instant cutOff) {
        SignOut running = new SignOut(
                "interrupted-1",
                realm.id(),
                "realm",
                "{\"type\":\"realm\",\"realm\":\"" + realm.name() + "\"}",
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
        store.inTransaction(tx -> {
            tx.realms().setNotBefore(realm.id(), cutOff);
            tx.signOuts().create(running);
            tx.signOuts().claim(realm.id(), running.id(), DEAD_NODE, cutOff, cutOff.plus(SignOutLeases.DURATION));
            return null;
        });
        return running;
    }
}
