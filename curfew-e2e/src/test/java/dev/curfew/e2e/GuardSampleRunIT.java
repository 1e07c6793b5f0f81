package dev.curfew.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.e2e.support.CurfewProcess;
import dev.curfew.e2e.support.ProcessOutput;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard sample starts as its guide says, {@code samples/guard-resource-server/run}, whatever {@code java} the
 * {@code PATH} holds: without {@code JAVA_HOME} the script finds a JDK 21 or newer as {@code ./curfew} does (the
 * sample is compiled for 21; an older {@code java} refused it with {@code UnsupportedClassVersionError}). It serves
 * its health page against a Curfew started with {@code --demo}.
 */
class GuardSampleRunIT {
    private static final Pattern LISTENING = Pattern.compile("guard-resource-server on (http://\\S+)/api/hello");

    @TempDir
    Path dataDir;

    @Test
    void theSampleStartsWithItsRunScriptWithoutJavaHome() throws Exception {
        Path root = CurfewProcess.repositoryRoot();
        Path run = root.resolve("samples/guard-resource-server/run");
        assertThat(run).as("the sample's launcher").isExecutable();

        try (CurfewProcess curfew = CurfewProcess.startDemo(dataDir, "sample-" + UUID.randomUUID())) {
            ProcessBuilder builder =
                    new ProcessBuilder(run.toString()).directory(root.toFile()).redirectErrorStream(true);
            builder.environment().remove("JAVA_HOME");
            builder.environment().put("CURFEW_ISSUER", curfew.baseUrl() + "/realms/demo");
            builder.environment().put("PORT", "0");
            Process sample = builder.start();
            ProcessOutput output = new ProcessOutput(sample.getInputStream(), "[sample] ", System.out);
            try {
                Matcher listening = output.require(LISTENING, Duration.ofSeconds(120), "the sample listening");
                try (HttpClient http = HttpClient.newHttpClient()) {
                    HttpResponse<String> health = http.send(
                            HttpRequest.newBuilder(URI.create(listening.group(1) + "/health"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(health.statusCode())
                            .as("health: %s", health.body())
                            .isEqualTo(200);
                }
                assertThat(output.text()).doesNotContain("UnsupportedClassVersionError");
            } finally {
                sample.descendants().forEach(ProcessHandle::destroy);
                sample.destroy();
                if (!sample.waitFor(15, TimeUnit.SECONDS)) {
                    sample.descendants().forEach(ProcessHandle::destroyForcibly);
                    sample.destroyForcibly();
                }
                output.awaitEnd(Duration.ofSeconds(5));
            }
        }
    }
}
