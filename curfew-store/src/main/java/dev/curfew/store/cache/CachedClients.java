package dev.curfew.store.cache;

import dev.curfew.core.change.Change;
import dev.curfew.core.client.Client;
import dev.curfew.core.session.Page;
import dev.curfew.core.store.ClientStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Clients found by id or client id through memory; every write announces {@link Change.ClientChanged}, and its cut-off
 * when it writes one.
 */
final class CachedClients implements ClientStore {
    private final ClientStore database;
    private final CachingStore.Reads reads;
    private final CachingStore.Writes writes;

    CachedClients(ClientStore database, CachingStore.Reads reads, CachingStore.Writes writes) {
        this.database = database;
        this.reads = reads;
        this.writes = writes;
    }

    @Override
    public void create(Client client) {
        writes.run(tx -> tx.clients().create(client), changed(client.realmId(), client.id(), client.notBefore()));
    }

    @Override
    public Optional<Client> findById(String realmId, String id) {
        return reads.get(Entities.Kind.CLIENT, realmId, "id:" + id, () -> database.findById(realmId, id));
    }

    @Override
    public Optional<Client> findByClientId(String realmId, String clientId) {
        return reads.get(
                Entities.Kind.CLIENT,
                realmId,
                "client-id:" + clientId,
                () -> database.findByClientId(realmId, clientId));
    }

    @Override
    public List<Client> list(String realmId, Optional<String> clientIdFilter, Page page) {
        return database.list(realmId, clientIdFilter, page);
    }

    @Override
    public boolean update(Client client) {
        return writes.write(
                tx -> tx.clients().update(client), changed(client.realmId(), client.id(), client.notBefore()));
    }

    @Override
    public boolean delete(String realmId, String id) {
        return writes.write(tx -> tx.clients().delete(realmId, id), changed(realmId, id, Optional.empty()));
    }

    @Override
    public void setNotBefore(String realmId, String id, Instant cutOff) {
        writes.run(tx -> tx.clients().setNotBefore(realmId, id, cutOff), changed(realmId, id, Optional.of(cutOff)));
    }

    private static List<Change> changed(String realmId, String id, Optional<Instant> cutOff) {
        Change changed = new Change.ClientChanged(realmId, id);
        return cutOff.map(at -> List.of(changed, new Change.CutOff(Change.Level.CLIENT, id, at)))
                .orElse(List.of(changed));
    }
}
