package dev.curfew.store.jdbc;

import static dev.curfew.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.privilege.PrivilegeGrant;
import dev.curfew.core.realm.BruteForceSettings;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.realm.TwoFactorPolicy;
import dev.curfew.core.session.Page;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.store.DuplicateException;
import dev.curfew.core.store.UserQuery;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RealmStoreTest extends StoreContract {

    @Test
    void createdRealmIsFoundByIdAndByNameWithEveryField() {
        Realm realm = Fixtures.newRealm("acme")
                .withSettings(new RealmSettings(
                        Duration.ofMinutes(2),
                        Duration.ofMinutes(15),
                        Duration.ofHours(8),
                        Duration.ofSeconds(30),
                        "ES256"))
                .withNotBefore(Optional.of(T0.plusMillis(1)));

        store.realms().create(realm);

        assertThat(store.realms().findById(realm.id())).contains(realm);
        assertThat(store.realms().findByName("acme")).contains(realm);
        assertThat(store.realms().findByName("other")).isEmpty();
        assertThat(store.realms().findById("unknown")).isEmpty();
    }

    @Test
    void bruteForceSettingsAreSavedAndReadBackWithEveryField() {
        BruteForceSettings bruteForce = new BruteForceSettings(
                false,
                true,
                5,
                Duration.ofSeconds(30),
                Duration.ofMinutes(20),
                Duration.ofHours(2),
                Duration.ofMillis(250),
                Duration.ofSeconds(45));
        Realm realm = Fixtures.newRealm("acme").withSettings(RealmSettings.DEFAULTS.withBruteForce(bruteForce));

        store.realms().create(realm);
        assertThat(store.realms().findById(realm.id())).contains(realm);

        Realm changed =
                realm.withSettings(realm.settings().withBruteForce(BruteForceSettings.DEFAULTS.withFailureFactor(3)));
        store.realms().update(changed);
        assertThat(store.realms().findById(realm.id())).contains(changed);
    }

    @Test
    void twoFactorPolicyIsSavedAndReadBack() {
        Realm realm = Fixtures.newRealm("acme")
                .withSettings(RealmSettings.DEFAULTS.withTwoFactorRequired(TwoFactorPolicy.EVERYONE));

        store.realms().create(realm);
        assertThat(store.realms().findById(realm.id())).contains(realm);

        Realm changed = realm.withSettings(realm.settings().withTwoFactorRequired(TwoFactorPolicy.ADMINISTRATORS));
        store.realms().update(changed);
        assertThat(store.realms().findById(realm.id())).contains(changed);
    }

    @Test
    void sharingDetectionAndPasswordPolicyAreSavedAndReadBack() {
        Realm realm = Fixtures.newRealm("acme")
                .withSettings(RealmSettings.DEFAULTS
                        .withSharingDetection(new dev.curfew.core.realm.SharingDetection(5, 3))
                        .withPasswordRules(dev.curfew.core.password.PasswordRules.parse(
                                "length(14) and notUsername and notCommon and passwordHistory(4)")));

        store.realms().create(realm);
        assertThat(store.realms().findById(realm.id())).contains(realm);

        Realm changed = realm.withSettings(realm.settings()
                .withSharingDetection(dev.curfew.core.realm.SharingDetection.OFF)
                .withPasswordRules(dev.curfew.core.password.PasswordRules.DEFAULT));
        store.realms().update(changed);
        assertThat(store.realms().findById(realm.id())).contains(changed);
    }

    @Test
    void createWithTakenNameThrowsDuplicate() {
        given.realm("acme");

        assertThatThrownBy(() -> store.realms().create(Fixtures.newRealm("acme")))
                .isInstanceOf(DuplicateException.class)
                .hasMessageContaining("acme");
    }

    @Test
    void listIsOrderedByName() {
        given.realm("zulu");
        given.realm("alpha");
        given.realm("mike");

        assertThat(store.realms().list()).extracting(Realm::name).containsExactly("alpha", "mike", "zulu");
    }

    @Test
    void updateSavesEveryFieldButIdAndCreatedAt() {
        Realm realm = given.realm("acme");
        Realm changed = new Realm(
                realm.id(),
                "acme-corp",
                "ACME Corporation",
                false,
                RealmSettings.DEFAULTS.withAccessTokenLifespan(Duration.ofMinutes(1)),
                Optional.of(T0.plusSeconds(5)),
                T0.plusSeconds(99));

        assertThat(store.realms().update(changed)).isTrue();

        assertThat(store.realms().findById(realm.id()))
                .contains(new Realm(
                        realm.id(),
                        "acme-corp",
                        "ACME Corporation",
                        false,
                        changed.settings(),
                        changed.notBefore(),
                        realm.createdAt()));
    }

    @Test
    void updateOfMissingRealmReturnsFalse() {
        assertThat(store.realms().update(Fixtures.newRealm("ghost"))).isFalse();
    }

    @Test
    void renameToTakenNameThrowsDuplicate() {
        given.realm("taken");
        Realm realm = given.realm("acme");

        assertThatThrownBy(() -> store.realms()
                        .update(new Realm(
                                realm.id(),
                                "taken",
                                "x",
                                true,
                                realm.settings(),
                                realm.notBefore(),
                                realm.createdAt())))
                .isInstanceOf(DuplicateException.class);
        assertThat(store.realms().findById(realm.id())).contains(realm);
    }

    @Test
    void renameTakesThePrivilegeGrantsForTheRealmAlong() {
        Realm master = given.realm("master");
        String admin = given.user(master, "admin").id();
        Realm realm = given.realm("acme");
        store.privileges().grant(new PrivilegeGrant(admin, Privilege.USER_ADMINISTRATOR, "acme"));
        store.privileges().grant(new PrivilegeGrant(admin, Privilege.AUDITOR, PrivilegeGrant.ALL_REALMS));

        store.realms()
                .update(new Realm(
                        realm.id(), "acme-corp", "x", true, realm.settings(), realm.notBefore(), realm.createdAt()));

        assertThat(store.privileges().forUser(admin))
                .containsExactlyInAnyOrder(
                        new PrivilegeGrant(admin, Privilege.USER_ADMINISTRATOR, "acme-corp"),
                        new PrivilegeGrant(admin, Privilege.AUDITOR, PrivilegeGrant.ALL_REALMS));
    }

    @Test
    void deleteRemovesEverythingInTheRealmAndNothingElse() {
        Realm master = given.realm("master");
        String admin = given.user(master, "admin").id();
        Realm realm = given.realm("acme");
        var user = given.user(realm, "alice");
        var client = given.client(realm, "app");
        UserSession session = given.session(user, T0, List.of(client));
        var code = given.code(session, client, T0.plusSeconds(60));
        var token = given.refreshToken(session, client, T0.plusSeconds(3600));
        store.tokens().revokeAccessToken("jti-1", realm.id(), T0.plusSeconds(300));
        given.key(realm, T0);
        store.users().setPasswordHash(user.id(), "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA");
        store.privileges().grant(new PrivilegeGrant(admin, Privilege.SESSION_VIEWER, "acme"));
        store.privileges().grant(new PrivilegeGrant(admin, Privilege.SESSION_VIEWER, "master"));
        Realm other = given.realm("other");
        UserSession otherSession = given.session(given.user(other, "bob"));

        assertThat(store.realms().delete(realm.id())).isTrue();

        assertThat(store.realms().findById(realm.id())).isEmpty();
        assertThat(store.users().findById(realm.id(), user.id())).isEmpty();
        assertThat(store.users().passwordHash(user.id())).isEmpty();
        assertThat(store.clients().findById(realm.id(), client.id())).isEmpty();
        assertThat(store.sessions().findById(session.id())).isEmpty();
        assertThat(store.sessions().clientSessions(session.id())).isEmpty();
        assertThat(store.tokens().redeemCode(code.codeHash(), T0).redeemed()).isEmpty();
        assertThat(store.tokens().findRefreshToken(token.tokenHash())).isEmpty();
        assertThat(store.tokens().isAccessTokenRevoked("jti-1")).isFalse();
        assertThat(store.keys().list(realm.id())).isEmpty();
        assertThat(store.privileges().forUser(admin))
                .containsExactly(new PrivilegeGrant(admin, Privilege.SESSION_VIEWER, "master"));
        assertThat(store.sessions().findById(otherSession.id())).isPresent();
        assertThat(store.users().search(UserQuery.all(other.id(), Page.DEFAULT)))
                .hasSize(1);
    }

    @Test
    void deleteOfMissingRealmReturnsFalse() {
        assertThat(store.realms().delete("unknown")).isFalse();
    }
}
