package dev.curfew.core.realm;

/**
 * When one account of the realm is suspected of being shared (the realm field {@code sharingDetection}): a sign-in
 * that brings the user to at least {@code concurrentSessions} sessions at once, or to sessions from at least
 * {@code distinctNetworks} networks at once, is recorded in the audit log ({@code sharing.suspected}) and the user is
 * listed among the suspects. Detection only records: what to do about it is the administrator's choice (the
 * credential-sharing playbook).
 *
 * @param concurrentSessions sessions at once that raise the suspicion; 0 to ignore the count (the default)
 * @param distinctNetworks networks at once that raise it; 0 to ignore networks (the default)
 */
public record SharingDetection(int concurrentSessions, int distinctNetworks) {

    /** Off. */
    public static final SharingDetection OFF = new SharingDetection(0, 0);

    /** Beyond this, a count is no sign of sharing but a misconfiguration. */
    public static final int MAX_THRESHOLD = 10_000;

    public SharingDetection {
        if (concurrentSessions < 0 || distinctNetworks < 0) {
            throw new IllegalArgumentException("sharing thresholds must be 0 (off) or positive");
        }
        if (concurrentSessions == 1 || distinctNetworks == 1) {
            throw new IllegalArgumentException("a sharing threshold of 1 would suspect every signed-in user");
        }
        if (concurrentSessions > MAX_THRESHOLD || distinctNetworks > MAX_THRESHOLD) {
            throw new IllegalArgumentException("sharing thresholds must be at most " + MAX_THRESHOLD);
        }
    }

    public boolean enabled() {
        return concurrentSessions > 0 || distinctNetworks > 0;
    }

    /** Whether a user holding {@code sessions} sessions from {@code networks} networks at once is suspected. */
    public boolean suspects(int sessions, int networks) {
        return (concurrentSessions > 0 && sessions >= concurrentSessions)
                || (distinctNetworks > 0 && networks >= distinctNetworks);
    }
}
