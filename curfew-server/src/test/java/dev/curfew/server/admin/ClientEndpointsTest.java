package dev.curfew.server.admin;

import static dev.curfew.server.admin.AdminApi.expect;
import static dev.curfew.server.admin.AdminApi.invalidFields;
import static dev.curfew.server.admin.AdminApi.json;
import static dev.curfew.server.admin.AdminApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.testing.TestCurfew;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Admin API: clients (/admin/realms/{realm}/clients)")
class ClientEndpointsTest {
    static final String LONG_SECRET = "a-client-chosen-secret-of-40-characters!";

    static TestCurfew curfew;
    static AdminApi api;

    @BeforeAll
    static void start() {
        // An on-premise relying party: plain http back-channel URIs are only for hosts the operator allows.
        curfew = TestCurfew.start(Map.of("outbound-allow", "rp.example.com"));
        api = new AdminApi(curfew);
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    static String clients(String realm) {
        return "/admin/realms/" + realm + "/clients";
    }

    /** RFC 6749 §4.4 with client_secret_post. */
    static HttpResponse<String> clientCredentials(String realm, String clientId, String secret) {
        return curfew.postForm(
                "/realms/" + realm + "/protocol/openid-connect/token",
                Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    static Map<String, Object> service(String clientId) {
        return Map.of("clientId", clientId, "serviceAccountsEnabled", true);
    }

    @Nested
    @DisplayName("POST .../clients")
    class Create {
        @Test
        @DisplayName("generates a secret for a confidential client, shows it once, and it authenticates the client")
        void generatesASecretShownOnce() {
            String realm = api.newRealm();
            var response = expect(api.post(clients(realm), service("svc")), 201);

            JsonNode created = json(response);
            String id = created.get("id").asText();
            String secret = created.get("secret").asText();
            assertThat(response.headers().firstValue("Location"))
                    .hasValue(curfew.baseUrl() + clients(realm) + "/" + id);
            assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
            expect(clientCredentials(realm, "svc", secret), 200);
            JsonNode read = json(api.get(clients(realm) + "/" + id));
            assertThat(read.has("secret")).isFalse();
            assertThat(read.toString()).doesNotContain(secret);
            assertThat(read.get("publicClient").asBoolean()).isFalse();
            assertThat(read.get("standardFlowEnabled").asBoolean()).isTrue();
            assertThat(read.get("directAccessGrantsEnabled").asBoolean()).isFalse();
        }

        @Test
        @DisplayName("accepts a client-chosen secret of 32 characters or more and never returns it")
        void acceptsALongEnoughChosenSecret() {
            String realm = api.newRealm();
            Map<String, Object> rep =
                    Map.of("clientId", "chosen", "secret", LONG_SECRET, "serviceAccountsEnabled", true);

            JsonNode created = json(expect(api.post(clients(realm), rep), 201));

            assertThat(created.has("secret")).isFalse();
            expect(clientCredentials(realm, "chosen", LONG_SECRET), 200);
        }

        @Test
        @DisplayName("stores redirect URIs and Keycloak's post-logout and token-lifespan attributes")
        void storesRedirectUrisAndAttributes() {
            String realm = api.newRealm();
            Map<String, Object> rep = Map.of(
                    "clientId",
                    "web",
                    "name",
                    "Web app",
                    "redirectUris",
                    List.of("https://app.example.com/cb", "http://localhost:3000/cb"),
                    "attributes",
                    Map.of(
                            "post.logout.redirect.uris", "https://app.example.com/##https://app.example.com/bye",
                            "access.token.lifespan", "120",
                            "pkce.code.challenge.method", "S256"),
                    "serviceAccountsEnabled",
                    true,
                    "secret",
                    LONG_SECRET);

            String id =
                    json(expect(api.post(clients(realm), rep), 201)).get("id").asText();

            JsonNode read = json(api.get(clients(realm) + "/" + id));
            assertThat(read.get("name").asText()).isEqualTo("Web app");
            assertThat(read.get("redirectUris")).hasSize(2);
            assertThat(read.get("attributes").get("post.logout.redirect.uris").asText())
                    .isEqualTo("https://app.example.com/##https://app.example.com/bye");
            assertThat(read.get("attributes").get("access.token.lifespan").asText())
                    .isEqualTo("120");
            assertThat(read.get("attributes").has("pkce.code.challenge.method")).isFalse();
            assertThat(json(clientCredentials(realm, "web", LONG_SECRET))
                            .get("expires_in")
                            .asInt())
                    .isEqualTo(120);
        }

        @Test
        @DisplayName("names every invalid field: redirect URI, post-logout URI, lifespan, short secret")
        void namesEveryInvalidField() {
            String realm = api.newRealm();
            Map<String, Object> rep = Map.of(
                    "clientId",
                    "bad",
                    "redirectUris",
                    List.of("https://ok.example.com/cb", "https://*.example.com/cb"),
                    "attributes",
                    Map.of("post.logout.redirect.uris", "/relative", "access.token.lifespan", "soon"),
                    "secret",
                    "too-short");

            assertThat(invalidFields(api.post(clients(realm), rep)))
                    .containsExactlyInAnyOrder(
                            "redirectUris[1]",
                            "attributes.post.logout.redirect.uris",
                            "attributes.access.token.lifespan",
                            "secret");
        }

        @Test
        @DisplayName("regression: javascript: and other non-http(s) redirect URIs were accepted (RFC 8252 §7.1, §8.3)")
        void refusesRedirectUrisOfOtherSchemesAndHttpOffLoopback() {
            String realm = api.newRealm();
            Map<String, Object> rep = Map.of(
                    "clientId",
                    "schemes",
                    "publicClient",
                    true,
                    "redirectUris",
                    List.of(
                            "javascript:alert(document.cookie)",
                            "http://app.example.com/cb",
                            "myapp://callback",
                            "com.example.app:/callback",
                            "http://127.0.0.1/callback"),
                    "attributes",
                    Map.of("post.logout.redirect.uris", "https://app.example.com/bye##data:text/html;base64,PGI+"));

            assertThat(invalidFields(api.post(clients(realm), rep)))
                    .containsExactlyInAnyOrder(
                            "redirectUris[0]",
                            "redirectUris[1]",
                            "redirectUris[2]",
                            "attributes.post.logout.redirect.uris");
        }

        @Test
        @DisplayName("Back-Channel Logout §2.2: an http back-channel logout URI only for a confidential client")
        void refusesAnHttpBackChannelUriForAPublicClient() {
            String realm = api.newRealm();
            Map<String, Object> rep = Map.of(
                    "clientId",
                    "spa",
                    "publicClient",
                    true,
                    "attributes",
                    Map.of("backchannel.logout.url", "http://rp.example.com/logout"));

            assertThat(invalidFields(api.post(clients(realm), rep)))
                    .containsExactly("attributes.backchannel.logout.url");
            Map<String, Object> confidential = Map.of(
                    "clientId", "web", "attributes", Map.of("backchannel.logout.url", "http://rp.example.com/logout"));
            expect(api.post(clients(realm), confidential), 201);
        }

        @Test
        @DisplayName("refuses a public client with the client credentials grant or a secret")
        void refusesAPublicClientWithServiceAccountsOrSecret() {
            String realm = api.newRealm();
            Map<String, Object> rep = Map.of(
                    "clientId", "spa", "publicClient", true, "serviceAccountsEnabled", true, "secret", LONG_SECRET);

            assertThat(invalidFields(api.post(clients(realm), rep)))
                    .containsExactlyInAnyOrder("serviceAccountsEnabled", "secret");
        }

        @Test
        @DisplayName("a client created without a name has none, as in Keycloak (it was stored as \"new\")")
        void clientCreatedWithoutNameHasNone() {
            String realm = api.newRealm();

            JsonNode created = json(expect(api.post(clients(realm), Map.of("clientId", "unnamed")), 201));

            assertThat(created.has("name")).isFalse();
            JsonNode read =
                    json(api.get(clients(realm) + "/" + created.get("id").asText()));
            assertThat(read.has("name")).isFalse();
            assertThat(read.get("clientId").asText()).isEqualTo("unnamed");
        }

        @Test
        @DisplayName("requires a valid clientId")
        void requiresAValidClientId() {
            String realm = api.newRealm();

            assertThat(invalidFields(api.post(clients(realm), Map.of("name", "nameless"))))
                    .containsExactly("clientId");
            assertThat(invalidFields(api.post(clients(realm), Map.of("clientId", "has space"))))
                    .containsExactly("clientId");
        }

        @Test
        @DisplayName("answers 409 for a clientId the realm already has")
        void answersConflictForDuplicateClientId() {
            String realm = api.newRealm();

            problem(api.post(clients(realm), Map.of("clientId", AdminApi.CLI)), 409);
        }

        @Test
        @DisplayName("answers 401 without a token, 403 to a user administrator, 404 for an unknown realm")
        void checksTheCallerFirst() {
            String realm = api.newRealm();
            String userAdmin = api.tokenWith("USER_ADMINISTRATOR@" + realm);

            problem(curfew.postJson(clients(realm), Map.of("clientId", "x")), 401);
            problem(curfew.postJson(clients(realm), Map.of("clientId", "x"), TestCurfew.bearer(userAdmin)), 403);
            problem(api.post(clients("does-not-exist"), Map.of("clientId", "x")), 404);
        }
    }

    @Nested
    @DisplayName("GET .../clients and .../clients/{id}")
    class Read {
        @Test
        @DisplayName("filters by exact clientId and pages in clientId order")
        void filtersByExactClientIdAndPages() {
            String realm = api.newRealm();
            for (String clientId : List.of("app", "app-admin", "billing")) {
                api.createClient(realm, Map.of("clientId", clientId, "publicClient", true));
            }

            assertThat(clientIds(json(api.get(clients(realm) + "?clientId=app"))))
                    .containsExactly("app");
            // Every realm has its account-console client, which sorts first.
            assertThat(clientIds(json(api.get(clients(realm) + "?first=2&max=2"))))
                    .containsExactly("app-admin", "billing");
            assertThat(invalidFields(api.get(clients(realm) + "?max=0"))).containsExactly("max");
        }

        @Test
        @DisplayName("answers 404 for an unknown client, 403 for another realm, 401 without a token")
        void checksCallerAndClient() {
            String realm = api.newRealm();
            String other = api.newRealm();
            String token = api.tokenWith("CLIENT_ADMINISTRATOR@" + realm);

            problem(curfew.get(clients(realm) + "/no-such-id", TestCurfew.bearer(token)), 404);
            problem(curfew.get(clients(other), TestCurfew.bearer(token)), 403);
            problem(curfew.get(clients("master"), TestCurfew.bearer(token)), 403);
            problem(curfew.get(clients(realm)), 401);
        }
    }

    @Nested
    @DisplayName("PUT .../clients/{id}")
    class Update {
        @Test
        @DisplayName("changes the given fields and keeps the others, including the secret")
        void changesGivenFieldsOnly() {
            String realm = api.newRealm();
            Map<String, Object> rep = Map.of(
                    "clientId",
                    "upd",
                    "secret",
                    LONG_SECRET,
                    "serviceAccountsEnabled",
                    true,
                    "redirectUris",
                    List.of("https://a.example.com/cb"));
            String id = api.createClient(realm, rep);

            expect(
                    api.put(
                            clients(realm) + "/" + id,
                            Map.of("redirectUris", List.of("https://b.example.com/cb"), "name", "Updated")),
                    204);

            JsonNode read = json(api.get(clients(realm) + "/" + id));
            assertThat(read.get("redirectUris").get(0).asText()).isEqualTo("https://b.example.com/cb");
            assertThat(read.get("name").asText()).isEqualTo("Updated");
            assertThat(read.get("serviceAccountsEnabled").asBoolean()).isTrue();
            expect(clientCredentials(realm, "upd", LONG_SECRET), 200);
        }

        @Test
        @DisplayName("an empty name removes the client's name")
        void emptyNameRemovesTheName() {
            String realm = api.newRealm();
            String id = api.createClient(realm, Map.of("clientId", "named", "name", "Named app", "publicClient", true));

            expect(api.put(clients(realm) + "/" + id, Map.of("name", "")), 204);

            assertThat(json(api.get(clients(realm) + "/" + id)).has("name")).isFalse();
        }

        @Test
        @DisplayName("names an invalid redirect URI and refuses turning a public client confidential without a secret")
        void namesInvalidFields() {
            String realm = api.newRealm();
            String id = api.createClient(realm, Map.of("clientId", "pub", "publicClient", true));

            assertThat(invalidFields(api.put(clients(realm) + "/" + id, Map.of("redirectUris", List.of("not a uri")))))
                    .containsExactly("redirectUris[0]");
            assertThat(invalidFields(api.put(clients(realm) + "/" + id, Map.of("publicClient", false))))
                    .containsExactly("secret");
        }

        @Test
        @DisplayName("answers 409 when renamed to a clientId the realm already has")
        void answersConflictOnRenameToTakenClientId() {
            String realm = api.newRealm();
            String id = api.createClient(realm, Map.of("clientId", "mine", "publicClient", true));

            problem(api.put(clients(realm) + "/" + id, Map.of("clientId", AdminApi.CLI)), 409);
        }

        @Test
        @DisplayName(
                "refuses changes to the master realm's admin-cli that would lock administrators out (403: built in)")
        void protectsAdminCli() {
            String adminCli = json(api.get(clients("master") + "?clientId=admin-cli"))
                    .get(0)
                    .get("id")
                    .asText();

            assertThat(problem(
                                    api.put(
                                            clients("master") + "/" + adminCli,
                                            Map.of("enabled", false, "directAccessGrantsEnabled", false)),
                                    403)
                            .get("detail")
                            .asText())
                    .contains("'admin-cli'", "built in");
            problem(api.delete(clients("master") + "/" + adminCli), 403);
            assertThat(api.tokenWith("AUDITOR@master")).isNotBlank();
        }

        @Test
        @DisplayName("answers 403 to a session viewer and 404 for an unknown client")
        void checksCallerAndClient() {
            String realm = api.newRealm();
            String viewer = api.tokenWith("SESSION_VIEWER@" + realm);
            String id = api.createClient(realm, Map.of("clientId", "c", "publicClient", true));

            problem(curfew.putJson(clients(realm) + "/" + id, Map.of("name", "x"), TestCurfew.bearer(viewer)), 403);
            problem(api.put(clients(realm) + "/no-such-id", Map.of("name", "x")), 404);
            problem(curfew.putJson(clients(realm) + "/" + id, Map.of("name", "x")), 401);
        }
    }

    @Nested
    @DisplayName("DELETE .../clients/{id}")
    class Delete {
        @Test
        @DisplayName("deletes the client, after which its secret no longer authenticates")
        void deletesTheClient() {
            String realm = api.newRealm();
            String id = api.createClient(
                    realm, Map.of("clientId", "gone", "secret", LONG_SECRET, "serviceAccountsEnabled", true));

            expect(api.delete(clients(realm) + "/" + id), 204);

            problem(api.get(clients(realm) + "/" + id), 404);
            expect(clientCredentials(realm, "gone", LONG_SECRET), 401);
        }

        @Test
        @DisplayName("answers 401, 403 to a user administrator, and 404 for an unknown client")
        void checksCallerAndClient() {
            String realm = api.newRealm();
            String id = api.createClient(realm, Map.of("clientId", "d", "publicClient", true));
            String userAdmin = api.tokenWith("USER_ADMINISTRATOR@" + realm);

            problem(curfew.delete(clients(realm) + "/" + id), 401);
            problem(curfew.delete(clients(realm) + "/" + id, TestCurfew.bearer(userAdmin)), 403);
            problem(api.delete(clients(realm) + "/no-such-id"), 404);
        }
    }

    @Nested
    @DisplayName(".../clients/{id}/client-secret")
    class Secret {
        @Test
        @DisplayName("GET answers 409: only a hash is stored, so the secret cannot be shown")
        void getAnswersConflictBecauseOnlyAHashIsStored() {
            String realm = api.newRealm();
            String id = api.createClient(realm, service("hashed"));

            JsonNode problem = problem(api.get(clients(realm) + "/" + id + "/client-secret"), 409);

            assertThat(problem.get("detail").asText()).contains("hash");
        }

        @Test
        @DisplayName("POST issues a new secret once: it works and the old one stops working")
        void postRegeneratesTheSecret() {
            String realm = api.newRealm();
            Map<String, Object> rep = Map.of("clientId", "rot", "secret", LONG_SECRET, "serviceAccountsEnabled", true);
            String id = api.createClient(realm, rep);

            JsonNode secret = json(expect(api.post(clients(realm) + "/" + id + "/client-secret", ""), 200));

            assertThat(secret.get("type").asText()).isEqualTo("secret");
            expect(clientCredentials(realm, "rot", secret.get("value").asText()), 200);
            expect(clientCredentials(realm, "rot", LONG_SECRET), 401);
        }

        @Test
        @DisplayName("a public client has no secret to show or regenerate")
        void aPublicClientHasNoSecret() {
            String realm = api.newRealm();
            String id = api.createClient(realm, Map.of("clientId", "spa", "publicClient", true));

            problem(api.get(clients(realm) + "/" + id + "/client-secret"), 400);
            problem(api.post(clients(realm) + "/" + id + "/client-secret", ""), 400);
        }

        @Test
        @DisplayName("answers 401, 403 to a session viewer, and 404 for an unknown client")
        void checksCallerAndClient() {
            String realm = api.newRealm();
            String id = api.createClient(realm, service("s"));
            String viewer = api.tokenWith("SESSION_VIEWER@" + realm);

            problem(curfew.postJson(clients(realm) + "/" + id + "/client-secret", ""), 401);
            problem(curfew.postJson(clients(realm) + "/" + id + "/client-secret", "", TestCurfew.bearer(viewer)), 403);
            problem(api.post(clients(realm) + "/no-such-id/client-secret", ""), 404);
        }
    }

    static List<String> clientIds(JsonNode clients) {
        List<String> ids = new ArrayList<>();
        clients.forEach(c -> ids.add(c.get("clientId").asText()));
        return ids;
    }
}
