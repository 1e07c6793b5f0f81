package dev.curfew.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.client.Client;
import dev.curfew.server.testing.TestCurfew;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Account console: the client's redirect URIs follow the configured public-url")
class PublicUrlTest {
    @Test
    @DisplayName("with public-url set, every realm's account-console redirects only there")
    void redirectUrisUseThePublicUrl() {
        try (TestCurfew curfew = TestCurfew.start(Map.of("public-url", "https://id.example.com/"))) {
            String masterId =
                    curfew.services().realms().find("master").orElseThrow().id();
            Client client = curfew.services()
                    .store()
                    .clients()
                    .findByClientId(masterId, "account-console")
                    .orElseThrow();

            assertThat(client.redirectUris()).containsExactly("https://id.example.com/realms/master/account/callback");
            assertThat(client.postLogoutRedirectUris())
                    .containsExactly("https://id.example.com/realms/master/account/signed-out");
        }
    }
}
