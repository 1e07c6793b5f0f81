package dev.curfew.server.admin.attackdetection;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.curfew.core.bruteforce.UserLoginFailure;
import java.time.Instant;

/**
 * A user with failed sign-ins in the list: Keycloak's status fields, with the user's id and name, when the lock
 * ends ({@code lockedUntil}, epoch milliseconds, 0 when no lock was set) and whether it was a permanent lockout.
 */
public record LockedUserRepresentation(
        String userId,
        String username,
        int numFailures,
        boolean disabled,
        @JsonProperty("lastIPFailure") String lastIpFailure,
        long lastFailure,
        long lockedUntil,
        boolean permanentLockout) {

    static LockedUserRepresentation of(UserLoginFailure f, Instant now, boolean protectionOn) {
        return new LockedUserRepresentation(
                f.user().id(),
                f.user().username(),
                f.failure().numFailures(),
                protectionOn && f.lockedAt(now),
                f.failure().lastIp().orElse(BruteForceStatusRepresentation.NONE),
                f.failure().lastFailure().map(Instant::toEpochMilli).orElse(0L),
                f.failure().lockedUntil().map(Instant::toEpochMilli).orElse(0L),
                f.failure().lockedPermanently());
    }
}
