package dev.curfew.engine.signout;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.signout.SignOut;
import dev.curfew.core.store.Store;
import dev.curfew.engine.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks a sign-out that cannot finish {@link SignOut.Status#FAILED}: its history row says why, the audit log
 * records it ({@code sign-out-failed}) and the server log has the stack trace. A RUNNING sign-out is resumed
 * at every start, so one that fails deterministically — a bug, or a scope stored before its input was
 * validated — would otherwise fail every start, and with the resume on the start-up path, stop the server
 * from ever serving again. What the sign-out made durable before it failed stays in force: a cut-off, and the
 * sessions it had revoked.
 */
public final class SignOutFailures {
    private static final Logger LOG = LoggerFactory.getLogger(SignOutFailures.class);
    /** The stored error is a summary for administrators; the server log has the rest. */
    static final int MAX_ERROR = 500;

    private final Store store;
    private final AuditLog audit;

    public SignOutFailures(Store store, AuditLog audit) {
        this.store = store;
        this.audit = audit;
    }

    /** What the audit log records of a failed sign-out. */
    record Failed(String signOutId, String scope, String error, long sessionsEnded) {}

    /**
     * Marks the sign-out FAILED. Never throws: when even that cannot be written (the database is down), it
     * is logged and the sign-out stays RUNNING, to be tried again at the next start.
     *
     * @param during what was being done, e.g. "resuming it at start-up"
     */
    public void record(Realm realm, SignOut signOut, String during, RuntimeException cause) {
        String error = summary(during, cause);
        LOG.error(
                "sign-out {} ({} scope) of realm {} failed {}; it is marked FAILED and will not be resumed",
                signOut.id(),
                signOut.scopeType(),
                realm.name(),
                during,
                cause);
        try {
            store.inTransaction(tx -> {
                // The stored row, not the caller's copy: it holds the sessions ended so far.
                SignOut failed = tx.signOuts()
                        .find(realm.id(), signOut.id())
                        .orElse(signOut)
                        .failed(error);
                tx.signOuts().update(failed);
                audit.record(
                        tx,
                        realm.id(),
                        new AuditLog.Actor(
                                signOut.actorId(),
                                signOut.actorUsername(),
                                signOut.privilege(),
                                signOut.requestId(),
                                signOut.sourceIp()),
                        "sign-out-failed",
                        signOut.reason(),
                        new Failed(signOut.id(), signOut.scopeType(), error, failed.affectedSessions()),
                        failed.affectedSessions());
                return null;
            });
        } catch (RuntimeException e) {
            LOG.error("could not mark sign-out {} FAILED; it stays RUNNING until the next start", signOut.id(), e);
        }
    }

    /** One line: what failed and the exception, e.g. "resuming it at start-up: ArithmeticException: long overflow". */
    static String summary(String during, RuntimeException cause) {
        String message =
                cause.getMessage() == null ? "" : ": " + cause.getMessage().strip();
        String line = (during + " failed: " + cause.getClass().getSimpleName() + message).replaceAll("\\s+", " ");
        return line.length() <= MAX_ERROR ? line : line.substring(0, MAX_ERROR - 1) + "…";
    }
}
