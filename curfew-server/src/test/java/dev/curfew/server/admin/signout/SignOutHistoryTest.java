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
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The sign-out history says who, with which privilege, why, what, when, how many")
class SignOutHistoryTest {
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

    @Test
    @DisplayName(
            "a realm sign-out by an AUTH_ADMINISTRATOR: actor, privilege, reason, cut-off, request id; RUNNING then COMPLETED with the count")
    void realmSignOutRecord() {
        TestRealm realm = TestRealm.create(curfew);
        ConfidentialClient web = realm.confidentialClient("web");
        realm.user("alice");
        realm.user("bob");
        SignedIn.login(realm, web, "alice");
        SignedIn.login(realm, web, "bob");
        SignOutApi.Admin admin = api.newAdmin("AUTH_ADMINISTRATOR@" + realm.name());
        curfew.clock().advance(Duration.ofSeconds(1));
        // The store keeps times to the millisecond.
        Instant at = curfew.clock().instant().truncatedTo(ChronoUnit.MILLIS);

        HttpResponse<String> response = expect(
                api.postAs(
                        SignOutApi.token(admin.token()),
                        realm.name(),
                        body(realmScope(), "layoffs: high-risk period", "id", "incident-2026-11"),
                        "X-Request-Id",
                        "req-7a1f"),
                201);
        JsonNode created = TestCurfew.json(response);

        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/sign-outs/incident-2026-11"));
        assertThat(created.get("id").asText()).isEqualTo("incident-2026-11");
        assertThat(created.get("status").asText()).isIn("RUNNING", "COMPLETED");
        JsonNode record = api.awaitCompleted(realm.name(), "incident-2026-11");
        assertThat(record.get("realm").asText()).isEqualTo(realm.name());
        assertThat(record.get("scope").get("type").asText()).isEqualTo("realm");
        assertThat(record.get("reason").asText()).isEqualTo("layoffs: high-risk period");
        assertThat(record.get("actor").get("id").asText()).isEqualTo(admin.id());
        assertThat(record.get("actor").get("username").asText()).isEqualTo(admin.username());
        assertThat(record.get("privilege").asText()).isEqualTo("AUTH_ADMINISTRATOR");
        assertThat(record.get("requestId").asText()).isEqualTo("req-7a1f");
        assertThat(record.get("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(Instant.parse(record.get("cutOff").asText())).isEqualTo(at);
        assertThat(Instant.parse(record.get("createdAt").asText())).isEqualTo(at);
        assertThat(record.get("completedAt").isNull()).isFalse();
        assertThat(record.get("affectedSessions").asLong()).isEqualTo(2);
        assertThat(record.get("dryRun").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("each scope's detail names what was signed out (session ids, user, client by both ids, filter)")
    void scopeDetails() {
        TestRealm realm = TestRealm.create(curfew);
        ConfidentialClient web = realm.confidentialClient("web");
        realm.user("alice");
        SignedIn alice = SignedIn.login(realm, web, "alice");

        JsonNode session = api.signOut(realm.name(), sessionScope(alice.sid()), "lost phone");
        JsonNode user = api.signOut(realm.name(), userScope(alice.userId()), "termination");
        JsonNode client = api.signOut(realm.name(), clientScope("web"), "client secret rotated");
        JsonNode filter = api.signOut(
                realm.name(), filterScope(Map.of("ip", "10.0.0.0/8", "userAgent", "curl")), "credential sharing");

        assertThat(session.get("scope").get("sessionIds").get(0).asText()).isEqualTo(alice.sid());
        assertThat(session.has("cutOff")).as("no cut-off for a session scope").isFalse();
        assertThat(session.get("privilege").asText()).isEqualTo("SYSTEM_ADMINISTRATOR");
        assertThat(user.get("scope").get("userId").asText()).isEqualTo(alice.userId());
        assertThat(user.get("scope").get("username").asText()).isEqualTo("alice");
        assertThat(user.get("cutOff").isNull()).isFalse();
        assertThat(client.get("scope").get("clientId").asText()).isEqualTo("web");
        assertThat(client.get("scope").get("id").asText())
                .isEqualTo(web.client().id());
        assertThat(filter.get("scope").get("filter").get("userAgent").asText()).isEqualTo("curl");
        assertThat(filter.get("scope").get("filter").get("ip").asText()).isEqualTo("10.0.0.0/8");
        assertThat(filter.get("scope").get("filter").has("ipRange"))
                .as("the stored IP range keys are internal")
                .isFalse();
        assertThat(filter.has("cutOff")).isFalse();
        assertThat(api.get("/admin/realms/" + realm.name() + "/sign-outs/"
                                + session.get("id").asText())
                        .get("reason")
                        .asText())
                .isEqualTo("lost phone");
        SignOutApi.problem(
                curfew.get(
                        "/admin/realms/" + realm.name() + "/sign-outs/no-such-sign-out",
                        TestCurfew.bearer(api.adminToken())),
                404);
    }

    @Test
    @DisplayName("regression: a filter's users were shown as ids only, and its IP range as internal hex keys; the"
            + " filter reads as written, with each user's name next to the id")
    void filterAsWritten() {
        TestRealm realm = TestRealm.create(curfew);
        ConfidentialClient web = realm.confidentialClient("web");
        realm.user("alice");
        SignedIn alice = SignedIn.login(realm, web, "alice");

        JsonNode signOut = api.signOut(
                realm.name(),
                filterScope(Map.of("userIds", List.of(alice.userId()), "ip", "127.0.0.0/8")),
                "shared account");
        JsonNode listed =
                api.history(realm.name()).get("signOuts").get(0).get("scope").get("filter");

        for (JsonNode filter : List.of(signOut.get("scope").get("filter"), listed)) {
            assertThat(filter.get("ip").asText()).isEqualTo("127.0.0.0/8");
            assertThat(filter.has("ipRange")).isFalse();
            assertThat(filter.get("userIds").get(0).asText()).isEqualTo(alice.userId());
            assertThat(filter.get("usernames").get(alice.userId()).asText()).isEqualTo("alice");
        }
    }

    @Test
    @DisplayName("the list is newest first, with total and paging; a repeated id is a 409")
    void listPaging() {
        TestRealm realm = TestRealm.create(curfew);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(api.signOut(realm.name(), realmScope(), "sweep " + i)
                    .get("id")
                    .asText());
            curfew.clock().advance(Duration.ofSeconds(1));
        }

        JsonNode page1 = api.get("/admin/realms/" + realm.name() + "/sign-outs?first=0&max=2");
        JsonNode page3 = api.get("/admin/realms/" + realm.name() + "/sign-outs?first=4&max=2");

        assertThat(page1.get("total").asLong()).isEqualTo(5);
        assertThat(page1.get("signOuts")).hasSize(2);
        assertThat(page1.get("signOuts").get(0).get("id").asText()).isEqualTo(ids.get(4));
        assertThat(page1.get("signOuts").get(1).get("id").asText()).isEqualTo(ids.get(3));
        assertThat(page3.get("signOuts")).hasSize(1);
        assertThat(page3.get("signOuts").get(0).get("id").asText()).isEqualTo(ids.get(0));

        expect(api.post(realm.name(), body(realmScope(), "first", "id", "fixed-id-1")), 201);
        SignOutApi.problem(api.post(realm.name(), body(realmScope(), "again", "id", "fixed-id-1")), 409);
        assertThat(api.history(realm.name()).get("total").asLong()).isEqualTo(6);
    }
}
