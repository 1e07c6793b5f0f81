package dev.curfew.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.curfew.e2e.support.CurfewProcess;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Curfew starts exactly as the README says: {@code ./curfew start} from the repository root, with no
 * administrator password configured. The generated password is printed once, works for an admin token (the
 * password grant of {@code admin-cli} in {@code master}), and survives a restart on the same data directory,
 * which does not bootstrap again.
 */
class ReadmeStartIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PASSWORD_LINE = Pattern.compile("^    password: (\\S+)$");
    /** The last line of the welcome text (after any password line): once it is out, the block is complete. */
    private static final Pattern ADMIN_TOKEN_HINT = Pattern.compile("grant_type=password .*client_id=admin-cli");
    /** Allows for ./curfew building the jar first, which it does only when the jar is missing or stale. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    @TempDir
    Path dataDir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void readmeStartCommandBootstrapsOnceAndTheGeneratedPasswordGivesAnAdminToken() throws Exception {
        Path root = CurfewProcess.repositoryRoot();
        assertThat(root.resolve("curfew"))
                .as("the ./curfew script at the repository root")
                .isExecutable();
        List<String> command = List.of("./curfew", "start", "--http-port", "0", "--data-dir", dataDir.toString());

        String password;
        try (CurfewProcess first = CurfewProcess.start(command, root, Map.of(), START_TIMEOUT)) {
            first.output().require(ADMIN_TOKEN_HINT, Duration.ofSeconds(10), "the welcome text");
            password = first.output()
                    .require(PASSWORD_LINE, Duration.ZERO, "the generated administrator password")
                    .group(1);
            assertAdminApiWorks(first.baseUrl(), password);
        }
        assertThat(dataDir.resolve("curfew.mv.db"))
                .as("the H2 database file in the data directory")
                .isNotEmptyFile();

        CurfewProcess stopped;
        try (CurfewProcess second = CurfewProcess.start(command, root, Map.of(), START_TIMEOUT)) {
            stopped = second;
            second.output().require(ADMIN_TOKEN_HINT, Duration.ofSeconds(10), "the welcome text");
            List<String> passwordLines = second.output().lines().stream()
                    .filter(l -> PASSWORD_LINE.matcher(l).find())
                    .toList();
            assertThat(passwordLines)
                    .as("a restart on the same data directory must not bootstrap again nor print a password")
                    .isEmpty();
            assertAdminApiWorks(second.baseUrl(), password);
        }
        // Stopped with SIGTERM, as Ctrl-C or a service manager stops it: nothing alarming on the way out.
        assertThat(stopped.output().lines())
                .as("what a stopping Curfew printed")
                .noneMatch(l -> l.contains("Exception") || l.contains(" ERROR ") || l.contains("already closed"));
    }

    private void assertAdminApiWorks(URI base, String password) throws Exception {
        HttpResponse<String> token = http.send(
                HttpRequest.newBuilder(base.resolve("/realms/master/protocol/openid-connect/token"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                                "grant_type", "password",
                                "client_id", "admin-cli",
                                "username", "admin",
                                "password", password))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode())
                .as("password grant of admin-cli: %s", token.body())
                .isEqualTo(200);
        String accessToken = JSON.readTree(token.body()).path("access_token").asText();
        assertThat(accessToken).as("access_token in %s", token.body()).isNotBlank();

        HttpResponse<String> realms = http.send(
                HttpRequest.newBuilder(base.resolve("/admin/realms"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + accessToken)
                        .header("Accept", "application/json")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(realms.statusCode())
                .as("GET /admin/realms: %s", realms.body())
                .isEqualTo(200);
        JsonNode list = JSON.readTree(realms.body());
        assertThat(list.isArray())
                .as("GET /admin/realms returns an array: %s", realms.body())
                .isTrue();
        assertThat(list.findValuesAsText("realm")).as("realm names").contains("master");
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
