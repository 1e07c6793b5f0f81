package dev.curfew.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL cannot hold U+0000 in text: a query with one fails, where H2 simply finds nothing. Such input is
 * refused before it reaches the store, so it is a 4xx on PostgreSQL as on H2, never a 500.
 */
@DisplayName("U+0000 in input on PostgreSQL: refused before the store, never a 500")
class PostgresStorableTextTest {
    static EmbeddedPostgres postgres;
    static TestCurfew curfew;
    static TestRealm realm;
    static ConfidentialClient web;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        curfew = TestCurfew.start(
                Map.of("db-url", postgres.getJdbcUrl("postgres", "postgres"), "db-username", "postgres"));
        realm = TestRealm.create(curfew);
        web = realm.confidentialClient("web");
    }

    @AfterAll
    static void stop() throws IOException {
        curfew.close();
        postgres.close();
    }

    @Test
    @DisplayName("U+0000 in an admin query parameter or JSON string was a 500 on PostgreSQL; now a 400")
    void nulInAdminInputWasAServerError() {
        String[] bearer = TestCurfew.bearer(curfew.adminToken());
        assertThat(curfew.get("/admin/realms/" + realm.name() + "/users?search=a%00b", bearer)
                        .statusCode())
                .isEqualTo(400);
        HttpResponse<String> created = curfew.postJson(
                "/admin/realms/" + realm.name() + "/users",
                "{\"username\":\"nul\",\"firstName\":\"a\\u0000b\"}",
                bearer);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(400);
    }

    @Test
    @DisplayName("U+0000 in a form's client_id was a 500 at the token endpoint on PostgreSQL; now invalid_request")
    void nulInAFormClientIdWasAServerError() {
        HttpResponse<String> form = curfew.postForm(
                realm.tokenPath(), Map.of("grant_type", "client_credentials", "client_id", "web\u0000"));
        assertThat(form.statusCode()).as(form.body()).isEqualTo(400);
    }

    @Test
    @DisplayName(
            "U+0000 in a Basic header's client id was a 500 at the token endpoint on PostgreSQL; now invalid_client")
    void nulInABasicClientIdWasAServerError() {
        String basic = "Basic "
                + Base64.getEncoder().encodeToString(("web%00:" + web.secret()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> header =
                curfew.postForm(realm.tokenPath(), Map.of("grant_type", "client_credentials"), "Authorization", basic);
        assertThat(header.statusCode()).as(header.body()).isEqualTo(401);
    }
}
