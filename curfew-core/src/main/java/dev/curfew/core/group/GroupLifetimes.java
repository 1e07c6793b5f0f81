package dev.curfew.core.group;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Shorter token lifetimes for a group's members until a time (a high-risk period): the access tokens issued to them
 * live at most {@code accessTokenLifespan}, their refresh tokens at most {@code refreshTokenLifespan}. After
 * {@code until} the realm's own lifetimes apply again by themselves: nothing has to run to restore them. A member of
 * several such groups gets the shortest of each.
 *
 * @param setAt when it was set
 */
public record GroupLifetimes(
        String groupId, Duration accessTokenLifespan, Duration refreshTokenLifespan, Instant until, Instant setAt) {
    public GroupLifetimes {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(setAt, "setAt");
        if (accessTokenLifespan.isNegative()
                || accessTokenLifespan.isZero()
                || refreshTokenLifespan.isNegative()
                || refreshTokenLifespan.isZero()) {
            throw new IllegalArgumentException("lifetimes must be positive");
        }
    }

    /** Whether it still applies at {@code now}. */
    public boolean activeAt(Instant now) {
        return now.isBefore(until);
    }

    /** The lifetimes one member gets, the shortest of their groups' that apply now. */
    public record ForMember(Duration accessTokenLifespan, Duration refreshTokenLifespan) {}
}
