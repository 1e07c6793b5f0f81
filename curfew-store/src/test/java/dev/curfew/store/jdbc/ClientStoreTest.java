package dev.curfew.store.jdbc;

import static dev.curfew.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.Page;
import dev.curfew.core.session.SessionQuery;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.store.DuplicateException;
import dev.curfew.core.token.AuthorizationCode;
import dev.curfew.core.token.RefreshToken;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClientStoreTest extends StoreContract {
    private Realm realm;

    @BeforeEach
    void createRealm() {
        realm = given.realm("acme");
    }

    @Test
    void createdClientIsFoundByIdAndClientIdWithEveryField() {
        Client client = new Client(
                "c-1",
                realm.id(),
                "billing",
                "Billing",
                true,
                false,
                Optional.of("c2VjcmV0LWhhc2g"),
                List.of("https://billing.example.com/cb", "https://billing.example.com/cb2"),
                List.of("https://billing.example.com/bye"),
                true,
                true,
                true,
                Optional.of(Duration.ofMinutes(2)),
                Optional.of(T0.plusMillis(3)),
                T0,
                Optional.of("https://billing.example.com/backchannel-logout?tenant=1"),
                false,
                true);

        store.clients().create(client);

        assertThat(store.clients().findById(realm.id(), "c-1")).contains(client);
        assertThat(store.clients().findByClientId(realm.id(), "billing")).contains(client);
        assertThat(store.clients().findByClientId(realm.id(), "unknown")).isEmpty();
    }

    @Test
    void emptyListsAndAbsentValuesReadBackEmpty() {
        Client client = Fixtures.newClient(realm, "spa");

        store.clients().create(client);

        assertThat(store.clients().findById(realm.id(), client.id())).contains(client);
        assertThat(client.redirectUris()).isEmpty();
        assertThat(client.accessTokenLifespan()).isEmpty();
    }

    @Test
    void findIsScopedToTheRealm() {
        Client client = given.client(realm, "app");
        Realm other = given.realm("other");

        assertThat(store.clients().findById(other.id(), client.id())).isEmpty();
        assertThat(store.clients().findByClientId(other.id(), "app")).isEmpty();
    }

    @Test
    void takenClientIdInTheRealmThrowsDuplicate() {
        given.client(realm, "app");
        given.client(given.realm("other"), "app2");

        assertThatThrownBy(() -> store.clients().create(Fixtures.newClient(realm, "app")))
                .isInstanceOf(DuplicateException.class)
                .hasMessageContaining("app");
    }

    @Test
    void aRedirectUriThatCannotBeStoredFaithfullyIsRefused() {
        Client client = Fixtures.newClient(realm, "app").toBuilder()
                .redirectUris(List.of("https://a.example.com/\nhttps://b.example.com/"))
                .build();

        assertThatThrownBy(() -> store.clients().create(client)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listIsOrderedByClientIdFilteredAndPaged() {
        for (String clientId : List.of("delta", "alpha", "echo", "charlie", "bravo")) {
            given.client(realm, clientId);
        }
        given.client(given.realm("other"), "aardvark");

        assertThat(store.clients().list(realm.id(), Optional.empty(), new Page(1, 3)))
                .extracting(Client::clientId)
                .containsExactly("bravo", "charlie", "delta");
        assertThat(store.clients().list(realm.id(), Optional.of("echo"), Page.DEFAULT))
                .extracting(Client::clientId)
                .containsExactly("echo");
        assertThat(store.clients().list(realm.id(), Optional.of("ech"), Page.DEFAULT))
                .isEmpty();
    }

    @Test
    void updateSavesTheChangedFields() {
        Client client = given.client(realm, "app");
        Client changed = client.toBuilder()
                .clientId("app-v2")
                .name("App v2")
                .enabled(false)
                .publicClient(false)
                .secretHash(Optional.of("aGFzaA"))
                .redirectUris(List.of("https://app.example.com/cb"))
                .postLogoutRedirectUris(List.of("https://app.example.com/"))
                .standardFlow(false)
                .directAccessGrants(true)
                .serviceAccounts(true)
                .accessTokenLifespan(Optional.of(Duration.ofSeconds(90)))
                .notBefore(Optional.of(T0.plusSeconds(1)))
                .build();

        assertThat(store.clients().update(changed)).isTrue();

        assertThat(store.clients().findById(realm.id(), client.id())).contains(changed);
    }

    @Test
    void updateToTakenClientIdThrowsDuplicate() {
        given.client(realm, "taken");
        Client client = given.client(realm, "app");

        assertThatThrownBy(() -> store.clients()
                        .update(client.toBuilder().clientId("taken").build()))
                .isInstanceOf(DuplicateException.class);
    }

    @Test
    void updateOfMissingClientReturnsFalse() {
        assertThat(store.clients().update(Fixtures.newClient(realm, "ghost"))).isFalse();
    }

    @Test
    void deleteRemovesClientSessionsCodesAndRefreshTokensButKeepsTheSession() {
        Client client = given.client(realm, "app");
        Client other = given.client(realm, "other-app");
        UserSession session = given.session(given.user(realm, "alice"), T0, List.of(client, other));
        AuthorizationCode code = given.code(session, client, T0.plusSeconds(60));
        RefreshToken token = given.refreshToken(session, client, T0.plusSeconds(3600));
        RefreshToken otherToken = given.refreshToken(session, other, T0.plusSeconds(3600));

        assertThat(store.clients().delete(realm.id(), client.id())).isTrue();

        assertThat(store.clients().findById(realm.id(), client.id())).isEmpty();
        assertThat(store.sessions().findById(session.id())).contains(session);
        assertThat(store.sessions().clientSessions(session.id()))
                .extracting(cs -> cs.clientId())
                .containsExactly(other.id());
        assertThat(store.sessions().count(SessionQuery.ofClient(realm.id(), client.id(), Page.DEFAULT)))
                .isZero();
        assertThat(store.tokens().redeemCode(code.codeHash(), T0).redeemed()).isEmpty();
        assertThat(store.tokens().findRefreshToken(token.tokenHash())).isEmpty();
        assertThat(store.tokens().findRefreshToken(otherToken.tokenHash())).contains(otherToken);
        assertThat(store.clients().delete(realm.id(), client.id())).isFalse();
    }
}
