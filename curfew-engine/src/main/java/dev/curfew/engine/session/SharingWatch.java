package dev.curfew.engine.session;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.SharingDetection;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.session.UserSpread;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.engine.bruteforce.SignInAttempt;
import java.util.ArrayList;
import java.util.List;

/**
 * Notices the sign-in that makes an account look shared ({@link SharingDetection}, the realm field
 * {@code sharingDetection}): when the user's active sessions, with the new one, reach the realm's count of sessions
 * or of networks at once, and did not before, the audit log records {@value #SUSPECTED} with the evidence (the
 * addresses and user agents of the sessions). Recorded once per crossing, not at every further sign-in; nothing is
 * ended here: the administrator decides (the credential-sharing playbook).
 */
final class SharingWatch {
    /** The audit action of a sign-in that made its user a suspect of account sharing. */
    static final String SUSPECTED = "sharing.suspected";

    /** Addresses and user agents kept as evidence in one entry, at most. */
    private static final int EVIDENCE = 20;

    private final AuditLog audit;

    SharingWatch(AuditLog audit) {
        this.audit = audit;
    }

    /** What the audit entry of {@value #SUSPECTED} records. */
    record SharingSuspected(
            String userId,
            String username,
            int sessions,
            int networks,
            SharingDetection thresholds,
            String newSessionId,
            List<String> addresses,
            List<String> userAgents) {}

    /**
     * After {@code session} started, in its transaction: {@code others} are the user's other active sessions (read
     * with the user's row locked, so concurrent sign-ins of one user are judged one after the other).
     */
    void signedIn(
            Store tx, Realm realm, User user, UserSession session, List<UserSession> others, SignInAttempt attempt) {
        SharingDetection detection = realm.settings().sharingDetection();
        if (!detection.enabled()) {
            return;
        }
        List<UserSession> now = new ArrayList<>(others);
        now.add(session);
        UserSpread before = UserSpread.of(others);
        UserSpread after = UserSpread.of(now);
        if (detection.suspects(before.sessions(), before.networks())
                || !detection.suspects(after.sessions(), after.networks())) {
            return;
        }
        audit.record(
                tx,
                realm.id(),
                AuditLog.Actor.system(attempt.requestId(), attempt.sourceIp()),
                SUSPECTED,
                "Account '" + user.username() + "' in use from " + after.sessions() + " sessions and "
                        + after.networks() + " networks at once",
                new SharingSuspected(
                        user.id(),
                        user.username(),
                        after.sessions(),
                        after.networks(),
                        detection,
                        session.id(),
                        distinct(now.stream().map(UserSession::ipAddress).toList()),
                        distinct(now.stream().map(UserSession::userAgent).toList())),
                1);
    }

    private static List<String> distinct(List<String> values) {
        return values.stream().distinct().limit(EVIDENCE).toList();
    }
}
