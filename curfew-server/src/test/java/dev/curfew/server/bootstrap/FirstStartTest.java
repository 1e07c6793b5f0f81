package dev.curfew.server.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.server.testing.MutableClock;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.store.SchemaCheck;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first start on an empty data directory (bench/README.md, "Start-up"): its database is a copy of the schema
 * template, and the realms it creates sign with the keys found while the database opened.
 */
@DisplayName("A first start on an empty data directory")
class FirstStartTest {
    @TempDir
    Path dataDir;

    @Test
    @DisplayName("makes its database from the schema template, and its realms sign tokens; a restart finds it current")
    void startsFromTheTemplateAndSigns() {
        // The URL a start makes of its data directory when none is given.
        Map<String, String> config = Map.of(
                "data-dir", dataDir.toString(), "db-url", "jdbc:h2:file:" + dataDir.resolve("curfew"), "demo", "true");
        MutableClock clock = new MutableClock();
        try (TestCurfew first = TestCurfew.start(config, clock)) {
            assertThat(first.server().schemaCheck()).isEqualTo(SchemaCheck.NEW_FROM_TEMPLATE);
            assertThat(first.adminToken()).isNotBlank();
            assertThat(TestCurfew.json(first.get("/realms/demo/protocol/openid-connect/certs"))
                            .get("keys")
                            .get(0)
                            .get("alg")
                            .asText())
                    .isEqualTo("RS256");
        }
        try (TestCurfew second = TestCurfew.start(config, clock)) {
            assertThat(second.server().schemaCheck()).isEqualTo(SchemaCheck.CURRENT);
            assertThat(second.adminToken()).isNotBlank();
        }
    }
}
