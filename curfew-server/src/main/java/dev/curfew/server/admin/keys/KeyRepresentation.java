package dev.curfew.server.admin.keys;

import dev.curfew.core.key.SigningKey;
import java.time.Instant;

/**
 * One signing key as the admin API shows it, without its private part: {@code status} is {@code active} (it
 * signs), {@code verify-only} (it verifies the tokens it signed until {@code verifyUntil}) or {@code retired}.
 */
public record KeyRepresentation(String kid, String algorithm, String status, String verifyUntil, String created) {
    public static final String ACTIVE = "active";
    public static final String VERIFY_ONLY = "verify-only";
    public static final String RETIRED = "retired";

    public static KeyRepresentation of(SigningKey key, Instant now) {
        String status = key.status() == SigningKey.Status.ACTIVE ? ACTIVE : key.verifiesAt(now) ? VERIFY_ONLY : RETIRED;
        return new KeyRepresentation(
                key.kid(),
                key.algorithm(),
                status,
                status.equals(VERIFY_ONLY)
                        ? key.verifyUntil().map(Instant::toString).orElse(null)
                        : null,
                key.createdAt().toString());
    }
}
