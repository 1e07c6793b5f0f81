package dev.curfew.store.jdbc;

import static dev.curfew.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.otp.OtpCredential;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.user.User;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OtpStoreTest extends StoreContract {
    private User alice;
    private OtpCredential credential;

    @BeforeEach
    void createUser() {
        Realm realm = given.realm("acme");
        alice = given.user(realm, "alice");
        credential = new OtpCredential(alice.id(), realm.id(), "GEZDGNBVGY3TQOJQ", T0, OptionalLong.empty());
    }

    @Test
    void savedCredentialReadsBackAndItsStringFormHidesTheSecret() {
        store.otp().save(credential, List.of("h1", "h2"));

        assertThat(store.otp().find(alice.id())).contains(credential);
        assertThat(store.otp().recoveryCodesLeft(alice.id())).isEqualTo(2);
        assertThat(credential.toString()).doesNotContain(credential.secret());
    }

    @Test
    void aStepIsAcceptedOnceAndNoEarlierStepAfterIt() {
        store.otp().save(credential, List.of());

        assertThat(store.otp().accept(alice.id(), 100)).isTrue();
        assertThat(store.otp().accept(alice.id(), 100)).isFalse();
        assertThat(store.otp().accept(alice.id(), 99)).isFalse();
        assertThat(store.otp().accept(alice.id(), 101)).isTrue();
        assertThat(store.otp().find(alice.id()).orElseThrow().lastStep()).hasValue(101);
    }

    @Test
    void concurrentUsesOfOneStepAcceptOnlyOne() throws Exception {
        store.otp().save(credential, List.of());

        List<Boolean> results = Concurrently.run(() -> store.otp().accept(alice.id(), 7));

        assertThat(results).containsOnlyOnce(true);
    }

    @Test
    void aRecoveryCodeIsUsableOnce() {
        store.otp().save(credential, List.of("h1", "h2"));

        assertThat(store.otp().useRecoveryCode(alice.id(), "h1")).isTrue();
        assertThat(store.otp().useRecoveryCode(alice.id(), "h1")).isFalse();
        assertThat(store.otp().useRecoveryCode(alice.id(), "unknown")).isFalse();
        assertThat(store.otp().recoveryCodesLeft(alice.id())).isEqualTo(1);
    }

    @Test
    void savingAgainReplacesTheAuthenticatorAndItsCodes() {
        store.otp().save(credential, List.of("h1"));
        OtpCredential second = new OtpCredential(
                alice.id(), credential.realmId(), "MZXW6YTBOI", T0.plusSeconds(5), OptionalLong.empty());

        store.otp().save(second, List.of("h2", "h3"));

        assertThat(store.otp().find(alice.id())).contains(second);
        assertThat(store.otp().useRecoveryCode(alice.id(), "h1")).isFalse();
        assertThat(store.otp().recoveryCodesLeft(alice.id())).isEqualTo(2);
    }

    @Test
    void deletingRemovesTheAuthenticatorAndItsCodes() {
        store.otp().save(credential, List.of("h1"));

        assertThat(store.otp().delete(alice.id())).isTrue();

        assertThat(store.otp().find(alice.id())).isEmpty();
        assertThat(store.otp().recoveryCodesLeft(alice.id())).isZero();
        assertThat(store.otp().delete(alice.id())).isFalse();
        assertThat(store.otp().accept(alice.id(), 1)).isFalse();
    }
}
