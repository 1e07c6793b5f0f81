package dev.curfew.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.curfew.e2e.support.CurfewProcess;
import dev.curfew.e2e.support.ProcessOutput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with a real, widely used relying-party library: the npm package {@code openid-client}
 * (pinned in {@code src/test/node/package-lock.json}, installed by {@code npm ci} in the build) runs
 * {@code interop.mjs} against Curfew started from the shaded jar with {@code --demo}. The script logs in
 * through the real login form, then exercises code + PKCE, ID token validation, userinfo, refresh rotation
 * and reuse detection, introspection, revocation and RP-initiated logout; it prints {@code STEP OK <id>} per
 * step and exits non-zero on the first failure.
 */
class OpenidClientInteropIT {
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(120);

    /** Every step interop.mjs must report, in order. */
    private static final List<String> STEPS = List.of(
            "discovery",
            "login-1",
            "code-grant-1",
            "userinfo",
            "refresh",
            "refresh-reuse",
            "refresh-after-reuse",
            "userinfo-after-reuse",
            "login-2",
            "code-grant-2",
            "introspect-active",
            "revoke",
            "introspect-revoked",
            "userinfo-revoked",
            "refresh-after-revoke",
            "logout",
            "refresh-after-logout",
            "userinfo-after-logout",
            "introspect-after-logout");

    private static final Pattern ALICE = Pattern.compile("^\\s+user alice / password (\\S+)$");
    private static final Pattern DEMO_CLIENT =
            Pattern.compile("^\\s+client (\\S+) / secret (\\S+) / redirect URI (\\S+)$");

    /** Registered for demo-app by {@code DemoRealm}, not printed at start. */
    private static final String POST_LOGOUT_REDIRECT_URI = "http://localhost:3000/";

    @TempDir
    Path dataDir;

    @Test
    void openidClientCompletesEveryFlowAgainstCurfew() throws Exception {
        Path nodeDir = Path.of(System.getProperty("curfew.e2e.node.dir", "src/test/node"))
                .toAbsolutePath()
                .normalize();
        assertThat(nodeDir.resolve("node_modules/openid-client/package.json"))
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

            ProcessBuilder node = new ProcessBuilder("node", "interop.mjs")
                    .directory(nodeDir.toFile())
                    .redirectErrorStream(true);
            node.environment()
                    .putAll(Map.of(
                            "CURFEW_ISSUER",
                            curfew.baseUrl() + "/realms/demo",
                            "CURFEW_CLIENT_ID",
                            client.group(1),
                            "CURFEW_CLIENT_SECRET",
                            client.group(2),
                            "CURFEW_REDIRECT_URI",
                            client.group(3),
                            "CURFEW_POST_LOGOUT_REDIRECT_URI",
                            POST_LOGOUT_REDIRECT_URI,
                            "CURFEW_USERNAME",
                            "alice",
                            "CURFEW_PASSWORD",
                            alicePassword));
            System.out.println("[e2e] running node interop.mjs in " + nodeDir);
            Process script = node.start();
            ProcessOutput scriptOut = new ProcessOutput(script.getInputStream(), "[node] ", System.out);
            try {
                if (!script.waitFor(NODE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    fail("node interop.mjs did not finish within " + NODE_TIMEOUT.toSeconds() + " s; output:\n"
                            + scriptOut.text());
                }
            } finally {
                script.descendants().forEach(ProcessHandle::destroyForcibly);
                script.destroyForcibly();
                script.waitFor(10, TimeUnit.SECONDS);
                scriptOut.awaitEnd(Duration.ofSeconds(5));
            }

            String report = scriptOut.text();
            assertThat(script.exitValue())
                    .as("exit code of node interop.mjs (openid-client against Curfew); output:\n%s", report)
                    .isZero();
            List<String> passed = scriptOut.lines().stream()
                    .filter(l -> l.startsWith("STEP OK "))
                    .map(l -> l.substring("STEP OK ".length()).split(" ", 2)[0])
                    .toList();
            assertThat(passed).as("steps passed by interop.mjs").containsExactlyElementsOf(STEPS);
            assertThat(report).contains("ALL STEPS PASSED");
        }
    }
}
