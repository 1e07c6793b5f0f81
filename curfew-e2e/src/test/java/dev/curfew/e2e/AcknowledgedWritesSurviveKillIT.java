package dev.curfew.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.e2e.support.CurfewHttp;
import dev.curfew.e2e.support.CurfewHttp.Answer;
import dev.curfew.e2e.support.CurfewProcess;
import dev.curfew.e2e.support.PostgresServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged sign-outs were lost on a crash: H2 wrote commits to its file up to 500 ms after they returned,
 * so a sign-out that had answered 201, killed with {@code kill -9} at once, was gone after the restart — no
 * history row, no audit entry, no cut-off — and its refresh tokens worked again. Here Curfew runs from the
 * shaded jar with {@code --demo}; each write is answered, the process gets SIGKILL with no pause, and the
 * next start on the same database must show every acknowledged write and enforce every sign-out: in the
 * history, in the audit log, refresh tokens {@code invalid_grant}, introspection {@code active: false}, and
 * for realm, client and user scopes the {@code notBefore} cut-off. Writes killed together are made within
 * milliseconds of each other, well inside the 500 ms that lost them.
 */
class AcknowledgedWritesSurviveKillIT {
    private static final String REALM = "demo";
    private static final String APP = "durability-app";
    private static final String OTHER_APP = "durability-other";
    private static final String SECRET = "durability-test-secret-0123456789abcdef";
    private static final int KILLED_BY_SIGKILL = 128 + 9;

    @TempDir
    Path dataDir;

    private final String adminPassword = "e2e-" + UUID.randomUUID();

    @Test
    @DisplayName("on H2: sign-outs of every scope, a password change and a privilege grant survive kill -9 right"
            + " after their answer")
    void everyAcknowledgedWriteSurvivesKillOnH2() throws IOException {
        Server server = Server.start(dataDir, adminPassword, List.of());
        Map<String, String> passwords = demoPasswords(server.process);
        server.createClients();

        // A password change and a privilege grant, then the kill.
        String auditorId = server.createMasterUser("durability-auditor", "auditor password 1");
        String newPassword = "bob's new password after the reset";
        String bobId = server.userId("bob");
        Server.expect(
                server.admin(
                        "PUT",
                        "/admin/realms/demo/users/" + bobId + "/reset-password",
                        Map.of("type", "password", "value", newPassword, "temporary", false)),
                204);
        Server.expect(
                server.admin(
                        "PUT",
                        "/admin/realms/master/users/" + auditorId + "/privileges?reason=e2e",
                        List.of(Map.of("privilege", "AUDITOR", "realm", REALM))),
                200);
        server = server.killAndRestart();
        assertThat(server.passwordGrant(APP, "bob", newPassword).status())
                .as("bob's new password after the restart")
                .isEqualTo(200);
        assertThat(server.passwordGrant(APP, "bob", passwords.get("bob")).text("error"))
                .as("bob's old password after the restart")
                .isEqualTo("invalid_grant");
        String auditorToken = server.http.adminToken("durability-auditor", "auditor password 1");
        assertThat(CurfewHttp.claims(auditorToken).path("curfew_privileges").toString())
                .contains("AUDITOR@demo");
        Server.expect(server.http.get("/admin/realms/demo/audit", auditorToken), 200);
        passwords.put("bob", newPassword);

        // Session and filter scopes, then the kill.
        Tokens aliceSession = server.login(APP, "alice", passwords);
        Tokens aliceOther = server.login(APP, "alice", passwords);
        Tokens bobFiltered = server.login(APP, "bob", passwords);
        Tokens carol = server.login(APP, "carol", passwords);
        String sessionSignOut = server.signOut(Map.of("type", "session", "sessionIds", List.of(aliceSession.sid())));
        String filterSignOut =
                server.signOut(Map.of("type", "filter", "filter", Map.of("userIds", List.of(bobFiltered.userId()))));
        server = server.killAndRestart();
        server.assertSignedOut(sessionSignOut, aliceSession, "session");
        server.assertSignedOut(filterSignOut, bobFiltered, "filter");
        server.assertWorks(aliceOther, "alice's other session");

        // User and client scopes, then the kill.
        Tokens viaOther = server.login(OTHER_APP, "alice", passwords);
        String userSignOut = server.signOut(Map.of("type", "user", "userId", carol.userId()));
        String clientSignOut = server.signOut(Map.of("type", "client", "clientId", OTHER_APP));
        server = server.killAndRestart();
        server.assertSignedOut(userSignOut, carol, "user");
        assertThat(server.adminGet("/admin/realms/demo/users/" + carol.userId())
                        .path("notBefore")
                        .asLong())
                .as("carol's cut-off (user notBefore)")
                .isPositive();
        server.assertSignedOut(clientSignOut, viaOther, "client");
        assertThat(server.adminGet("/admin/realms/demo/clients/" + server.clientIdOf(OTHER_APP))
                        .path("notBefore")
                        .asLong())
                .as("the client's cut-off (client notBefore)")
                .isPositive();
        server.assertWorks(aliceOther, "alice's session with the other client");

        // The realm scope, then the kill.
        String realmSignOut = server.signOut(Map.of("type", "realm"));
        server = server.killAndRestart();
        server.assertSignedOut(realmSignOut, aliceOther, "realm");
        assertThat(server.adminGet("/admin/realms/demo").path("notBefore").asLong())
                .as("the realm's cut-off (realm notBefore)")
                .isPositive();
        server.process.close();
    }

