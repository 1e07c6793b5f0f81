package dev.curfew.core.bruteforce;

import dev.curfew.core.user.User;
import java.time.Instant;

/** A user with their record of failed sign-ins, as the administrators' list shows them. */
public record UserLoginFailure(User user, LoginFailure failure) {

    /**
     * True when the user cannot sign in because of their failures: a temporary lock in force, or disabled by a
     * permanent lockout and not enabled since.
     */
    public boolean lockedAt(Instant now) {
        return failure.lockedAt(now) || (failure.lockedPermanently() && !user.enabled());
    }
}
