package dev.curfew.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.privilege.PrivilegeGrant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrivilegeStoreTest extends StoreContract {
    private String admin;

    @BeforeEach
    void createAdministrator() {
        admin = given.user(given.realm("master"), "admin").id();
    }

    @Test
    void grantsAreListedByPrivilegeThenRealm() {
        store.privileges().grant(new PrivilegeGrant(admin, Privilege.USER_ADMINISTRATOR, "beta"));
        store.privileges().grant(new PrivilegeGrant(admin, Privilege.AUDITOR, PrivilegeGrant.ALL_REALMS));
        store.privileges().grant(new PrivilegeGrant(admin, Privilege.USER_ADMINISTRATOR, "alpha"));

        assertThat(store.privileges().forUser(admin))
                .containsExactly(
                        new PrivilegeGrant(admin, Privilege.AUDITOR, PrivilegeGrant.ALL_REALMS),
                        new PrivilegeGrant(admin, Privilege.USER_ADMINISTRATOR, "alpha"),
                        new PrivilegeGrant(admin, Privilege.USER_ADMINISTRATOR, "beta"));
    }

    @Test
    void holdersAreTheUsersWithAtLeastOneGrantEachOnce() {
        String other = given.user(store.realms().findByName("master").orElseThrow(), "other")
                .id();
        given.user(store.realms().findByName("master").orElseThrow(), "nobody");
        store.privileges().grant(new PrivilegeGrant(admin, Privilege.USER_ADMINISTRATOR, "beta"));
        store.privileges().grant(new PrivilegeGrant(admin, Privilege.AUDITOR, "beta"));
        store.privileges().grant(new PrivilegeGrant(other, Privilege.AUDITOR, PrivilegeGrant.ALL_REALMS));

        assertThat(store.privileges().holders())
                .containsExactlyInAnyOrder(admin, other)
                .isSorted();
    }

    @Test
    void grantingTwiceChangesNothing() {
        PrivilegeGrant grant = new PrivilegeGrant(admin, Privilege.AUTH_ADMINISTRATOR, "acme");

        store.privileges().grant(grant);
        store.privileges().grant(grant);

        assertThat(store.privileges().forUser(admin)).containsExactly(grant);
    }

    @Test
    void revokeRemovesOnlyThatGrant() {
        PrivilegeGrant kept = new PrivilegeGrant(admin, Privilege.SESSION_VIEWER, "acme");
        PrivilegeGrant revoked = new PrivilegeGrant(admin, Privilege.AUTH_ADMINISTRATOR, "acme");
        store.privileges().grant(kept);
        store.privileges().grant(revoked);

        assertThat(store.privileges().revoke(revoked)).isTrue();
        assertThat(store.privileges().revoke(revoked)).isFalse();

        assertThat(store.privileges().forUser(admin)).containsExactly(kept);
    }

    @Test
    void userWithoutGrantsHasNone() {
        assertThat(store.privileges().forUser(admin)).isEmpty();
        assertThat(store.privileges().forUser("unknown")).isEmpty();
    }
}
