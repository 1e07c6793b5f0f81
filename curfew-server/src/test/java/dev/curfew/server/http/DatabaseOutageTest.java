package dev.curfew.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped under a running node, then started again on the same data: while it is away requests are
 * answered 503 with {@code Retry-After} in the caller's error model and the node reports itself not ready; once it is
 * back the node serves again by itself.
 */
@DisplayName("the database away: 503 with Retry-After, not ready, and back by itself")
class DatabaseOutageTest {
    @TempDir
    Path data;

    private EmbeddedPostgres postgres;
    private TestCurfew curfew;

    @AfterEach
    void stop() throws IOException {
        if (curfew != null) {
            curfew.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @DisplayName("a write while PostgreSQL was stopped was a 500; now 503 with Retry-After (problem details on the"
            + " admin API, temporarily_unavailable at the token endpoint), readiness 503, and writes succeed again"
            + " once it is back")
    void aWriteWhileTheDatabaseWasDownWasAServerError() throws IOException {
        int port = freePort();
        postgres = startPostgres(port);
        curfew = TestCurfew.start(
                Map.of("db-url", postgres.getJdbcUrl("postgres", "postgres"), "db-username", "postgres"));
        TestRealm realm = TestRealm.create(curfew);
        ConfidentialClient web = realm.confidentialClient("web");
        String[] admin = TestCurfew.bearer(curfew.adminToken());
        String users = "/admin/realms/" + realm.name() + "/users";
        awaitReady();

        postgres.close();

        HttpResponse<String> write = curfew.postJson(users, Map.of("username", "while-away", "enabled", true), admin);
        assertThat(write.statusCode()).as(write.body()).isEqualTo(503);
        assertThat(write.headers().firstValue("Retry-After")).contains("5");
        assertThat(write.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(TestCurfew.json(write).path("status").asInt()).isEqualTo(503);

        HttpResponse<String> grant =
                curfew.postForm(realm.tokenPath(), Map.of("grant_type", "client_credentials"), web.basicHeader());
        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(503);
        assertThat(grant.headers().firstValue("Retry-After")).contains("5");
        assertThat(TestCurfew.json(grant).path("error").asText()).isEqualTo("temporarily_unavailable");

        HttpResponse<String> ready = curfew.get("/health/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
        assertThat(TestCurfew.json(ready).path("checks").path("database").asText())
                .isEqualTo("DOWN");

        postgres = startPostgres(port);

        awaitReady();
        assertThat(TestCurfew.json(curfew.get("/health/ready"))
                        .path("checks")
                        .path("changes")
                        .asText())
                .as("listening to the other nodes again")
                .isEqualTo("UP");
        HttpResponse<String> after = curfew.postJson(users, Map.of("username", "after-return", "enabled", true), admin);
        assertThat(after.statusCode()).as(after.body()).isEqualTo(201);
    }

    private void awaitReady() {
        Awaitility.await("the node is ready")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> curfew.get("/health/ready").statusCode() == 200);
    }

    /** PostgreSQL on the same port and data directory each time, as after a restart. */
    private EmbeddedPostgres startPostgres(int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(data.resolve("postgres"))
                .setCleanDataDirectory(false)
                .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
