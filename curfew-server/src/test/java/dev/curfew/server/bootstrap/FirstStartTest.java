package dev.curfew.server.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.store.Store;
import dev.curfew.engine.password.Argon2idPasswordHasher;
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
 * template, the realms it creates sign with the keys found while the database opened, and its users' passwords were
 * hashed meanwhile.
 */
@DisplayName("A first start on an empty data directory")
class FirstStartTest {
    @TempDir
    Path dataDir;

    @Test
    @DisplayName("makes its database from the schema template, its realms sign tokens, its users' passwords check; a"
            + " restart finds it current")
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
            // Their passwords were hashed while the database opened: each stored hash is its password's.
            DemoRealm.Created demo =
                    (DemoRealm.Created) first.server().bootstrap().demo().orElseThrow();
            Store store = first.server().services().store();
            String realmId =
                    store.realms().findByName(DemoRealm.NAME).orElseThrow().id();
            demo.passwords().forEach((user, password) -> {
                String userId = store.users()
                        .findByUsername(realmId, user)
                        .orElseThrow()
                        .id();
                assertThat(new Argon2idPasswordHasher()
                                .verify(
                                        password.toCharArray(),
                                        store.users().passwordHash(userId).orElseThrow()))
                        .as(user)
                        .isTrue();
            });
        }
        try (TestCurfew second = TestCurfew.start(config, clock)) {
            assertThat(second.server().schemaCheck()).isEqualTo(SchemaCheck.CURRENT);
            assertThat(second.adminToken()).isNotBlank();
        }
    }
}
