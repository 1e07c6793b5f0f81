package dev.curfew.core.session;

import java.time.Instant;

/**
 * A user whose sessions are spread widely enough to suspect that the account is shared ({@link UserSpread}).
 *
 * @param lastActiveAt when the most recently used of their sessions was last used
 */
public record SharingSuspect(String userId, String username, UserSpread spread, Instant lastActiveAt) {}
