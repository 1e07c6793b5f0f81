package dev.curfew.store.jdbc;

import static dev.curfew.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.privilege.PrivilegeGrant;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.Page;
import dev.curfew.core.session.SessionQuery;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.store.DuplicateException;
import dev.curfew.core.store.UserQuery;
import dev.curfew.core.user.RequiredAction;
import dev.curfew.core.user.User;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserStoreTest extends StoreContract {
    private Realm realm;

    @BeforeEach
    void createRealm() {
        realm = given.realm("acme");
    }

    @Test
    void createdUserIsFoundByIdWithEveryField() {
        User user = new User(
                "u-1",
                realm.id(),
                "alice",
                Optional.of("alice@example.com"),
                Optional.of("Alice"),
                Optional.of("Liddell"),
                false,
                Optional.of(T0.plusMillis(7)),
                T0);

        store.users().create(user);

        assertThat(store.users().findById(realm.id(), "u-1")).contains(user);
    }

    @Test
    void absentOptionalFieldsReadBackEmpty() {
        User user = Fixtures.newUser(realm, "bob").withProfile(Optional.empty(), Optional.empty(), Optional.empty());

        store.users().create(user);

        assertThat(store.users().findById(realm.id(), user.id())).contains(user);
    }

    @Test
    void findByIdIsScopedToTheRealm() {
        User user = given.user(realm, "alice");
        Realm other = given.realm("other");

        assertThat(store.users().findById(other.id(), user.id())).isEmpty();
    }

    @Test
    void findByUsernameIgnoresCase() {
        User user = given.user(realm, "alice");

        assertThat(store.users().findByUsername(realm.id(), "ALICE")).contains(user);
        assertThat(store.users().findByUsername(realm.id(), "alic")).isEmpty();
    }

    @Test
    void takenUsernameInTheRealmThrowsDuplicate() {
        given.user(realm, "alice");

        assertThatThrownBy(() -> store.users().create(Fixtures.newUser(realm, "alice")))
                .isInstanceOf(DuplicateException.class)
                .hasMessageContaining("alice");
    }

    @Test
    void sameUsernameInAnotherRealmAndSameEmailAreAllowed() {
        User alice = given.user(realm, "alice");
        Realm other = given.realm("other");

        given.user(other, "alice");
        store.users()
                .create(Fixtures.newUser(realm, "alice2")
                        .withProfile(alice.email(), Optional.empty(), Optional.empty()));

        assertThat(store.users().count(UserQuery.all(realm.id(), Page.DEFAULT))).isEqualTo(2);
    }

    @Test
    void searchMatchesSubstringsOfUsernameEmailAndNamesRegardlessOfCase() {
        given.user(realm, "jsmith");
        create("by-email", Optional.of("SMITHY@example.com"), Optional.empty(), Optional.empty());
        create("by-first-name", Optional.empty(), Optional.of("Smithers"), Optional.empty());
        create("by-last-name", Optional.empty(), Optional.empty(), Optional.of("Goldsmith"));
        given.user(realm, "nobody");

        assertThat(store.users().search(search("SMITH")))
                .extracting(User::username)
                .containsExactly("by-email", "by-first-name", "by-last-name", "jsmith");
        assertThat(store.users().count(search("SMITH"))).isEqualTo(4);
    }

    @Test
    void searchTreatsWildcardCharactersLiterally() {
        given.user(realm, "a_b");
        given.user(realm, "axb");
        create("percent", Optional.empty(), Optional.of("100%"), Optional.empty());
        create("zeros", Optional.empty(), Optional.of("1000"), Optional.empty());
        create("bang", Optional.empty(), Optional.of("Hey!"), Optional.empty());

        assertThat(store.users().search(search("_"))).extracting(User::username).containsExactly("a_b");
        assertThat(store.users().search(search("0%")))
                .extracting(User::username)
                .containsExactly("percent");
        assertThat(store.users().search(search("y!")))
                .extracting(User::username)
                .containsExactly("bang");
    }

    @Test
    void usernameAndEmailFiltersMatchExactly() {
        given.user(realm, "ann");
        given.user(realm, "anna");

        UserQuery byUsername =
                new UserQuery(realm.id(), Optional.empty(), Optional.of("Ann"), Optional.empty(), Page.DEFAULT);
        UserQuery byEmail = new UserQuery(
                realm.id(), Optional.empty(), Optional.empty(), Optional.of("ANNA@example.com"), Page.DEFAULT);

        assertThat(store.users().search(byUsername)).extracting(User::username).containsExactly("ann");
        assertThat(store.users().search(byEmail)).extracting(User::username).containsExactly("anna");
        assertThat(store.users().count(byEmail)).isEqualTo(1);
    }

    @Test
    void searchIsOrderedByUsernameAndPaged() {
        IntStream.of(5, 3, 9, 1, 7, 2, 8, 4, 6, 0).forEach(i -> given.user(realm, "user" + i));
        given.user(given.realm("other"), "user-elsewhere");

        assertThat(store.users().search(UserQuery.all(realm.id(), new Page(3, 4))))
                .extracting(User::username)
                .containsExactly("user3", "user4", "user5", "user6");
        assertThat(store.users().count(UserQuery.all(realm.id(), new Page(3, 4))))
                .isEqualTo(10);
    }

    @Test
    void updateSavesProfileEnabledAndNotBefore() {
        User user = given.user(realm, "alice");
        User changed = user.withProfile(Optional.of("new@example.com"), Optional.of("A"), Optional.of("L"))
                .withEnabled(false)
                .withNotBefore(Optional.of(T0.plusSeconds(1)));

        assertThat(store.users().update(changed)).isTrue();

        assertThat(store.users().findById(realm.id(), user.id())).contains(changed);
    }

    @Test
    void updateOfMissingUserReturnsFalse() {
        assertThat(store.users().update(Fixtures.newUser(realm, "ghost"))).isFalse();
    }

    @Test
    void deleteRemovesTheUserWithPasswordGrantsSessionsAndTokens() {
        User user = given.user(realm, "alice");
        var client = given.client(realm, "app");
        UserSession session = given.session(user, T0, List.of(client));
        var token = given.refreshToken(session, client, T0.plusSeconds(3600));
        var code = given.code(session, client, T0.plusSeconds(60));
        store.users().setPasswordHash(user.id(), "$argon2id$hash");
        store.privileges().grant(new PrivilegeGrant(user.id(), Privilege.AUDITOR, "acme"));
        User bob = given.user(realm, "bob");
        UserSession bobsSession = given.session(bob);

        assertThat(store.users().delete(realm.id(), user.id())).isTrue();

        assertThat(store.users().findById(realm.id(), user.id())).isEmpty();
        assertThat(store.users().passwordHash(user.id())).isEmpty();
        assertThat(store.privileges().forUser(user.id())).isEmpty();
        assertThat(store.sessions().findById(session.id())).isEmpty();
        assertThat(store.tokens().findRefreshToken(token.tokenHash())).isEmpty();
        assertThat(store.tokens().redeemCode(code.codeHash(), T0).redeemed()).isEmpty();
        assertThat(store.sessions().find(SessionQuery.ofUser(realm.id(), bob.id(), Page.DEFAULT)))
                .containsExactly(bobsSession);
        assertThat(store.users().delete(realm.id(), user.id())).isFalse();
    }

    @Test
    void passwordHashIsSetAndReplaced() {
        User user = given.user(realm, "alice");
        assertThat(store.users().passwordHash(user.id())).isEmpty();

        store.users().setPasswordHash(user.id(), "$argon2id$v=19$m=19456,t=2,p=1$first");
        store.users().setPasswordHash(user.id(), "$argon2id$v=19$m=19456,t=2,p=1$second");

        assertThat(store.users().passwordHash(user.id())).contains("$argon2id$v=19$m=19456,t=2,p=1$second");
    }

    @Test
    void concurrentFirstPasswordsLeaveOneOfThem() throws Exception {
        User user = given.user(realm, "alice");

        Concurrently.run(() -> {
            store.users()
                    .setPasswordHash(
                            user.id(), "$argon2id$" + Thread.currentThread().getName());
            return null;
        });

        assertThat(store.users().passwordHash(user.id()))
                .hasValueSatisfying(hash -> assertThat(hash).startsWith("$argon2id$"));
    }

    private void create(
            String username, Optional<String> email, Optional<String> firstName, Optional<String> lastName) {
        store.users().create(Fixtures.newUser(realm, username).withProfile(email, firstName, lastName));
    }

    private UserQuery search(String text) {
        return new UserQuery(realm.id(), Optional.of(text), Optional.empty(), Optional.empty(), Page.DEFAULT);
    }

    @Test
    void requiredActionsAreReplacedReadInOrderAndGoWithTheUser() {
        Realm realm = given.realm("required");
        User user = given.user(realm, "ann");
        assertThat(store.users().requiredActions(user.id())).isEmpty();

        store.users()
                .setRequiredActions(user.id(), Set.of(RequiredAction.CONFIGURE_TOTP, RequiredAction.UPDATE_PASSWORD));
        assertThat(store.users().requiredActions(user.id()))
                .containsExactly(RequiredAction.UPDATE_PASSWORD, RequiredAction.CONFIGURE_TOTP);

        store.users().setRequiredActions(user.id(), Set.of(RequiredAction.CONFIGURE_TOTP));
        assertThat(store.users().requiredActions(user.id())).containsExactly(RequiredAction.CONFIGURE_TOTP);

        store.users().delete(realm.id(), user.id());
        assertThat(store.users().requiredActions(user.id())).isEmpty();
    }

    @Test
    void aRequiredActionIsAddedToNamedUsersOrToEveryUserOfTheRealmOnce() {
        Realm realm = given.realm("bulk");
        User ann = given.user(realm, "ann");
        User ben = given.user(realm, "ben");
        User cat = given.user(realm, "cat");
        User other = given.user(given.realm("elsewhere"), "dan");
        store.users().setRequiredActions(ben.id(), Set.of(RequiredAction.UPDATE_PASSWORD));

        assertThat(store.users()
                        .addRequiredAction(realm.id(), Set.of(ann.id(), ben.id()), RequiredAction.UPDATE_PASSWORD))
                .isEqualTo(1);
        assertThat(store.users().addRequiredAction(realm.id(), Set.of(), RequiredAction.UPDATE_PASSWORD))
                .isEqualTo(1);
        assertThat(store.users().addRequiredAction(realm.id(), Set.of(other.id()), RequiredAction.UPDATE_PASSWORD))
                .isZero();

        for (User u : List.of(ann, ben, cat)) {
            assertThat(store.users().requiredActions(u.id())).containsExactly(RequiredAction.UPDATE_PASSWORD);
        }
        assertThat(store.users().requiredActions(other.id())).isEmpty();
    }

    @Test
    void passwordHistoryKeepsTheNewestInOrderEvenWithinOneMillisecond() {
        User user = given.user(realm, "alice");
        User other = given.user(realm, "bob");
        java.time.Instant at = Fixtures.T0;
        for (String hash : List.of("h1", "h2", "h3", "h4")) {
            store.users().rememberPassword(user.id(), hash, at, 3);
        }
        store.users().rememberPassword(other.id(), "b1", at, 3);

        assertThat(store.users().passwordHistory(user.id(), 10)).containsExactly("h4", "h3", "h2");
        assertThat(store.users().passwordHistory(user.id(), 2)).containsExactly("h4", "h3");
        assertThat(store.users().passwordHistory(other.id(), 10)).containsExactly("b1");
        store.users().delete(realm.id(), user.id());
        assertThat(store.users().passwordHistory(user.id(), 10)).isEmpty();
    }
}
