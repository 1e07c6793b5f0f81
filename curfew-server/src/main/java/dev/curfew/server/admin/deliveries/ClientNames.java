package dev.curfew.server.admin.deliveries;

import dev.curfew.core.client.Client;
import dev.curfew.core.store.Store;
import java.util.HashMap;
import java.util.Map;

/** Public {@code clientId}s of internal client ids, looked up once per answer; a deleted client shows its id. */
final class ClientNames {
    private final Store store;
    private final String realmId;
    private final Map<String, String> names = new HashMap<>();

    ClientNames(Store store, String realmId) {
        this.store = store;
        this.realmId = realmId;
    }

    String of(String internalId) {
        return names.computeIfAbsent(
                internalId,
                id -> store.clients()
                        .findById(realmId, id)
                        .map(Client::clientId)
                        .orElse(id));
    }
}
