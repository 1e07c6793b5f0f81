package dev.curfew.core.console;

import java.time.Instant;

/**
 * A console session, or a sign-in in progress (the consoles', or a login waiting for its second factor), as the
 * database keeps it: shared by every node.
 *
 * @param idHash SHA-256 of the secret the browser holds; the secret itself is never stored
 * @param kind which console, and whether a session or a sign-in in progress
 * @param realmId the realm it belongs to (the master realm for the admin console)
 * @param data its state, sealed with a key only the browser's secret gives: opaque to the store
 * @param expiresAt when it stops being found (and housekeeping deletes it)
 */
public record StoredConsoleSession(String idHash, Kind kind, String realmId, String data, Instant expiresAt) {
    public enum Kind {
        /** An admin console session (master realm). */
        ADMIN,
        /** A realm's account console session. */
        ACCOUNT,
        /** A sign-in the account console started and its callback has not finished. */
        ACCOUNT_SIGN_IN,
        /** A login whose password was right, waiting for the second factor (a TOTP or recovery code). */
        LOGIN_SECOND_FACTOR,
        /** A login whose factors were right, waiting for the user to do their required actions. */
        LOGIN_REQUIRED_ACTIONS
    }
}
