package dev.curfew.store.jdbc;

import static dev.curfew.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.ClientSession;
import dev.curfew.core.session.ClientSessionRef;
import dev.curfew.core.session.Page;
import dev.curfew.core.session.SessionFilter;
import dev.curfew.core.session.SessionQuery;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.token.AuthorizationCode;
import dev.curfew.core.token.RefreshToken;
import dev.curfew.core.user.User;
import dev.curfew.core.util.Secrets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ending many sessions: keyset paging over a filter, bulk deletes, and the clean-up after a cut-off. */
class SessionCleanupStoreTest extends StoreContract {
    private static final Instant CUT_OFF = T0.plus(Duration.ofHours(1));

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
    void matchingIdsPagesThroughTheFilterInIdOrder() {
        List<String> linux = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            linux.add(given.session(alice, "", "Linux", Set.of()).id());
            given.session(alice, "", "Windows", Set.of());
        }
        SessionFilter filter = SessionFilter.ALL.withUserAgentContains(Optional.of("linux"));

        List<String> seen = new ArrayList<>();
        List<String> page = store.sessions().matchingIds(realm.id(), filter, Optional.empty(), 10);
        while (!page.isEmpty()) {
            assertThat(page).isSorted();
            seen.addAll(page);
            page = store.sessions().matchingIds(realm.id(), filter, Optional.of(page.getLast()), 10);
        }

        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(linux);
    }

    @Test
    void matchingIdsMissesNoSessionWhileThePagesBeforeAreDeleted() {
        List<String> linux = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            linux.add(given.session(alice, "", "Linux", Set.of()).id());
        }
        UserSession windows = given.session(alice, "", "Windows", Set.of());
        SessionFilter filter = SessionFilter.ALL.withUserAgentContains(Optional.of("linux"));

        List<String> ended = new ArrayList<>();
        Optional<String> after = Optional.empty();
        List<String> page;
        while (!(page = store.sessions().matchingIds(realm.id(), filter, after, 7)).isEmpty()) {
            assertThat(store.sessions().deleteAll(page)).isEqualTo(page.size());
            ended.addAll(page);
            after = Optional.of(page.getLast());
        }

        assertThat(ended).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(linux);
        assertThat(store.sessions().find(SessionQuery.ofRealm(realm.id(), Page.DEFAULT)))
                .containsExactly(windows);
    }

    @Test
    void matchingIdsRefusesALimitItCannotBind() {
        assertThatThrownBy(() -> store.sessions().matchingIds(realm.id(), SessionFilter.ALL, Optional.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deleteAllCountsOnlySessionsThatExistedAcrossChunks() {
        UserSession first = given.session(alice);
        UserSession middle = given.session(alice);
        UserSession last = given.session(bob);
        UserSession kept = given.session(bob);
        List<String> ids = new ArrayList<>();
        ids.add(first.id());
        for (int i = 0; i < JdbcSessionStore.DELETE_CHUNK + 100; i++) {
            ids.add(i == JdbcSessionStore.DELETE_CHUNK ? middle.id() : Secrets.newId());
        }
        ids.add(last.id());
        ids.add(first.id());

        assertThat(store.sessions().deleteAll(ids)).isEqualTo(3);

        assertThat(store.sessions().find(SessionQuery.ofRealm(realm.id(), Page.DEFAULT)))
                .containsExactly(kept);
        assertThat(store.sessions().deleteAll(List.of())).isZero();
    }

    @Test
    void deleteAllTakesClientSessionsCodesAndRefreshTokensAlong() {
        UserSession session = given.session(alice, T0, List.of(app));
        AuthorizationCode code = given.code(session, app, T0.plusSeconds(60));
        RefreshToken token = given.refreshToken(session, app, T0.plusSeconds(3600));

        assertThat(store.sessions().deleteAll(List.of(session.id()))).isEqualTo(1);

        assertThat(store.sessions().clientSessions(session.id())).isEmpty();
        assertThat(store.tokens().redeemCode(code.codeHash(), T0).redeemed()).isEmpty();
        assertThat(store.tokens().findRefreshToken(token.tokenHash())).isEmpty();
    }

    @Test
    void deleteClientSessionsBeforeEndsOnlyThatClientsOlderClientSessionsInBatches() {
        List<UserSession> old = List.of(
                given.session(alice, T0, List.of(app, api)),
                given.session(bob, T0, List.of(app, api)),
                given.session(alice, T0, List.of(app)));
        UserSession newer = given.session(bob, CUT_OFF, List.of(app));

        assertThat(store.sessions().deleteClientSessionsBefore(realm.id(), app.id(), CUT_OFF, 2))
                .isEqualTo(2);
        assertThat(store.sessions().deleteClientSessionsBefore(realm.id(), app.id(), CUT_OFF, 2))
                .isEqualTo(1);
        assertThat(store.sessions().deleteClientSessionsBefore(realm.id(), app.id(), CUT_OFF, 2))
                .isZero();

        assertThat(store.sessions().clientSessions(old.get(0).id()))
                .containsExactly(new ClientSession(old.get(0).id(), api.id(), T0, T0));
        assertThat(store.sessions().clientSessions(old.get(1).id()))
                .containsExactly(new ClientSession(old.get(1).id(), api.id(), T0, T0));
        assertThat(store.sessions().clientSessions(old.get(2).id())).isEmpty();
        assertThat(store.sessions().clientSessions(newer.id())).hasSize(1);
        assertThat(store.sessions().count(SessionQuery.ofRealm(realm.id(), Page.DEFAULT)))
                .as("the SSO sessions stay")
                .isEqualTo(4);
    }

    @Test
    void deleteClientSessionsBeforeRemovesThatClientsEarlierTokensAndCodesOnly() {
        UserSession session = given.session(alice, T0, List.of(app, api));
        RefreshToken appOld = refreshToken(session, app, CUT_OFF.minusMillis(1));
        RefreshToken appRotatedOld = refreshToken(session, app, T0);
        RefreshToken appNew = refreshToken(session, app, CUT_OFF);
        RefreshToken apiOld = refreshToken(session, api, T0);
        AuthorizationCode appCode = given.code(session, app, T0.plusSeconds(60));
        AuthorizationCode apiCode = given.code(session, api, T0.plusSeconds(60));

        assertThat(store.sessions().deleteClientSessionsBefore(realm.id(), app.id(), CUT_OFF, 10))
                .isEqualTo(1);

        assertThat(store.tokens().findRefreshToken(appOld.tokenHash())).isEmpty();
        assertThat(store.tokens().findRefreshToken(appRotatedOld.tokenHash())).isEmpty();
        assertThat(store.tokens().findRefreshToken(appNew.tokenHash())).contains(appNew);
        assertThat(store.tokens().findRefreshToken(apiOld.tokenHash())).contains(apiOld);
        assertThat(store.tokens().redeemCode(appCode.codeHash(), T0).redeemed()).isEmpty();
        assertThat(store.tokens().redeemCode(apiCode.codeHash(), T0).redeemed()).contains(apiCode);
        assertThat(store.sessions().findById(session.id())).contains(session);
    }

    @Test
    void deleteClientSessionsBeforeSweepsEarlierTokensWhoseClientSessionIsGone() {
        UserSession withoutClientSession = given.session(alice, T0);
        List<RefreshToken> strays = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            strays.add(refreshToken(withoutClientSession, app, T0.plusSeconds(i)));
        }

        assertThat(store.sessions().deleteClientSessionsBefore(realm.id(), app.id(), CUT_OFF, 2))
                .isZero();

        for (RefreshToken stray : strays) {
            assertThat(store.tokens().findRefreshToken(stray.tokenHash())).isEmpty();
        }
    }

    @Test
    void deleteClientSessionsBeforeIgnoresAClientOfAnotherRealm() {
        UserSession session = given.session(alice, T0, List.of(app));

        assertThat(store.sessions()
                        .deleteClientSessionsBefore(given.realm("other").id(), app.id(), CUT_OFF, 10))
                .isZero();

        assertThat(store.sessions().clientSessions(session.id())).hasSize(1);
    }

    @Test
    void cleanUpRefusesALimitItCannotBind() {
        assertThatThrownBy(() ->
                        store.sessions().deleteClientSessionsBefore(realm.id(), app.id(), CUT_OFF, Batch.MAX_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private RefreshToken refreshToken(UserSession session, Client client, Instant issuedAt) {
        return given.refreshToken(session, client, issuedAt.plus(Duration.ofMinutes(30)));
    }

    @Test
    void clientSessionsOfNamesEachClientSessionWithItsUserInOneCall() {
        UserSession first = given.session(alice, T0, List.of(app, api));
        UserSession second = given.session(bob, T0, List.of(app));
        UserSession none = given.session(bob, T0);

        List<ClientSessionRef> refs =
                store.sessions().clientSessionsOf(List.of(first.id(), second.id(), none.id(), "unknown"));

        assertThat(refs)
                .containsExactlyInAnyOrder(
                        new ClientSessionRef(realm.id(), first.id(), alice.id(), app.id(), Optional.empty()),
                        new ClientSessionRef(realm.id(), first.id(), alice.id(), api.id(), Optional.empty()),
                        new ClientSessionRef(realm.id(), second.id(), bob.id(), app.id(), Optional.empty()));
        assertThat(store.sessions().clientSessionsOf(List.of())).isEmpty();
    }

    @Test
    void clientSessionsBeforeListsExactlyWhatTheNextCleanUpBatchDeletes() {
        for (int i = 0; i < 5; i++) {
            given.session(i % 2 == 0 ? alice : bob, T0, List.of(app, api));
        }
        given.session(bob, CUT_OFF, List.of(app));

        List<String> listed = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            List<ClientSessionRef> batch = store.inTransaction(tx -> {
                List<ClientSessionRef> refs = tx.sessions().clientSessionsBefore(realm.id(), app.id(), CUT_OFF, 2);
                int deleted = tx.sessions().deleteClientSessionsBefore(realm.id(), app.id(), CUT_OFF, 2);
                assertThat(deleted).isEqualTo(refs.size());
                return refs;
            });
            batch.forEach(ref -> {
                assertThat(ref.clientId()).isEqualTo(app.id());
                assertThat(store.sessions().clientSessions(ref.sessionId()))
                        .extracting(ClientSession::clientId)
                        .containsExactly(api.id());
            });
            batch.forEach(ref -> listed.add(ref.sessionId()));
        }

        assertThat(listed).hasSize(5).doesNotHaveDuplicates();
    }
}
