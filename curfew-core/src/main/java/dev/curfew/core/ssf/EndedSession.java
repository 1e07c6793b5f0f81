package dev.curfew.core.ssf;

import java.time.Instant;

/** A session that was ended one by one (not by a cut-off), as remembered with its revoked id. */
public record EndedSession(String sessionId, String userId, Instant endedAt) {}
