package dev.curfew.server.admin.attackdetection;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.curfew.engine.bruteforce.BruteForceProtection;
import java.time.Instant;

/**
 * Keycloak's brute-force status of a user, field for field: {@code lastFailure} in epoch milliseconds (0 when
 * none), {@code lastIPFailure} {@code "n/a"} when none, {@code disabled} true while the user cannot sign in
 * because of their failures.
 */
@JsonPropertyOrder({"numFailures", "disabled", "lastIPFailure", "lastFailure"})
public record BruteForceStatusRepresentation(
        int numFailures,
        boolean disabled,
        @JsonProperty("lastIPFailure") String lastIpFailure,
        long lastFailure) {

    static final String NONE = "n/a";

    public static BruteForceStatusRepresentation of(BruteForceProtection.Status status) {
        return new BruteForceStatusRepresentation(
                status.numFailures(),
                status.disabled(),
                status.lastIpFailure().orElse(NONE),
                status.lastFailure().map(Instant::toEpochMilli).orElse(0L));
    }
}
