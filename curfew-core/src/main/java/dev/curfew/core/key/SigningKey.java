package dev.curfew.core.key;

import java.time.Instant;
import java.util.Objects;

/**
 * A realm's signing key, stored as a private JWK (JSON). Several may exist for rotation: the newest
 * {@link Status#ACTIVE} key signs; {@link Status#PASSIVE} keys are still published in the JWKS so tokens
 * they signed keep verifying until they expire.
 */
public record SigningKey(
        String kid, String realmId, String algorithm, String privateJwk, Status status, Instant createdAt) {
    public enum Status {
        ACTIVE,
        PASSIVE
    }

    public SigningKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(privateJwk, "privateJwk");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Keys print without their private part, so a log line can never leak one. */
    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", realmId=" + realmId + ", algorithm=" + algorithm + ", status=" + status
                + "]";
    }
}
