package dev.curfew.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.e2e.support.CurfewProcess;
import dev.curfew.e2e.support.OpenidClientScript;
import dev.curfew.e2e.support.ProcessOutput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with a real, widely used relying-party library: the npm package {@code openid-client} runs
 * {@code interop.mjs} ({@link OpenidClientScript}) against Curfew started from the shaded jar with {@code --demo}.
 * {@code ClusterIT} runs the same script against several nodes behind a balancer.
 */
class OpenidClientInteropIT {
    private static final Pattern ALICE = Pattern.compile("^\\s+user alice / password (\\S+)$");
    private static final Pattern DEMO_CLIENT =
            Pattern.compile("^\\s+client (\\S+) / secret (\\S+) / redirect URI (\\S+)$");

    @TempDir
    Path dataDir;

    @Test
    void openidClientCompletesEveryFlowAgainstCurfew() throws Exception {
        assertThat(OpenidClientScript.directory().resolve("node_modules/openid-client/package.json"))
                .as("openid-client must be installed by the build's `npm ci` (pre-integration-test)")
                .exists();
        assertThat(CurfewProcess.jar())
                .as("the shaded jar built by curfew-server")
                .exists();

        try (CurfewProcess curfew = CurfewProcess.startDemo(dataDir, "e2e-" + UUID.randomUUID())) {
            ProcessOutput out = curfew.output();
            Matcher client = out.require(DEMO_CLIENT, Duration.ofSeconds(10), "demo client credentials");
            String alicePassword = out.require(ALICE, Duration.ofSeconds(10), "alice's demo password")
                    .group(1);

            OpenidClientScript.Report report = OpenidClientScript.run(new OpenidClientScript.Input(
                    curfew.baseUrl() + "/realms/demo",
                    client.group(1),
                    client.group(2),
                    client.group(3),
                    OpenidClientScript.DEMO_POST_LOGOUT_REDIRECT_URI,
                    "alice",
                    alicePassword,
                    Duration.ZERO));

            assertThat(report.exitCode())
                    .as("exit code of node interop.mjs (openid-client against Curfew); output:\n%s", report.text())
                    .isZero();
            assertThat(report.passed())
                    .as("steps passed by interop.mjs")
                    .containsExactlyElementsOf(OpenidClientScript.STEPS);
            assertThat(report.text()).contains("ALL STEPS PASSED");
        }
    }
}
