package dev.curfew.core.token;

import java.util.Objects;
import java.util.Optional;

/**
 * What presenting an authorization code found. A code is redeemed once; afterwards it is remembered until it would
 * have expired, so that a second presentation is told apart from an unknown code (RFC 6749 §4.1.2: the server MUST
 * deny it and SHOULD revoke what the code issued).
 */
public sealed interface CodeRedemption {
    /** Not known: never issued, expired and removed, or its session has ended. */
    Unknown UNKNOWN = new Unknown();

    /** The code, when this presentation redeemed it. */
    default Optional<AuthorizationCode> redeemed() {
        return this instanceof Redeemed r ? Optional.of(r.code()) : Optional.empty();
    }

    /** This presentation is the first: the caller may exchange the code. */
    record Redeemed(AuthorizationCode code) implements CodeRedemption {
        public Redeemed {
            Objects.requireNonNull(code, "code");
        }
    }

    /** The code was redeemed before (or by a concurrent presentation that won). */
    record Replayed(AuthorizationCode code) implements CodeRedemption {
        public Replayed {
            Objects.requireNonNull(code, "code");
        }
    }

    record Unknown() implements CodeRedemption {}
}
