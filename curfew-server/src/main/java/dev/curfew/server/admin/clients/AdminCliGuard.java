package dev.curfew.server.admin.clients;

import dev.curfew.core.client.Client;
import dev.curfew.core.client.ClientIds;
import dev.curfew.core.realm.Realm;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.http.Problem;

/**
 * The master realm's {@code admin-cli} is how administrators get their tokens. Deleting it, renaming it,
 * disabling it or taking away its password grant would lock every administrator out of the API, so
 * those changes are refused.
 */
final class AdminCliGuard {
    private AdminCliGuard() {}

    static boolean isAdminCli(Realm realm, Client client) {
        return realm.name().equals(Realm.MASTER) && client.clientId().equals(ClientIds.ADMIN_CLI);
    }

    static void checkDelete(Realm realm, Client client) {
        if (isAdminCli(realm, client)) {
            throw Problem.badRequest(
                    "The master realm's admin-cli client cannot be deleted: administrators log in" + " with it");
        }
    }

    static void checkUpdate(Realm realm, Client before, Client after) {
        if (!isAdminCli(realm, before)) {
            return;
        }
        FieldProblems problems = new FieldProblems();
        if (!after.clientId().equals(before.clientId())) {
            problems.add("clientId", "the master realm's admin-cli cannot be renamed");
        }
        if (!after.enabled()) {
            problems.add("enabled", "the master realm's admin-cli cannot be disabled");
        }
        if (!after.publicClient()) {
            problems.add("publicClient", "the master realm's admin-cli must stay public");
        }
        if (!after.directAccessGrants()) {
            problems.add("directAccessGrantsEnabled", "the master realm's admin-cli needs the password grant");
        }
        problems.throwIfAny();
    }
}
