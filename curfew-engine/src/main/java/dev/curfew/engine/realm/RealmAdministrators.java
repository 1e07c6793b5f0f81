package dev.curfew.engine.realm;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;

/**
 * Who administers a realm. Privileges are held by master-realm users and admin tokens come from the master realm, so
 * in {@code master} any privilege makes an administrator; elsewhere a privilege for that realm or for all realms
 * does. The two-factor policy and maintenance windows read it the same way.
 */
public final class RealmAdministrators {
    private RealmAdministrators() {}

    public static boolean isAdministrator(Store store, Realm realm, String userId) {
        return store.privileges().forUser(userId).stream()
                .anyMatch(g -> realm.name().equals(Realm.MASTER) || g.covers(realm.name()));
    }
}
