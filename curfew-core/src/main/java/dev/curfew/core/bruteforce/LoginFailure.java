package dev.curfew.core.bruteforce;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's failed sign-ins since their last successful one (Keycloak's user login failure). Stored, so every node
 * sees the same count and a restart forgets nothing.
 *
 * @param numFailures failures counted towards the next lock
 * @param lastFailure when the last failed attempt was made (attempts during a lock included)
 * @param lastIp the address of the last failed attempt
 * @param lockedUntil sign-ins are refused before this instant; empty when the account was never locked since the
 *     last success
 * @param lockedPermanently the failures disabled the user (the realm's {@code permanentLockout})
 */
public record LoginFailure(
        String realmId,
        String userId,
        int numFailures,
        Optional<Instant> lastFailure,
        Optional<String> lastIp,
        Optional<Instant> lockedUntil,
        boolean lockedPermanently) {

    public LoginFailure {
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(lastFailure, "lastFailure");
        Objects.requireNonNull(lastIp, "lastIp");
        Objects.requireNonNull(lockedUntil, "lockedUntil");
        if (numFailures < 0) {
            throw new IllegalArgumentException("numFailures must be 0 or more");
        }
    }

    /** The record of a user without failures. */
    public static LoginFailure none(String realmId, String userId) {
        return new LoginFailure(realmId, userId, 0, Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    /** True while a temporary lock is in force. */
    public boolean lockedAt(Instant now) {
        return lockedUntil.isPresent() && now.isBefore(lockedUntil.get());
    }
}
