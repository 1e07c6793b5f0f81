package dev.curfew.core.store;

import dev.curfew.core.client.Client;
import dev.curfew.core.session.Page;
import java.util.List;
import java.util.Optional;

public interface ClientStore {
    /** @throws DuplicateException when the realm has a client with that clientId */
    void create(Client client);

    /** By internal id. */
    Optional<Client> findById(String realmId, String id);

    /** By the public clientId. */
    Optional<Client> findByClientId(String realmId, String clientId);

    /** Ordered by clientId; {@code clientIdFilter} matches exactly when present. */
    List<Client> list(String realmId, Optional<String> clientIdFilter, Page page);

    /** @return false if the client no longer exists */
    boolean update(Client client);

    /** Deletes the client with its client sessions and tokens. */
    boolean delete(String realmId, String id);

    /** Writes the client's cut-off (internal id). */
    void setNotBefore(String realmId, String id, java.time.Instant cutOff);
}
