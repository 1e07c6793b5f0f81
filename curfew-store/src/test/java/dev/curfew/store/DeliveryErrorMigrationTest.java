package dev.curfew.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.delivery.Delivery;
import dev.curfew.store.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Migration 7 on a database that earlier versions wrote: failed deliveries recorded the receiver's answer after the
 * status ("HTTP 500: ..."), which could be what an internal service said. Only the status is kept.
 */
@DisplayName("Migration 7: delivery errors written by earlier versions keep only the status, on H2 and PostgreSQL")
class DeliveryErrorMigrationTest {
    /** What an earlier version wrote, and what is left of it. */
    private static final List<Map.Entry<String, String>> BEFORE_AND_AFTER = List.of(
            Map.entry("HTTP 503: {\"AccessKeyId\":\"internal\"}", "HTTP 503"),
            Map.entry(
                    "not delivered within PT24H; last error: HTTP 500: <html>internal</html>",
                    "not delivered within PT24H; last error: HTTP 500"),
            Map.entry("HTTP 404", "HTTP 404"),
            Map.entry("ConnectException", "ConnectException"));

    @Test
    void answersRecordedByEarlierVersionsAreCutOffOnH2() throws SQLException {
        check(DatabaseConfig.h2InMemory("migration-7-" + UUID.randomUUID()));
    }

    @Test
    void answersRecordedByEarlierVersionsAreCutOffOnPostgres() throws SQLException {
        check(PostgresTestDatabase.create());
    }

    private static void check(DatabaseConfig config) throws SQLException {
        String url = DatabaseUrl.parse(config.jdbcUrl()).effectiveUrl();
        Flyway.configure(DeliveryErrorMigrationTest.class.getClassLoader())
                .dataSource(url, config.username(), config.password())
                .locations("classpath:db/migration")
                .target("6")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, config.username(), config.password())) {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO realms (id, name, display_name, enabled, access_token_lifespan,"
                        + " sso_session_idle_timeout, sso_session_max_lifespan, authorization_code_lifespan,"
                        + " signing_algorithm, created_at) VALUES ('r-1', 'acme', 'ACME', TRUE, 300, 1800, 36000,"
                        + " 60, 'RS256', 0)");
            }
            for (int i = 0; i < BEFORE_AND_AFTER.size(); i++) {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO outbox (id, realm_id, kind, destination,"
                        + " payload, content_type, created_at, queued_at, next_attempt_at, attempts, last_error,"
                        + " status, client_id) VALUES (?, 'r-1', 'backchannel-logout', 'https://rp.example.com/',"
                        + " '{}', 'application/x-www-form-urlencoded', 0, 0, 0, 1, ?, 'DEAD', 'c-1')")) {
                    p.setString(1, "d-" + i);
                    p.setString(2, BEFORE_AND_AFTER.get(i).getKey());
                    p.executeUpdate();
                }
            }
        }

        try (Database database = Database.open(config)) {
            for (int i = 0; i < BEFORE_AND_AFTER.size(); i++) {
                Delivery d = database.store().outbox().find("r-1", "d-" + i).orElseThrow();
                assertThat(d.lastError()).contains(BEFORE_AND_AFTER.get(i).getValue());
            }
        }
    }
}
