package dev.curfew.core.key;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A realm's signing key, stored as a private JWK (JSON). Several may exist for rotation: the newest
 * {@link Status#ACTIVE} key signs; {@link Status#PASSIVE} keys are still published in the JWKS so tokens
 * they signed keep verifying until {@code verifyUntil} (when they all have expired); {@link Status#RETIRED}
 * keys neither sign nor verify nor are published.
 *
 * @param verifyUntil for a passive key, when the last token it signed expires; empty for the active key and
 *     for passive keys superseded before rotations recorded it (they verify until retired)
 */
public record SigningKey(
        String kid,
        String realmId,
        String algorithm,
        String privateJwk,
        Status status,
        Instant createdAt,
        Optional<Instant> verifyUntil) {
    public enum Status {
        ACTIVE,
        PASSIVE,
        RETIRED
    }

    /** A key without an end of verification: the active key. */
    public SigningKey(
            String kid, String realmId, String algorithm, String privateJwk, Status status, Instant createdAt) {
        this(kid, realmId, algorithm, privateJwk, status, createdAt, Optional.empty());
    }

    /** Whether tokens signed by this key still verify at {@code now}. */
    public boolean verifiesAt(Instant now) {
        return switch (status) {
            case ACTIVE -> true;
            case PASSIVE -> verifyUntil.map(now::isBefore).orElse(true);
            case RETIRED -> false;
        };
    }

    public SigningKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(privateJwk, "privateJwk");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(verifyUntil, "verifyUntil");
    }

    /** Keys print without their private part, so a log line can never leak one. */
    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", realmId=" + realmId + ", algorithm=" + algorithm + ", status=" + status
                + "]";
    }
}
