package dev.curfew.interop.spring;

import dev.curfew.e2e.support.CurfewProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Curfew from the shaded jar, as a process, with {@code --demo} (realm {@code demo}, users alice, bob and
 * carol, whose generated passwords it prints once) on a free port of 127.0.0.1 and a fresh data directory,
 * which {@link #close()} removes. The administrator password is chosen here and given in {@code
 * CURFEW_ADMIN_PASSWORD}.
 */
final class DemoCurfew implements AutoCloseable {
    static final String REALM = "demo";
    private static final Pattern DEMO_REALM = Pattern.compile("Demo realm created: (http\\S+)");

    private final CurfewProcess process;
    private final Path dataDir;
    private final URI issuer;
    private final Map<String, String> passwords;
    private final CurfewAdmin admin;

    private DemoCurfew(
            CurfewProcess process, Path dataDir, URI issuer, Map<String, String> passwords, String adminPassword) {
        this.process = process;
        this.dataDir = dataDir;
        this.issuer = issuer;
        this.passwords = passwords;
        this.admin = new CurfewAdmin(process.baseUrl(), adminPassword);
    }

    static DemoCurfew start() {
        long started = System.nanoTime();
        try {
            Path dataDir = Files.createTempDirectory("curfew-spring-");
            String adminPassword = "interop-" + UUID.randomUUID();
            // The relying parties' back-channel logout URIs are on 127.0.0.1, which Curfew sends to only when allowed.
            CurfewProcess process =
                    CurfewProcess.startDemo(dataDir, adminPassword, List.of("--outbound-allow", "127.0.0.1/32"));
            Map<String, String> passwords = new LinkedHashMap<>();
            URI issuer;
            try {
                issuer = URI.create(process.output()
                        .require(DEMO_REALM, Duration.ofSeconds(10), "the demo realm's issuer")
                        .group(1));
                for (String user : List.of("alice", "bob", "carol")) {
                    var line = process.output()
                            .require(
                                    Pattern.compile("^\\s+user " + user + " / password (\\S+)$"),
                                    Duration.ofSeconds(10),
                                    user + "'s demo password");
                    passwords.put(user, line.group(1));
                }
            } catch (RuntimeException | Error e) {
                process.close();
                throw e;
            }
            System.out.printf("[interop] Curfew started in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            return new DemoCurfew(process, dataDir, issuer, passwords, adminPassword);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI baseUrl() {
        return process.baseUrl();
    }

    /**
     * The demo realm's issuer exactly as Curfew prints it. Without {@code public-url} that is {@code
     * http://localhost:PORT/realms/demo}, and it is the issuer of logout tokens (they are built outside any
     * request), so the relying party must know Curfew by this URL, not by 127.0.0.1.
     */
    URI issuer() {
        return issuer;
    }

    String password(String user) {
        return passwords.get(user);
    }

    /**
     * Starts the Spring relying party and registers it in the demo realm as a confidential client {@code
     * clientId} with a fresh secret, its redirect URI and its back-channel logout URI (both on the port it got).
     */
    RelyingParty startRelyingParty(String clientId) {
        String secret = newSecret();
        RelyingParty rp = RelyingParty.start(issuer(), clientId, secret);
        try {
            admin.createClient(REALM, clientId, secret, rp.redirectUri(), rp.backChannelLogoutUri());
        } catch (RuntimeException | Error e) {
            rp.close();
            throw e;
        }
        return rp;
    }

    /** A fresh client secret: 256 random bits, 43 characters. */
    static String newSecret() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    CurfewAdmin admin() {
        return admin;
    }

    @Override
    public void close() {
        try {
            admin.close();
            process.close();
        } finally {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A data directory left in /tmp is harmless.
            }
        }
    }
}
