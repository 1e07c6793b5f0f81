package dev.curfew.store.jdbc;

import static dev.curfew.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.ClientSession;
import dev.curfew.core.session.ClientSessionRef;
import dev.curfew.core.session.Page;
import dev.curfew.core.session.SessionFilter;
import dev.curfew.core.session.SessionQuery;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.store.DuplicateException;
import dev.curfew.core.token.AuthorizationCode;
import dev.curfew.core.token.RefreshToken;
import dev.curfew.core.user.User;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionStoreTest extends StoreContract {
    private Realm realm;
    private User alice;
    private User bob;
    private Client app;
    private Client api;

    @BeforeEach
    void createRealm() {
        realm = given.realm("acme");
        alice = given.user(realm, "alice");
        bob = given.user(realm, "bob");
        app = given.client(realm, "app");
        api = given.client(realm, "api");
    }

    @Test
    void createdSessionIsFoundByIdAndByCookieHashWithEveryField() {
        UserSession session = new UserSession(
                "sid-1",
                realm.id(),
                alice.id(),
                "cookie-hash-1",
                T0,
                T0.plusSeconds(5),
                "2001:db8::1",
                "Mozilla/5.0 (X11; Linux x86_64)",
                Set.of("pwd", "otp"));

        store.sessions().create(session);

        assertThat(store.sessions().findById("sid-1")).contains(session);
        assertThat(store.sessions().findByCookieHash("cookie-hash-1")).contains(session);
        assertThat(store.sessions().findByCookieHash("sid-1")).isEmpty();
        assertThat(store.sessions().findById("unknown")).isEmpty();
    }

    /** OpenID Connect Back-Channel Logout 1.0 §2.6: a logout token repeats the iss its relying party saw. */
    @Test
    void clientSessionsNameTheIssuerTheClientSawElseTheSessions() {
        UserSession session = new UserSession(
                "sid-iss",
                realm.id(),
                alice.id(),
                "cookie-hash-iss",
                T0,
                T0,
                "192.0.2.1",
                "",
                Set.of("pwd"),
                Optional.of("http://127.0.0.1:8080/realms/acme"));
        store.sessions().create(session);
        store.sessions()
                .recordClientSession(new ClientSession(
                        session.id(), app.id(), T0, T0, Optional.of("http://rp-side:8080/realms/acme")));
        store.sessions().recordClientSession(new ClientSession(session.id(), api.id(), T0, T0));
        // Used again without a known issuer (a row written by an earlier version's code path): the issuer stays.
        store.sessions().recordClientSession(new ClientSession(session.id(), app.id(), T0, T0.plusSeconds(1)));

        assertThat(store.sessions().findById(session.id())).contains(session);
        assertThat(store.sessions().clientSessionsOf(List.of(session.id())))
                .extracting(ClientSessionRef::clientId, ClientSessionRef::issuer)
                .containsExactlyInAnyOrder(
                        tuple(app.id(), Optional.of("http://rp-side:8080/realms/acme")),
                        tuple(api.id(), Optional.of("http://127.0.0.1:8080/realms/acme")));
    }

    @Test
    void takenCookieHashThrowsDuplicate() {
        UserSession first = given.session(alice);
        UserSession second =
                new UserSession("sid-2", realm.id(), bob.id(), first.cookieHash(), T0, T0, "", "", Set.of());

        assertThatThrownBy(() -> store.sessions().create(second)).isInstanceOf(DuplicateException.class);
    }

    @Test
    void touchMovesLastActiveForwardButNeverBack() {
        UserSession session = given.session(alice);

        store.sessions().touch(session.id(), T0.plusSeconds(60));
        store.sessions().touch(session.id(), T0.plusSeconds(30));

        assertThat(store.sessions().findById(session.id())).contains(session.touchedAt(T0.plusSeconds(60)));
    }

    @Test
    void findListsTheRealmsSessionsNewestFirstInPages() {
        List<UserSession> sessions = List.of(
                given.session(alice, T0.plusSeconds(1)),
                given.session(bob, T0.plusSeconds(3)),
                given.session(alice, T0.plusSeconds(2)),
                given.session(bob, T0.plusSeconds(4)));
        given.session(given.user(given.realm("other"), "carol"), T0.plusSeconds(9));
        SessionQuery all = SessionQuery.ofRealm(realm.id(), new Page(1, 2));

        assertThat(store.sessions().find(all)).containsExactly(sessions.get(1), sessions.get(2));
        assertThat(store.sessions().count(all)).isEqualTo(4);
    }

    @Test
    void findFiltersByUser() {
        UserSession older = given.session(alice, T0);
        UserSession newer = given.session(alice, T0.plusSeconds(1));
        given.session(bob, T0);

        SessionQuery query = SessionQuery.ofUser(realm.id(), alice.id(), Page.DEFAULT);

        assertThat(store.sessions().find(query)).containsExactly(newer, older);
        assertThat(store.sessions().count(query)).isEqualTo(2);
    }

    @Test
    void findFiltersByClientThroughClientSessions() {
        UserSession both = given.session(alice, T0, List.of(app, api));
        UserSession appOnly = given.session(bob, T0.plusSeconds(1), List.of(app));
        given.session(alice, T0.plusSeconds(2), List.of(api));
        given.session(bob, T0.plusSeconds(3));

        SessionQuery query = SessionQuery.ofClient(realm.id(), app.id(), Page.DEFAULT);

        assertThat(store.sessions().find(query)).containsExactly(appOnly, both);
        assertThat(store.sessions().count(query)).isEqualTo(2);
    }

    @Test
    void findFiltersByUserAndClientTogether() {
        UserSession match = given.session(alice, T0, List.of(app));
        given.session(alice, T0.plusSeconds(1), List.of(api));
        given.session(bob, T0.plusSeconds(2), List.of(app));

        SessionQuery query = new SessionQuery(
                realm.id(), SessionFilter.ofUser(alice.id()).withClientId(Optional.of(app.id())), Page.DEFAULT);

        assertThat(store.sessions().find(query)).containsExactly(match);
        assertThat(store.sessions().count(query)).isEqualTo(1);
    }

    @Test
    void deleteRemovesClientSessionsCodesAndRefreshTokens() {
        UserSession session = given.session(alice, T0, List.of(app));
        AuthorizationCode code = given.code(session, app, T0.plusSeconds(60));
        RefreshToken token = given.refreshToken(session, app, T0.plusSeconds(3600));
        UserSession other = given.session(alice, T0, List.of(app));

        assertThat(store.sessions().delete(session.id())).isTrue();

        assertThat(store.sessions().findById(session.id())).isEmpty();
        assertThat(store.sessions().clientSessions(session.id())).isEmpty();
        assertThat(store.tokens().redeemCode(code.codeHash(), T0).redeemed()).isEmpty();
        assertThat(store.tokens().findRefreshToken(token.tokenHash())).isEmpty();
        assertThat(store.sessions().findById(other.id())).contains(other);
        assertThat(store.sessions().delete(session.id())).isFalse();
    }

    @Test
    void recordClientSessionCreatesThenKeepsCreationAndMovesLastUse() {
        UserSession session = given.session(alice);

        store.sessions().recordClientSession(new ClientSession(session.id(), app.id(), T0, T0));
        store.sessions()
                .recordClientSession(new ClientSession(session.id(), app.id(), T0.plusSeconds(50), T0.plusSeconds(50)));
        store.sessions()
                .recordClientSession(new ClientSession(session.id(), app.id(), T0.plusSeconds(20), T0.plusSeconds(20)));
        store.sessions()
                .recordClientSession(new ClientSession(session.id(), api.id(), T0.plusSeconds(10), T0.plusSeconds(10)));

        assertThat(store.sessions().clientSessions(session.id()))
                .containsExactly(
                        new ClientSession(session.id(), app.id(), T0, T0.plusSeconds(50)),
                        new ClientSession(session.id(), api.id(), T0.plusSeconds(10), T0.plusSeconds(10)));
    }

    @Test
    void createClientSessionStoresItAndRefusesASecondForTheSameClient() {
        UserSession session = given.session(alice);
        ClientSession first = new ClientSession(session.id(), app.id(), T0, T0, Optional.of("https://id.example/x"));

        store.sessions().createClientSession(first);

        assertThat(store.sessions().clientSessions(session.id())).containsExactly(first);
        assertThatThrownBy(() -> store.sessions()
                        .createClientSession(new ClientSession(session.id(), app.id(), T0, T0.plusSeconds(5))))
                .isInstanceOf(DuplicateException.class)
                .hasMessageContaining(app.id());
        assertThat(store.sessions().clientSessions(session.id())).containsExactly(first);
    }

    @Test
    void concurrentFirstUsesOfAClientRecordOneClientSession() throws Exception {
        for (int attempt = 0; attempt < 10; attempt++) {
            UserSession session = given.session(alice);

            Concurrently.run(() -> {
                Instant now = T0.plusMillis(Thread.currentThread().threadId() % 1000);
                store.sessions().recordClientSession(new ClientSession(session.id(), app.id(), now, now));
                return null;
            });

            assertThat(store.sessions().clientSessions(session.id())).hasSize(1);
        }
    }

    @Test
    void countByClientCountsTheRealmsSessionsPerClient() {
        given.session(alice, T0, List.of(app, api));
        given.session(bob, T0, List.of(app));
        given.session(bob, T0);
        Realm other = given.realm("other");
        given.session(given.user(other, "carol"), T0, List.of(given.client(other, "app")));

        assertThat(store.sessions().countByClient(realm.id())).isEqualTo(Map.of(app.id(), 2L, api.id(), 1L));
        assertThat(store.sessions().countByClient("no-such-realm")).isEmpty();
    }

    @Test
    void deleteExpiredRemovesIdleAndTooOldSessionsInBatches() {
        Instant now = T0.plus(Duration.ofHours(20));
        Instant idleBefore = now.minus(Duration.ofMinutes(30));
        Instant createdBefore = now.minus(Duration.ofHours(10));
        for (int i = 0; i < 3; i++) {
            UserSession idle = given.session(alice, now.minus(Duration.ofHours(1)));
            store.sessions().touch(idle.id(), idleBefore.minusMillis(1));
        }
        for (int i = 0; i < 2; i++) {
            UserSession tooOld = given.session(bob, createdBefore.minusMillis(1));
            store.sessions().touch(tooOld.id(), now);
        }
        UserSession live = given.session(alice, now.minus(Duration.ofHours(1)));
        store.sessions().touch(live.id(), idleBefore);
        Realm other = given.realm("other");
        UserSession elsewhere = given.session(given.user(other, "carol"), T0);

        assertThat(store.sessions().deleteExpired(realm.id(), idleBefore, createdBefore, 2))
                .isEqualTo(2);
        assertThat(store.sessions().deleteExpired(realm.id(), idleBefore, createdBefore, 2))
                .isEqualTo(2);
        assertThat(store.sessions().deleteExpired(realm.id(), idleBefore, createdBefore, 2))
                .isEqualTo(1);
        assertThat(store.sessions().deleteExpired(realm.id(), idleBefore, createdBefore, 2))
                .isZero();

        assertThat(store.sessions().find(SessionQuery.ofRealm(realm.id(), Page.DEFAULT)))
                .extracting(UserSession::id)
                .containsExactly(live.id());
        assertThat(store.sessions().findById(elsewhere.id())).isPresent();
    }

    @Test
    void deleteExpiredRefusesALimitItCannotBind() {
        assertThatThrownBy(() -> store.sessions().deleteExpired(realm.id(), T0, T0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.sessions().deleteExpired(realm.id(), T0, T0, Batch.MAX_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit must be between 1 and " + Batch.MAX_LIMIT);
    }
}
