package dev.curfew.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.curfew.engine.client.OutdatedClientUris;
import dev.curfew.engine.client.OutdatedClientUris.Finding;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Client URIs stored before the RFC 8252 scheme rules: they keep working and are named at start")
class OutdatedClientUrisTest {
    static final String LAN_REDIRECT = "http://intranet.example.test/callback";

    static TestCurfew curfew;
    static TestRealm realm;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        realm = TestRealm.create(curfew);
        // Written under the API, as an earlier version's registration left them.
        realm.confidentialClient(
                "legacy",
                b -> b.redirectUris(List.of(LAN_REDIRECT, "myapp://callback"))
                        .postLogoutRedirectUris(List.of("javascript:alert(1)")));
        realm.publicClient("legacy-spa", b -> b.backchannelLogoutUri(Optional.of("http://rp.example.test/bcl")));
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    @DisplayName("every URI that registration refuses now is found, with its client, realm and reason")
    void everyOutdatedUriIsFound() {
        List<Finding> findings = new OutdatedClientUris(curfew.services().store()).find();

        assertThat(findings)
                .filteredOn(f -> f.realm().equals(realm.name()))
                .extracting(Finding::clientId, Finding::field)
                .containsExactlyInAnyOrder(
                        tuple("legacy", "redirect URI"),
                        tuple("legacy", "redirect URI"),
                        tuple("legacy", "post-logout redirect URI"),
                        tuple("legacy-spa", "back-channel logout URI"));
        assertThat(findings).filteredOn(f -> f.realm().equals("master")).isEmpty();
    }

    @Test
    @DisplayName("a stored http redirect URI off the loopback interface keeps working")
    void storedUriKeepsWorking() {
        realm.user("olga");
        Map<String, String> params = OidcFlow.authParams("legacy");
        params.put("redirect_uri", LAN_REDIRECT);

        HttpResponse<String> response = OidcFlow.login(curfew.browser(), realm, params, "olga");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).startsWith(LAN_REDIRECT + "?code="));
    }

    @Test
    @DisplayName("an update that sends the list again must replace the outdated URI; other updates keep it")
    void updateSendingTheListMustReplaceIt() {
        String[] admin = TestCurfew.bearer(curfew.adminToken());
        String id = curfew.services()
                .store()
                .clients()
                .findByClientId(realm.realm().id(), "legacy")
                .orElseThrow()
                .id();
        String path = "/admin/realms/" + realm.name() + "/clients/" + id;

        assertThat(curfew.putJson(path, Map.of("name", "Legacy app"), admin).statusCode())
                .isEqualTo(204);
        HttpResponse<String> refused = curfew.putJson(path, Map.of("redirectUris", List.of(LAN_REDIRECT)), admin);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("redirectUris[0]");
        assertThat(TestCurfew.json(curfew.get(path, admin)).get("redirectUris")).hasSize(2);
    }
}
