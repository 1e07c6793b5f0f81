package dev.curfew.store.jdbc;

import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * Writes a cut-off (the not_before column of realms, clients or users) with one UPDATE of one row, whatever
 * the number of sessions ({@code docs/architecture.md}, "Session control").
 *
 * <p>A cut-off only moves forward, as in {@code RevocationState}: of two sign-outs finishing out of order
 * (or made on nodes whose clocks differ a little), the later cut-off stays, so a write never makes a token
 * valid again. The updates of a whole realm, client or user row keep the later cut-off the same way, so
 * that saving a record read before a sign-out does not carry its older cut-off (or none) back.
 */
final class NotBefore {
    private NotBefore() {}

    /** @param keyCondition selects the row, e.g. {@code realm_id = :realmId AND id = :id}, bound by the caller */
    static Update update(Handle h, String table, String keyCondition, Instant cutOff) {
        return h.createUpdate("UPDATE " + table + " SET not_before = :cutOff WHERE " + keyCondition
                        + " AND (not_before IS NULL OR not_before < :cutOff)")
                .bind("cutOff", Columns.millis(cutOff));
    }
}
