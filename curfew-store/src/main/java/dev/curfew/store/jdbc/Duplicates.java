package dev.curfew.store.jdbc;

import dev.curfew.core.store.DuplicateException;
import java.sql.SQLException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.jdbi.v3.core.Handle;

/** Recognizes a broken uniqueness rule, which both PostgreSQL and H2 report as SQLSTATE 23505. */
final class Duplicates {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String SAVEPOINT = "curfew_insert";

    private Duplicates() {}

    static boolean isDuplicate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs an insert or update, turning a broken uniqueness rule into a {@link DuplicateException} that says what
     * already exists.
     */
    static <T> T translate(Supplier<T> write, String whatExists) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            if (isDuplicate(e)) {
                throw new DuplicateException(whatExists, e);
            }
            throw e;
        }
    }

    /**
     * Runs {@code insert}, reporting instead of failing when the row already exists (for example because
     * a concurrent caller inserted it first).
     *
     * <p>Inside a transaction, PostgreSQL aborts the whole transaction on a failed statement; a savepoint
     * confines the failure to the insert, so the transaction can go on.
     *
     * @return false if the row already existed
     */
    static boolean insertIfAbsent(Handle handle, Consumer<Handle> insert) {
        if (!handle.isInTransaction()) {
            try {
                insert.accept(handle);
                return true;
            } catch (RuntimeException e) {
                if (isDuplicate(e)) {
                    return false;
                }
                throw e;
            }
        }
        handle.savepoint(SAVEPOINT);
        try {
            insert.accept(handle);
        } catch (RuntimeException e) {
            if (!isDuplicate(e)) {
                throw e;
            }
            // Rolling back to a savepoint also forgets it (in JDBI; the database drops it at commit).
            handle.rollbackToSavepoint(SAVEPOINT);
            return false;
        }
        handle.releaseSavepoint(SAVEPOINT);
        return true;
    }

    /**
     * Updates the row, or inserts it if there is none, without a database-specific upsert statement
     * ({@code ON CONFLICT} is PostgreSQL's, {@code MERGE} differs between the two).
     */
    static void upsert(Handle handle, ToIntFunction<Handle> update, Consumer<Handle> insert) {
        if (update.applyAsInt(handle) == 0 && !insertIfAbsent(handle, insert)) {
            // A concurrent caller inserted the row between our update and our insert; now the update finds it.
            update.applyAsInt(handle);
        }
    }
}
