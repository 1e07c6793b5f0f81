package dev.curfew.store.jdbc;

import static dev.curfew.store.jdbc.Fixtures.T0;
import static dev.curfew.store.jdbc.Fixtures.newSession;
import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.SessionLimits;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.user.User;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Counting a user's sessions for the realm's session limit")
class SessionLimitStoreTest extends StoreContract {
    private static final Duration IDLE = Duration.ofMinutes(30);
    private static final Duration MAX = Duration.ofHours(10);

    private Realm realm;
    private User alice;

    @BeforeEach
    void createUser() {
        realm = given.realm("acme");
        alice = given.user(realm, "alice");
    }

    private List<UserSession> active(Instant now) {
        return store.inTransaction(
                tx -> tx.sessions().lockActiveOfUser(realm.id(), alice.id(), now.minus(IDLE), now.minus(MAX)));
    }

    @Test
    @DisplayName("the user's sessions come oldest first, without the idle or too old ones and without other users'")
    void activeSessionsOldestFirstWithoutExpiredOnes() {
        Instant now = T0.plus(Duration.ofHours(12));
        UserSession tooOld =
                newSession(alice, now.minus(MAX).minusSeconds(1), now, "192.0.2.1", "a", java.util.Set.of());
        UserSession idle = newSession(
                alice, now.minusSeconds(7200), now.minus(IDLE).minusSeconds(1), "192.0.2.1", "a", java.util.Set.of());
        UserSession older = newSession(alice, now.minusSeconds(600), now, "192.0.2.1", "a", java.util.Set.of());
        UserSession newer = newSession(alice, now.minusSeconds(60), now, "192.0.2.1", "a", java.util.Set.of());
        UserSession bobs = newSession(given.user(realm, "bob"), now.minusSeconds(60));
        for (UserSession s : List.of(newer, tooOld, idle, older, bobs)) {
            store.sessions().create(s);
        }

        assertThat(active(now)).extracting(UserSession::id).containsExactly(older.id(), newer.id());
    }

    @Test
    @DisplayName("sign-ins at once under the lock start no more sessions than a limit of one allows")
    void concurrentSignInsUnderTheLockKeepALimitOfOne() throws Exception {
        List<Boolean> started = Concurrently.run(() -> store.inTransaction(tx -> {
            List<UserSession> active =
                    tx.sessions().lockActiveOfUser(realm.id(), alice.id(), T0.minus(IDLE), T0.minus(MAX));
            if (!active.isEmpty()) {
                return false;
            }
            tx.sessions().create(newSession(alice, T0));
            return true;
        }));

        assertThat(started).containsOnlyOnce(true);
        assertThat(active(T0)).hasSize(1);
    }

    @Test
    @DisplayName("a realm's session limits are saved and read back")
    void sessionLimitsRoundTrip() {
        SessionLimits limits = new SessionLimits(3, 2, SessionLimits.WhenExceeded.END_OLDEST);
        store.realms()
                .update(new Realm(
                        realm.id(),
                        realm.name(),
                        realm.displayName(),
                        realm.enabled(),
                        realm.settings().withSessionLimits(limits),
                        realm.notBefore(),
                        realm.createdAt()));

        assertThat(store.realms().findById(realm.id()).orElseThrow().settings().sessionLimits())
                .isEqualTo(limits);
    }
}
