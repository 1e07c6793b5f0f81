package dev.curfew.server.bootstrap;

import dev.curfew.core.password.PasswordHasher;
import dev.curfew.core.util.Secrets;
import dev.curfew.server.config.CurfewConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The passwords a first start sets: the administrator's (the configured one, or one made up and shown once) and, with
 * {@code --demo}, the demo users'. They are chosen before the database opens, so that a start about to create a new
 * database can have them hashed meanwhile ({@link #hashAhead}): the bootstrap otherwise waited for four Argon2id hashes
 * in a row, the first of them in a JVM that had not compiled Argon2id yet (bench/README.md, "Start-up").
 */
public final class FirstStartPasswords {
    private static final Logger LOG = LoggerFactory.getLogger(FirstStartPasswords.class);

    private final String admin;
    private final boolean adminGenerated;
    private final Map<String, String> demo;
    /** The hashes begun ahead: set by {@link #hashAhead} before the bootstrap reads them, on the start's thread. */
    private List<Ahead> ahead = List.of();

    private record Ahead(String password, CompletableFuture<String> hash) {}

    private FirstStartPasswords(String admin, boolean adminGenerated, Map<String, String> demo) {
        this.admin = admin;
        this.adminGenerated = adminGenerated;
        this.demo = Collections.unmodifiableMap(demo);
    }

    /** The administrator's password from the configuration, or a new one; new passwords for the demo users. */
    public static FirstStartPasswords choose(CurfewConfig config) {
        Map<String, String> demo = new LinkedHashMap<>();
        if (config.demo()) {
            for (String user : DemoRealm.USERS) {
                demo.put(user, Secrets.newSecret().substring(0, 16));
            }
        }
        Optional<String> configured = config.adminPassword();
        return new FirstStartPasswords(configured.orElseGet(Secrets::newSecret), configured.isEmpty(), demo);
    }

    /** Starts hashing every password with {@code hasher}, one after another, on a thread of its own. */
    public FirstStartPasswords hashAhead(PasswordHasher hasher) {
        List<Ahead> started = new ArrayList<>();
        started.add(new Ahead(admin, new CompletableFuture<>()));
        demo.values().forEach(password -> started.add(new Ahead(password, new CompletableFuture<>())));
        ahead = List.copyOf(started);
        Thread.ofPlatform().daemon().name("curfew-first-start-hashes").start(() -> {
            for (Ahead a : started) {
                try {
                    a.hash().complete(hasher.hash(a.password().toCharArray()));
                } catch (RuntimeException e) {
                    a.hash().completeExceptionally(e);
                }
            }
        });
        return this;
    }

    public String admin() {
        return admin;
    }

    /** Whether Curfew made up the administrator's password (then it is shown once). */
    public boolean adminGenerated() {
        return adminGenerated;
    }

    /** The demo users' passwords, by user name, in {@link DemoRealm#USERS}' order; empty without {@code --demo}. */
    public Map<String, String> demo() {
        return demo;
    }

    /**
     * The hash made ahead of this password, waiting for it if it is still being made; empty when none was begun, or
     * making it failed (the caller then hashes the password itself).
     */
    public Optional<String> hashOf(String password) {
        Optional<Ahead> found =
                ahead.stream().filter(a -> a.password().equals(password)).findFirst();
        try {
            return found.map(a -> a.hash().join());
        } catch (CompletionException e) {
            LOG.debug("A password hash made ahead failed; hashing it now", e.getCause());
            return Optional.empty();
        }
    }
}
