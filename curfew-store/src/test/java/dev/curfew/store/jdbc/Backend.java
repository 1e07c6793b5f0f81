package dev.curfew.store.jdbc;

import dev.curfew.store.Database;
import dev.curfew.store.DatabaseConfig;
import dev.curfew.store.testing.PostgresTestDatabase;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The databases every store test runs against: the embedded default and the clustered one. */
enum Backend {
    H2 {
        @Override
        DatabaseConfig newDatabase() {
            return DatabaseConfig.h2InMemory("store-test-" + UUID.randomUUID());
        }
    },
    POSTGRESQL {
        @Override
        DatabaseConfig newDatabase() {
            return PostgresTestDatabase.create();
        }
    };

    /**
     * Creating and migrating a PostgreSQL database takes about half a second, so the tests share one
     * per backend, left open until the JVM exits.
     */
    private static final Map<Backend, Database> SHARED = new ConcurrentHashMap<>();

    /** A fresh, empty database. */
    abstract DatabaseConfig newDatabase();

    /** This backend's database shared by all tests of the JVM. */
    Database sharedDatabase() {
        return SHARED.computeIfAbsent(this, backend -> Database.open(backend.newDatabase()));
    }
}
