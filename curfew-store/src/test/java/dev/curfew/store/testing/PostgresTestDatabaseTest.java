package dev.curfew.store.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.store.Database;
import dev.curfew.store.DatabaseConfig;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostgresTestDatabaseTest {

    @Test
    void everyCallGivesAnotherEmptyDatabase() {
        DatabaseConfig first = PostgresTestDatabase.create();
        DatabaseConfig second = PostgresTestDatabase.create();

        assertThat(first.jdbcUrl()).startsWith("jdbc:postgresql:").isNotEqualTo(second.jdbcUrl());
        try (Database one = Database.open(first);
                Database two = Database.open(second)) {
            one.store()
                    .realms()
                    .create(new Realm(
                            "r-1", "acme", "ACME", true, RealmSettings.DEFAULTS, Optional.empty(), Instant.EPOCH));

            assertThat(two.store().realms().list()).isEmpty();
        }
    }
}
