package dev.curfew.core.store;

import dev.curfew.core.key.SigningKey;
import java.util.List;

public interface KeyStore {
    void create(SigningKey key);

    /** The realm's keys, newest first. */
    List<SigningKey> list(String realmId);

    boolean updateStatus(String kid, SigningKey.Status status);
}
