package dev.curfew.server.welcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.realm.RealmSettings;
import dev.curfew.server.testing.TestCurfew;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The welcome page at / and the guides it links to")
class WelcomePageTest {
    static TestCurfew curfew;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start(Map.of("demo", "true"));
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    @DisplayName("regression: GET / answered 404 'Endpoint GET / not found'; it links to the admin console, each"
            + " realm's account console and discovery document, and the guides")
    void welcomePage() {
        HttpResponse<String> page = curfew.get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body())
                .contains("href=\"/admin\"")
                .contains("href=\"/realms/master/account\"", "href=\"/realms/demo/account\"")
                .contains("href=\"/realms/demo/.well-known/openid-configuration\"")
                .contains("Issuer: <code>" + curfew.baseUrl() + "/realms/demo</code>")
                .contains("href=\"/docs/operator-guide.md\"", "href=\"/docs/api-reference.md\"")
                .contains("/resources/curfew.css");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));
    }

    @Test
    @DisplayName("a disabled realm is not listed")
    void disabledRealmIsNotListed() {
        curfew.services().realms().create("switched-off", "Switched off", false, RealmSettings.DEFAULTS);

        assertThat(curfew.get("/").body()).doesNotContain("switched-off");
    }

    @Test
    @DisplayName("every guide is served as text from the jar; other names are not found")
    void guides() throws IOException {
        for (Guide guide : Guide.ALL) {
            HttpResponse<String> text = curfew.get(guide.path());
            assertThat(text.statusCode()).as(guide.path()).isEqualTo(200);
            assertThat(text.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type ->
                            assertThat(type.replace(" ", "")).isEqualToIgnoringCase("text/plain;charset=utf-8"));
            assertThat(text.body()).contains("# ");
        }
        // The operator guide is larger than the buffer each answer is copied through (HttpApp): it arrives whole.
        byte[] operatorGuide;
        try (InputStream in = WelcomePageTest.class.getResourceAsStream("/docs/operator-guide.md")) {
            operatorGuide = in.readAllBytes();
        }
        assertThat(operatorGuide.length).isGreaterThan(64 * 1024);
        assertThat(curfew.get("/docs/operator-guide.md").body())
                .contains("# Operator guide")
                .isEqualTo(new String(operatorGuide, StandardCharsets.UTF_8));
        assertThat(curfew.get("/docs/..%2Fpom.xml").statusCode()).isNotEqualTo(200);
        assertThat(curfew.get("/docs/unknown.md").statusCode()).isEqualTo(404);
    }
}
