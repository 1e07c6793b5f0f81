package dev.curfew.core.store;

import dev.curfew.core.key.SigningKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface KeyStore {
    void create(SigningKey key);

    /** The realm's keys, newest first. */
    List<SigningKey> list(String realmId);

    boolean updateStatus(String kid, SigningKey.Status status);

    /** Sets a key's status and the end of its verification in one write. */
    boolean updateStatus(String kid, SigningKey.Status status, Optional<Instant> verifyUntil);

    /** Marks every passive key whose {@code verifyUntil} is not after {@code now} as retired; their number. */
    int retireExpired(Instant now);
}