    @Test
    @DisplayName("on PostgreSQL: a user sign-out survives kill -9 right after its answer")
    void userSignOutSurvivesKillOnPostgres() throws IOException {
        try (PostgresServer postgres = PostgresServer.start()) {
            List<String> database =
                    List.of("--db-url", postgres.createDatabase(), "--db-username", PostgresServer.USER);
            Server server = Server.start(dataDir, adminPassword, database);
            Map<String, String> passwords = demoPasswords(server.process);
            server.createClients();
            Tokens alice = server.login(APP, "alice", passwords);
            Tokens bob = server.login(APP, "bob", passwords);

            String signOut = server.signOut(Map.of("type", "user", "userId", alice.userId()));
            server = server.killAndRestart();

            assertThat(server.process.output().text())
                    .as("no warning that PostgreSQL would lose acknowledged writes")
                    .doesNotContain("synchronous_commit is off", "fsync is off");
            server.assertSignedOut(signOut, alice, "user");
            assertThat(server.adminGet("/admin/realms/demo/users/" + alice.userId())
                            .path("notBefore")
                            .asLong())
                    .as("alice's cut-off (user notBefore)")
                    .isPositive();
            server.assertWorks(bob, "bob's session");
            server.process.close();
        }
    }

    /** The demo users' generated passwords, as the first start prints them once. */
    private static Map<String, String> demoPasswords(CurfewProcess process) {
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String user : List.of("alice", "bob", "carol")) {
            passwords.put(
                    user,
                    process.output()
                            .require(
                                    Pattern.compile("^\\s+user " + user + " / password (\\S+)$"),
                                    Duration.ofSeconds(10),
                                    user + "'s demo password")
                            .group(1));
        }
        return passwords;
    }

    /** What a sign-in gave: its session, its user and its tokens. */
    record Tokens(String sid, String userId, String accessToken, String refreshToken, String clientId) {}

    /** One Curfew process on the test's database, a client for its API, and the administrator's token. */
    private static final class Server {
        final CurfewProcess process;
        final CurfewHttp http;
        private final Path dataDir;
        private final String adminPassword;
        private final List<String> options;
        private final String adminToken;

        private Server(CurfewProcess process, Path dataDir, String adminPassword, List<String> options) {
            this.process = process;
            this.http = new CurfewHttp(process.baseUrl());
            this.dataDir = dataDir;
            this.adminPassword = adminPassword;
            this.options = options;
            // Valid 5 minutes, far longer than one process of this test lives.
            this.adminToken = http.adminToken("admin", adminPassword);
        }

        static Server start(Path dataDir, String adminPassword, List<String> options) throws IOException {
            return new Server(
                    CurfewProcess.startDemo(dataDir, adminPassword, options), dataDir, adminPassword, options);
        }

        /** SIGKILL now — no pause after the last answer — then a start on the same database. */
        Server killAndRestart() throws IOException {
            int exit = process.killNow();
            assertThat(exit).as("exit code of the killed process (SIGKILL)").isEqualTo(KILLED_BY_SIGKILL);
            http.close();
            return start(dataDir, adminPassword, options);
        }

        Answer admin(String method, String path, Object body) {
            return http.json(method, path, adminToken, body);
        }

        JsonNode adminGet(String path) {
            return expect(http.get(path, adminToken), 200).body();
        }

        static Answer expect(Answer answer, int status) {
            assertThat(answer.status()).as("answer: %s", answer).isEqualTo(status);
            return answer;
        }

        /** Two confidential clients of the demo realm with the password grant, one to sign out as a client. */
        void createClients() {
            for (String clientId : List.of(APP, OTHER_APP)) {
                expect(
                        admin(
                                "POST",
                                "/admin/realms/demo/clients",
                                Map.of("clientId", clientId, "secret", SECRET, "directAccessGrantsEnabled", true)),
                        201);
            }
        }

        String createMasterUser(String username, String password) {
            return expect(
                            admin(
                                    "POST",
                                    "/admin/realms/master/users",
                                    Map.of(
                                            "username",
                                            username,
                                            "enabled",
                                            true,
                                            "credentials",
                                            List.of(Map.of("type", "password", "value", password)))),
                            201)
                    .text("id");
        }

        String userId(String username) {
            return adminGet("/admin/realms/demo/users?username=" + username)
                    .get(0)
                    .path("id")
                    .asText();
        }

        String clientIdOf(String clientId) {
            return adminGet("/admin/realms/demo/clients?clientId=" + clientId)
                    .get(0)
                    .path("id")
                    .asText();
        }

        Answer passwordGrant(String clientId, String username, String password) {
            return http.form(
                    "/realms/demo/protocol/openid-connect/token",
                    clientId + ":" + SECRET,
                    Map.of("grant_type", "password", "username", username, "password", password));
        }

        Tokens login(String clientId, String username, Map<String, String> passwords) {
            Answer answer = expect(passwordGrant(clientId, username, passwords.get(username)), 200);
            String access = answer.text("access_token");
            JsonNode claims = CurfewHttp.claims(access);
            return new Tokens(
                    claims.path("sid").asText(),
                    claims.path("sub").asText(),
                    access,
                    answer.text("refresh_token"),
                    clientId);
        }

        /** Signs out as the administrator and answers the sign-out's id once the 201 is in. */
        String signOut(Map<String, Object> scope) {
            return expect(
                            admin(
                                    "POST",
                                    "/admin/realms/demo/sign-outs",
                                    Map.of("scope", scope, "reason", "crash test: " + scope.get("type"))),
                            201)
                    .text("id");
        }

        Answer refresh(Tokens tokens) {
            return http.form(
                    "/realms/demo/protocol/openid-connect/token",
                    tokens.clientId() + ":" + SECRET,
                    Map.of("grant_type", "refresh_token", "refresh_token", tokens.refreshToken()));
        }

        Answer introspect(Tokens tokens) {
            return http.form(
                    "/realms/demo/protocol/openid-connect/token/introspect",
                    tokens.clientId() + ":" + SECRET,
                    Map.of("token", tokens.accessToken()));
        }

        void assertSignedOut(String signOutId, Tokens tokens, String scope) {
            JsonNode signOut = adminGet("/admin/realms/demo/sign-outs/" + signOutId);
            assertThat(signOut.path("scope").path("type").asText())
                    .as("the %s sign-out in the history", scope)
                    .isEqualTo(scope);
            List<String> audited = new ArrayList<>();
            adminGet("/admin/realms/demo/audit?action=sign-out&max=1000")
                    .path("entries")
                    .forEach(e -> audited.add(e.path("detail").path("signOutId").asText()));
            assertThat(audited).as("the %s sign-out's audit entry", scope).contains(signOutId);
            assertThat(refresh(tokens).text("error"))
                    .as("a refresh token of the %s sign-out", scope)
                    .isEqualTo("invalid_grant");
            assertThat(expect(introspect(tokens), 200).body().path("active").asBoolean())
                    .as("introspection of an access token of the %s sign-out", scope)
                    .isFalse();
        }

        void assertWorks(Tokens tokens, String what) {
            assertThat(expect(introspect(tokens), 200).body().path("active").asBoolean())
                    .as("introspection: %s", what)
                    .isTrue();
        }
    }
}
