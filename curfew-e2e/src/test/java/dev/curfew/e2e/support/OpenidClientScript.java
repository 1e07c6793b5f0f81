package dev.curfew.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code src/test/node/interop.mjs}: the npm package {@code openid-client} (pinned in {@code package-lock.json},
 * installed by {@code npm ci} in the build) as a relying party of Curfew, and Node's fetch as the user's browser. It
 * logs in through the real login form, then exercises code + PKCE, ID token validation, userinfo, refresh rotation
 * and reuse detection, introspection, revocation and RP-initiated logout; it prints {@code STEP OK <id>} per step
 * and exits non-zero on the first failure. One Curfew or a cluster's balancer: the script only knows the issuer.
 */
public final class OpenidClientScript {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** Every step interop.mjs must report, in order. */
    public static final List<String> STEPS = List.of(
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

    /** Registered for demo-app by {@code DemoRealm}, not printed at start. */
    public static final String DEMO_POST_LOGOUT_REDIRECT_URI = "http://localhost:3000/";

    private OpenidClientScript() {}

    /**
     * What the script is told: the issuer, a confidential client, a user's password, and how long a check that a
     * revoked or signed-out token is refused may be repeated ({@code propagation}: zero for one node; for several,
     * the time another node may take to hear of it).
     */
    public record Input(
            String issuer,
            String clientId,
            String clientSecret,
            String redirectUri,
            String postLogoutRedirectUri,
            String username,
            String password,
            Duration propagation) {
        Map<String, String> environment() {
            return Map.of(
                    "CURFEW_PROPAGATION_MS", Long.toString(propagation.toMillis()),
                    "CURFEW_ISSUER", issuer,
                    "CURFEW_CLIENT_ID", clientId,
                    "CURFEW_CLIENT_SECRET", clientSecret,
                    "CURFEW_REDIRECT_URI", redirectUri,
                    "CURFEW_POST_LOGOUT_REDIRECT_URI", postLogoutRedirectUri,
                    "CURFEW_USERNAME", username,
                    "CURFEW_PASSWORD", password);
        }
    }

    /** How the script ended: its exit code and its output. */
    public record Report(int exitCode, ProcessOutput output) {
        /** The steps it reported as passed, in order. */
        public List<String> passed() {
            return output.lines().stream()
                    .filter(l -> l.startsWith("STEP OK "))
                    .map(l -> l.substring("STEP OK ".length()).split(" ", 2)[0])
                    .toList();
        }

        public String text() {
            return output.text();
        }
    }

    /** The directory holding interop.mjs and its {@code node_modules}. */
    public static Path directory() {
        return Path.of(System.getProperty("curfew.e2e.node.dir", "src/test/node"))
                .toAbsolutePath()
                .normalize();
    }

    /** Runs {@code node interop.mjs} with {@code input} (at most 2 minutes, then it is killed). */
    public static Report run(Input input) {
        ProcessBuilder node = new ProcessBuilder("node", "interop.mjs")
                .directory(directory().toFile())
                .redirectErrorStream(true);
        node.environment().putAll(input.environment());
        System.out.println("[e2e] running node interop.mjs in " + directory() + " against " + input.issuer());
        try {
            Process script = node.start();
            ProcessOutput output = new ProcessOutput(script.getInputStream(), "[node] ", System.out);
            try {
                if (!script.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new AssertionError("node interop.mjs did not finish within " + TIMEOUT.toSeconds()
                            + " s; output:\n" + output.text());
                }
            } finally {
                script.descendants().forEach(ProcessHandle::destroyForcibly);
                script.destroyForcibly();
                script.waitFor(10, TimeUnit.SECONDS);
                output.awaitEnd(Duration.ofSeconds(5));
            }
            return new Report(script.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
