package dev.curfew.store.jdbc;

import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Where a sub-store's statements run. Outside {@link JdbcStore#inTransaction} each call borrows a pooled
 * connection of its own; inside, every call uses the transaction's handle, so that all of them commit
 * or roll back together.
 */
sealed interface Handles {

    /** Statements that are atomic without a transaction: one statement, or several that tolerate interleaving. */
    <T> T withHandle(Work<T> work);

    /** {@link #withHandle} for work that returns nothing. */
    default void useHandle(Consumer<Handle> work) {
        withHandle(handle -> {
            work.accept(handle);
            return null;
        });
    }

    /** Statements that must read and write as one. */
    <T> T inTransaction(Work<T> work);

    /** The sub-stores' unit of work; unlike JDBI's callbacks it throws no checked exception. */
    @FunctionalInterface
    interface Work<T> {
        T run(Handle handle);
    }

    record Pooled(Jdbi jdbi) implements Handles {
        @Override
        public <T> T withHandle(Work<T> work) {
            return jdbi.withHandle(work::run);
        }

        @Override
        public <T> T inTransaction(Work<T> work) {
            return jdbi.inTransaction(work::run);
        }
    }

    record InTransaction(Handle handle) implements Handles {
        @Override
        public <T> T withHandle(Work<T> work) {
            return work.run(handle);
        }

        /** Already in one: the caller's transaction makes the work atomic. */
        @Override
        public <T> T inTransaction(Work<T> work) {
            return work.run(handle);
        }
    }
}
