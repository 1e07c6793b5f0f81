package dev.curfew.engine.user;

import dev.curfew.core.user.User;
import java.time.Duration;

/** The answer to a password attempt. */
public sealed interface Authentication {

    /** The attempt did not sign in: a wrong password, an unknown or disabled user, a locked account. */
    Authentication REFUSED = new Refused();

    /** The username and password match an enabled user whose account is not locked. */
    record Success(User user) implements Authentication {}

    /**
     * Refused. Deliberately one answer for every reason, reached after the same password hashing: telling them
     * apart would tell an attacker which accounts exist or are locked.
     */
    record Refused() implements Authentication {}

    /**
     * The source address has failed too often in this realm and must wait before its attempts are checked again.
     * It says nothing about any account, so it may be told apart.
     */
    record Throttled(Duration retryAfter) implements Authentication {}
}
