package dev.curfew.server.admin;

import dev.curfew.core.client.Client;
import dev.curfew.core.group.Group;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.server.http.Problem;

/**
 * Finds what an admin path names, or answers 404. Endpoints call these only after the privilege check
 * for the realm named in the path, so an unprivileged caller cannot learn which realms exist.
 */
public final class Lookups {
    private final Store store;

    public Lookups(Store store) {
        this.store = store;
    }

    public Realm realm(String name) {
        return store.realms().findByName(name).orElseThrow(() -> Problem.notFound("No realm named '" + name + "'"));
    }

    public User user(Realm realm, String id) {
        return store.users()
                .findById(realm.id(), id)
                .orElseThrow(() -> Problem.notFound("No user with id '" + id + "' in realm '" + realm.name() + "'"));
    }

    public Group group(Realm realm, String id) {
        return store.groups()
                .find(realm.id(), id)
                .orElseThrow(() -> Problem.notFound("No group with id '" + id + "' in realm '" + realm.name() + "'"));
    }

    public Client client(Realm realm, String id) {
        return store.clients()
                .findById(realm.id(), id)
                .orElseThrow(() -> Problem.notFound("No client with id '" + id + "' in realm '" + realm.name() + "'"));
    }
}
