package dev.curfew.core.otp;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * A user's confirmed TOTP authenticator.
 *
 * @param secret the shared key in base32; never logged nor returned after enrolment
 * @param lastStep the RFC 6238 time step of the last code accepted, empty before the first
 */
public record OtpCredential(String userId, String realmId, String secret, Instant createdAt, OptionalLong lastStep) {

    /** Without the secret, so that it does not reach a log through a record's string form. */
    @Override
    public String toString() {
        return "OtpCredential[userId=" + userId + ", realmId=" + realmId + ", createdAt=" + createdAt + ", lastStep="
                + lastStep + "]";
    }
}
