package dev.curfew.guard;

import java.time.Instant;
import java.util.Optional;

/**
 * What the guard knows about its revocation feed, for a health endpoint or a metric.
 *
 * @param state where the feed stands
 * @param lastSync when the guard last knew it had every sign-out Curfew sent (the end of its last
 *     successful poll); empty before the first
 * @param lastError the last failure of the feed, key fetch or receiver token, once it happened (cleared by
 *     the next success)
 * @param streamId the SSF stream the guard polls, once created
 * @param revocations how many cut-offs and revoked session ids it holds
 * @param failSafe the fail-safe in force
 * @param keysLoaded whether the realm's keys were fetched (without them every token is refused)
 */
public record GuardHealth(
        FeedState state,
        Optional<Instant> lastSync,
        Optional<String> lastError,
        Optional<String> streamId,
        int revocations,
        FailSafe failSafe,
        boolean keysLoaded) {

    /** The revocation feed's state. */
    public enum FeedState {
        /** No receiver configured: tokens are validated, sign-outs are not seen. */
        OFF,
        /** Started, first sync not done yet (the fail-safe applies). */
        STARTING,
        /** In sync: the last poll was answered, or one is held open by Curfew. */
        LIVE,
        /** The feed is failing but the fail-safe window has not passed (or the fail-safe keeps serving). */
        FAILING,
        /** The feed is failing for longer than the fail-safe window: tokens older than it are refused. */
        FAIL_SAFE,
        /** Closed. */
        STOPPED
    }

    /** Whether the guard is in sync with Curfew's sign-outs (or has no feed by configuration). */
    public boolean inSync() {
        return state == FeedState.LIVE || state == FeedState.OFF;
    }

    /** In sync and holding the realm's keys: what a readiness probe should ask. */
    public boolean ready() {
        return keysLoaded && inSync();
    }
}
