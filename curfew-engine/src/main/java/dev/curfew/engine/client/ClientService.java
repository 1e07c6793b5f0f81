package dev.curfew.engine.client;

import dev.curfew.core.client.Client;
import dev.curfew.core.store.Store;
import dev.curfew.core.util.Secrets;
import java.util.Optional;

/** Client secrets: generated here, shown once, stored only as their SHA-256. */
public final class ClientService {
    private final Store store;

    public ClientService(Store store) {
        this.store = store;
    }

    /** A client with its secret in clear text, as returned right after creation or regeneration. */
    public record WithSecret(Client client, Optional<String> secret) {}

    /** A fresh secret for a confidential client, and the hash to store. */
    public static WithSecret newSecret(Client.Builder builder) {
        String secret = Secrets.newSecret();
        return new WithSecret(
                builder.secretHash(Optional.of(Secrets.sha256(secret))).build(), Optional.of(secret));
    }

    /** Replaces the client's secret; the old one stops working at once. */
    public WithSecret regenerateSecret(Client client) {
        if (client.publicClient()) {
            throw new IllegalArgumentException("a public client has no secret");
        }
        WithSecret result = newSecret(client.toBuilder());
        store.clients().update(result.client());
        return result;
    }

    /** True iff the presented secret is the client's; constant-time. */
    public static boolean secretMatches(Client client, String presented) {
        return client.secretHash().map(h -> Secrets.matchesHash(presented, h)).orElse(false);
    }
}
