package dev.curfew.store.jdbc;

import static dev.curfew.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.curfew.core.group.Group;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.Page;
import dev.curfew.core.store.DuplicateException;
import dev.curfew.core.user.User;
import dev.curfew.core.util.Secrets;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GroupStoreTest extends StoreContract {
    private Realm realm;

    @BeforeEach
    void createRealm() {
        realm = given.realm("acme");
    }

    @Test
    @DisplayName("a group is found by id and by name, and listed by name, with a case-insensitive search")
    void groupsAreFoundAndListed() {
        Group sales = group(realm, "Sales");
        Group finance = group(realm, "Finance");
        Group support = group(realm, "Support");

        assertThat(store.groups().find(realm.id(), sales.id())).contains(sales);
        assertThat(store.groups().findByName(realm.id(), "Finance")).contains(finance);
        assertThat(store.groups().findByName(realm.id(), "finance")).isEmpty();
        assertThat(store.groups().list(realm.id(), Optional.empty(), Page.DEFAULT))
                .containsExactly(finance, sales, support);
        assertThat(store.groups().list(realm.id(), Optional.of("s"), new Page(1, 1)))
                .containsExactly(support);
        assertThat(store.groups().count(realm.id(), Optional.of("SU"))).isEqualTo(1);
        assertThat(store.groups().find(given.realm("other").id(), sales.id())).isEmpty();
    }

    @Test
    @DisplayName("two groups of one realm cannot share a name, in another realm they can")
    void namesAreUniquePerRealm() {
        group(realm, "Sales");
        Group finance = group(realm, "Finance");

        assertThatThrownBy(() -> group(realm, "Sales")).isInstanceOf(DuplicateException.class);
        assertThatThrownBy(() -> store.groups().rename(realm.id(), finance.id(), "Sales"))
                .isInstanceOf(DuplicateException.class);
        group(given.realm("other"), "Sales");
    }

    @Test
    @DisplayName("a group is renamed and deleted; both say when there is no such group")
    void renameAndDelete() {
        Group sales = group(realm, "Sales");

        assertThat(store.groups().rename(realm.id(), sales.id(), "Sales EMEA")).isTrue();
        assertThat(store.groups().find(realm.id(), sales.id())).contains(sales.withName("Sales EMEA"));
        assertThat(store.groups().rename(realm.id(), "no-such-group", "x")).isFalse();
        assertThat(store.groups().delete(realm.id(), sales.id())).isTrue();
        assertThat(store.groups().delete(realm.id(), sales.id())).isFalse();
        assertThat(store.groups().find(realm.id(), sales.id())).isEmpty();
    }

    @Test
    @DisplayName("members are added once, listed by username, and removed; a user's groups are listed by name")
    void membership() {
        Group sales = group(realm, "Sales");
        Group finance = group(realm, "Finance");
        User bob = given.user(realm, "bob");
        User alice = given.user(realm, "alice");

        assertThat(store.groups().addMember(sales.id(), bob.id())).isTrue();
        assertThat(store.groups().addMember(sales.id(), bob.id())).isFalse();
        store.groups().addMember(sales.id(), alice.id());
        store.groups().addMember(finance.id(), alice.id());

        assertThat(store.groups().members(realm.id(), sales.id(), Page.DEFAULT)).containsExactly(alice, bob);
        assertThat(store.groups().members(realm.id(), sales.id(), new Page(1, 10)))
                .containsExactly(bob);
        assertThat(store.groups().groupsOf(realm.id(), alice.id())).containsExactly(finance, sales);
        assertThat(store.groups().removeMember(sales.id(), alice.id())).isTrue();
        assertThat(store.groups().removeMember(sales.id(), alice.id())).isFalse();
        assertThat(store.groups().groupsOf(realm.id(), alice.id())).containsExactly(finance);
    }

    @Test
    @DisplayName("a membership goes with its user and with its group, and groups go with their realm")
    void membershipsGoWithUserGroupAndRealm() {
        Group sales = group(realm, "Sales");
        Group finance = group(realm, "Finance");
        User bob = given.user(realm, "bob");
        User alice = given.user(realm, "alice");
        store.groups().addMember(sales.id(), bob.id());
        store.groups().addMember(sales.id(), alice.id());
        store.groups().addMember(finance.id(), alice.id());

        store.users().delete(realm.id(), bob.id());
        assertThat(store.groups().members(realm.id(), sales.id(), Page.DEFAULT)).containsExactly(alice);

        store.groups().delete(realm.id(), sales.id());
        assertThat(store.groups().groupsOf(realm.id(), alice.id())).containsExactly(finance);

        store.realms().delete(realm.id());
        assertThat(store.groups().find(realm.id(), finance.id())).isEmpty();
        assertThat(store.groups().list(realm.id(), Optional.empty(), Page.DEFAULT))
                .isEmpty();
    }

    private Group group(Realm in, String name) {
        Group group = new Group(Secrets.newId(), in.id(), name, T0);
        store.groups().create(group);
        return group;
    }

    @Test
    void lifetimesOfAMemberAreTheShortestOfTheirGroupsThatStillApply() {
        var user = given.user(realm, "alice");
        Group finance = new Group("g-finance", realm.id(), "Finance", T0);
        Group travel = new Group("g-travel", realm.id(), "Travel", T0);
        store.groups().create(finance);
        store.groups().create(travel);
        store.groups().addMember(finance.id(), user.id());
        store.groups().addMember(travel.id(), user.id());
        java.time.Duration minute = java.time.Duration.ofMinutes(1);
        store.groups()
                .setLifetimes(new dev.curfew.core.group.GroupLifetimes(
                        finance.id(), minute, minute.multipliedBy(30), T0.plusSeconds(3600), T0));
        store.groups()
                .setLifetimes(new dev.curfew.core.group.GroupLifetimes(
                        travel.id(), minute.multipliedBy(2), minute.multipliedBy(10), T0.plusSeconds(60), T0));

        assertThat(store.groups().lastLifetimeEnd())
                .as("the latest end of any group's lifetimes (the database is shared with other tests: at least)")
                .hasValueSatisfying(end -> assertThat(end).isAfterOrEqualTo(T0.plusSeconds(3600)));
        assertThat(store.groups().lifetimesOf(user.id(), T0))
                .contains(new dev.curfew.core.group.GroupLifetimes.ForMember(minute, minute.multipliedBy(10)));
        assertThat(store.groups().lifetimesOf(user.id(), T0.plusSeconds(60)))
                .as("Travel's period is over")
                .contains(new dev.curfew.core.group.GroupLifetimes.ForMember(minute, minute.multipliedBy(30)));
        assertThat(store.groups().lifetimesOf(user.id(), T0.plusSeconds(3600))).isEmpty();
        assertThat(store.groups().lifetimesOf(given.user(realm, "bob").id(), T0))
                .isEmpty();

        assertThat(store.groups().deleteLifetimesEndedBefore(T0.plusSeconds(61)))
                .isEqualTo(1);
        assertThat(store.groups().lifetimes(travel.id())).isEmpty();
        assertThat(store.groups().clearLifetimes(finance.id())).isTrue();
        assertThat(store.groups().clearLifetimes(finance.id())).isFalse();
    }
}
