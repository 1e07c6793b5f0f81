package dev.curfew.server.admin.playbooks;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.core.user.Username;
import dev.curfew.server.admin.FieldProblems;
import java.util.ArrayList;
import java.util.List;

/** The users a playbook names by username, each of the realm; the unknown ones are one problem naming them. */
final class PlaybookUsers {
    static final int MAX_USERS = 100;

    private PlaybookUsers() {}

    static List<User> byName(Store store, Realm realm, List<String> names, String field, FieldProblems problems) {
        if (names.size() > MAX_USERS) {
            problems.add(field, "at most " + MAX_USERS + " users in one call");
            return List.of();
        }
        List<User> found = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            store.users()
                    .findByUsername(realm.id(), Username.normalize(name))
                    .ifPresentOrElse(found::add, () -> unknown.add(name));
        }
        if (!unknown.isEmpty()) {
            problems.add(field, "no such user(s) in realm '" + realm.name() + "': " + String.join(", ", unknown));
        }
        return found;
    }
}
