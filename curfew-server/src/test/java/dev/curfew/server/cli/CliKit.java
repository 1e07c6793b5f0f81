package dev.curfew.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.user.User;
import dev.curfew.core.util.Secrets;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;

/**
 * Runs {@code curfew} admin commands in-process against a real {@link TestCurfew}, over HTTP like any
 * remote operator: the password comes from a file in a temporary directory, stdout and stderr are
 * captured, and every run checks that neither shows the password or a token.
 */
final class CliKit implements AutoCloseable {
    /** The public client of test realms that signs users in with the password grant. */
    static final String APP = "app";

    private static final AtomicInteger COUNTER = new AtomicInteger();

    final TestCurfew curfew;
    final Path dir;
    final Path passwordFile;
    private final String dbUrl;

    private CliKit(TestCurfew curfew, String dbUrl, Path dir) {
        this.curfew = curfew;
        this.dbUrl = dbUrl;
        this.dir = dir;
        this.passwordFile = write("admin-password", TestCurfew.ADMIN_PASSWORD + "\n");
    }

    /** A server that trusts X-Forwarded-For (to sign users in from chosen addresses). */
    static CliKit start(Path dir) {
        String dbUrl = "jdbc:h2:mem:curfew-cli-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        return new CliKit(TestCurfew.start(Map.of("proxy-headers", "true", "db-url", dbUrl)), dbUrl, dir);
    }

    /** Changes the server's database behind its back, as an attacker with database access could. */
    int sql(String statement, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(dbUrl, "sa", "");
                PreparedStatement update = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a run printed and returned. */
    record Run(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /** No environment, no terminal, the temporary directory as home. */
    CliContext context() {
        return new CliContext(Map.of(), dir, Optional.empty(), false);
    }

    /** The command with {@code --server} and {@code --password-file} of the bootstrap administrator. */
    Run run(String... args) {
        return runIn(context(), withConnection(args));
    }

    /** The command with {@code --server} only: the rest of the connection comes from {@code context}. */
    Run runIn(CliContext context, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CurfewCommand.commandLine(context);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        Run run = new Run(exit, out.toString(), err.toString());
        assertThat(run.all())
                .as("output never shows the password or a token")
                .doesNotContain(TestCurfew.ADMIN_PASSWORD)
                .doesNotContain(TestRealm.PASSWORD)
                .doesNotContainPattern("eyJ[\\w-]+\\.eyJ");
        return run;
    }

    String[] withConnection(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", curfew.baseUrl(), "--password-file", passwordFile.toString()));
        return all.toArray(String[]::new);
    }

    Path write(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new realm with the password-grant client {@value #APP}. */
    TestRealm realm() {
        TestRealm realm = TestRealm.create(curfew);
        realm.publicClient(APP, b -> b.directAccessGrants(true));
        return realm;
    }

    /** Signs the user in through {@code client} from {@code ip} with {@code userAgent}: the token response. */
    JsonNode login(TestRealm realm, String client, String username, String ip, String userAgent) {
        HttpResponse<String> response = curfew.postForm(
                realm.tokenPath(),
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        client,
                        "username",
                        username,
                        "password",
                        TestRealm.PASSWORD,
                        "scope",
                        "openid"),
                "X-Forwarded-For",
                ip,
                "User-Agent",
                userAgent);
        JsonNode tokens = OidcFlow.ok(response);
        // Sign-outs end sessions started before them: leave a second between a login and what follows.
        curfew.clock().advance(Duration.ofSeconds(1));
        return tokens;
    }

    JsonNode login(TestRealm realm, String username) {
        return login(realm, APP, username, "192.0.2.10", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");
    }

    static String sid(JsonNode tokens) {
        try {
            return OidcFlow.jwt(tokens.get("access_token").asText())
                    .getJWTClaimsSet()
                    .getStringClaim("sid");
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code count} sessions of the user, stored directly (a login each would take too long). */
    void storeSessions(TestRealm realm, User user, int count) {
        var now = curfew.clock().instant();
        for (int i = 0; i < count; i++) {
            curfew.services()
                    .store()
                    .sessions()
                    .create(new UserSession(
                            Secrets.newId(),
                            realm.realm().id(),
                            user.id(),
                            Secrets.sha256(Secrets.newSecret()),
                            now,
                            now,
                            "198.51.100.7",
                            "bulk-agent",
                            Set.of("pwd")));
        }
        curfew.clock().advance(Duration.ofSeconds(1));
    }

    /** How many sessions the server shows for the realm (the admin API's session search). */
    long sessionCount(TestRealm realm, String query) {
        HttpResponse<String> response = curfew.get(
                "/admin/realms/" + realm.name() + "/sessions?max=1" + (query.isEmpty() ? "" : "&" + query),
                TestCurfew.bearer(curfew.adminToken()));
        return OidcFlow.ok(response).get("total").asLong();
    }

    /** The userinfo status for an access token: 200 while its session lives, 401 after. */
    int userinfoStatus(TestRealm realm, JsonNode tokens) {
        return OidcFlow.userinfo(realm, tokens.get("access_token").asText()).statusCode();
    }

    /** A master-realm administrator holding exactly {@code grants} ("PRIVILEGE@realm"), and their password. */
    String newAdmin(String... grants) {
        String username = "cli-admin-" + COUNTER.incrementAndGet();
        String token = curfew.adminToken();
        HttpResponse<String> created = curfew.postJson(
                "/admin/realms/master/users",
                Map.of(
                        "username",
                        username,
                        "enabled",
                        true,
                        "credentials",
                        List.of(Map.of("type", "password", "value", TestRealm.PASSWORD, "temporary", false))),
                TestCurfew.bearer(token));
        String id = TestCurfew.json(created).get("id").asText();
        List<Map<String, String>> body = new ArrayList<>();
        for (String grant : grants) {
            String[] parts = grant.split("@", 2);
            body.add(Map.of("privilege", parts[0], "realm", parts[1]));
        }
        OidcFlow.ok(curfew.putJson("/admin/realms/master/users/" + id + "/privileges", body, TestCurfew.bearer(token)));
        return username;
    }

    @Override
    public void close() {
        curfew.close();
    }
}
