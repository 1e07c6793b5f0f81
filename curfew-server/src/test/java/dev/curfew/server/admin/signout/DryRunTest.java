package dev.curfew.server.admin.signout;

import static dev.curfew.server.testing.SignOutApi.body;
import static dev.curfew.server.testing.SignOutApi.clientScope;
import static dev.curfew.server.testing.SignOutApi.expect;
import static dev.curfew.server.testing.SignOutApi.filterScope;
import static dev.curfew.server.testing.SignOutApi.realmScope;
import static dev.curfew.server.testing.SignOutApi.sessionScope;
import static dev.curfew.server.testing.SignOutApi.userScope;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Sign-outs are previewable: a dry run counts and samples, and changes nothing")
class DryRunTest {
    static TestCurfew curfew;
    static SignOutApi api;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        api = new SignOutApi(curfew);
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    static JsonNode dryRun(String realm, Map<String, Object> scope) {
        return TestCurfew.json(expect(api.post(realm, body(scope, "preview", "dryRun", true)), 200));
    }

    static Set<String> sampleIds(JsonNode preview) {
        Set<String> ids = new HashSet<>();
        preview.get("sample").forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }

    @Test
    @DisplayName("every scope: the right count, a sample of the right sessions, then every session still works")
    void countsSamplesAndChangesNothing() {
        TestRealm realm = TestRealm.create(curfew);
        ConfidentialClient web = realm.confidentialClient("web");
        ConfidentialClient wiki = realm.confidentialClient("wiki");
        realm.user("alice");
        realm.user("bob");
        List<SignedIn> alice = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            alice.add(SignedIn.login(realm, web, "alice"));
        }
        SignedIn bob = SignedIn.login(realm, wiki, "bob");
        curfew.clock().advance(Duration.ofSeconds(1));

        JsonNode ofRealm = dryRun(realm.name(), realmScope());
        JsonNode ofUser = dryRun(realm.name(), userScope(bob.userId()));
        JsonNode ofClient = dryRun(realm.name(), clientScope("web"));
        JsonNode ofSessions = dryRun(realm.name(), sessionScope(alice.get(0).sid(), bob.sid()));
        JsonNode ofFilter = dryRun(realm.name(), filterScope(Map.of("clientId", "wiki")));

        assertThat(ofRealm.get("dryRun").asBoolean()).isTrue();
        assertThat(ofRealm.get("affectedSessions").asLong()).isEqualTo(13);
        assertThat(ofRealm.get("sample")).hasSize(10);
        assertThat(ofUser.get("affectedSessions").asLong()).isEqualTo(1);
        assertThat(sampleIds(ofUser)).containsExactly(bob.sid());
        assertThat(ofClient.get("affectedSessions").asLong()).isEqualTo(12);
        assertThat(ofClient.get("sample")).hasSize(10);
        assertThat(sampleIds(ofClient)).doesNotContain(bob.sid());
        assertThat(ofSessions.get("affectedSessions").asLong()).isEqualTo(2);
        assertThat(sampleIds(ofSessions)).containsExactlyInAnyOrder(alice.get(0).sid(), bob.sid());
        assertThat(ofFilter.get("affectedSessions").asLong()).isEqualTo(1);
        assertThat(sampleIds(ofFilter)).containsExactly(bob.sid());

        for (SignedIn s : alice) {
            s.assertWorks("alice after the dry runs");
        }
        bob.assertWorks("bob after the dry runs");
        assertThat(api.history(realm.name()).get("total").asLong()).isZero();
        assertThat(api.audit(realm.name()).get("total").asLong()).isZero();
        assertThat(api.sessions(realm.name(), "").get("total").asLong()).isEqualTo(13);
    }
}
