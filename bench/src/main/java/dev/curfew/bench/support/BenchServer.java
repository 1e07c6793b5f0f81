package dev.curfew.bench.support;

import dev.curfew.engine.password.Argon2idPasswordHasher;
import dev.curfew.server.CurfewServer;
import dev.curfew.server.config.ConfigLoader;
import dev.curfew.server.config.CurfewConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The real server, in this JVM, on a free localhost port and the benchmark's database, configured through
 * {@link ConfigLoader} as {@code curfew start} is. Argon2id runs at light parameters, as in the server tests:
 * only the administrator logs in. {@link #close()} stops it and removes its data directory.
 */
public final class BenchServer implements AutoCloseable {
    private final CurfewServer server;
    private final Path dataDir;

    private BenchServer(CurfewServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    /** @param config further configuration keys ({@link ConfigLoader#KEYS}), say {@code delivery-concurrency} */
    public static BenchServer start(BenchDatabase db, String adminPassword, Map<String, String> config)
            throws IOException {
        Path dataDir = Files.createTempDirectory("curfew-bench-data-");
        BenchDatabase.deleteOnExit(dataDir);
        Map<String, String> flags = new HashMap<>(config);
        flags.put("http-host", "127.0.0.1");
        flags.put("http-port", "0");
        flags.put("data-dir", dataDir.toString());
        flags.put("db-url", db.curfewUrl());
        flags.put("db-username", db.username());
        flags.put("admin-password", adminPassword);
        CurfewConfig parsed = ConfigLoader.load(flags, Map.of());
        try {
            return new BenchServer(
                    CurfewServer.start(
                            parsed,
                            Clock.systemUTC(),
                            new Argon2idPasswordHasher(new Argon2idPasswordHasher.Parameters(64, 1, 1))),
                    dataDir);
        } catch (RuntimeException e) {
            BenchDatabase.deleteTree(dataDir);
            throw e;
        }
    }

    public CurfewServer server() {
        return server;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            BenchDatabase.deleteTree(dataDir);
        }
    }
}
