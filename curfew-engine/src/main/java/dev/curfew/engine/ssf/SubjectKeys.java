package dev.curfew.engine.ssf;

/**
 * How a stream's subjects (SSF 1.0 §8.1.3) are kept: a user or a session as one key, its kind first, so a stream
 * restricted to some subjects matches an event by a set lookup.
 */
public final class SubjectKeys {
    private SubjectKeys() {}

    public static String user(String userId) {
        return "user:" + userId;
    }

    public static String session(String sessionId) {
        return "session:" + sessionId;
    }
}
