package dev.curfew.bench.support;

import dev.curfew.engine.password.Argon2idPasswordHasher;
import dev.curfew.server.CurfewServer;
import dev.curfew.server.config.ConfigLoader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Curfew nodes in this JVM ({@code CurfewServer.start} once per node, each with its own connection pool, caches, long
 * polls and listening connection) on one database, on free localhost ports. Argon2id at light parameters, as the
 * server tests use: sign-ins are set-up in the cluster benchmarks, not what they measure.
 */
public final class LocalCluster implements AutoCloseable {
    private final List<CurfewServer> nodes = new ArrayList<>();

    private LocalCluster() {}

    /** Starts {@code count} nodes one after the other (the first creates the master realm). */
    public static LocalCluster start(BenchDatabase database, int count, String adminPassword) {
        LocalCluster cluster = new LocalCluster();
        try {
            for (int n = 1; n <= count; n++) {
                Map<String, String> flags = new HashMap<>();
                flags.put("http-host", "127.0.0.1");
                flags.put("http-port", "0");
                flags.put("db-url", database.curfewUrl());
                flags.put("db-username", database.username());
                flags.put("admin-password", adminPassword);
                cluster.nodes.add(CurfewServer.start(
                        ConfigLoader.load(flags, Map.of()),
                        Clock.systemUTC(),
                        new Argon2idPasswordHasher(new Argon2idPasswordHasher.Parameters(64, 1, 1))));
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Node {@code n}, counted from 1. */
    public CurfewServer node(int n) {
        return nodes.get(n - 1);
    }

    /** The base URL of node {@code n}, counted from 1. */
    public String base(int n) {
        return "http://127.0.0.1:" + node(n).port();
    }

    public int size() {
        return nodes.size();
    }

    @Override
    public void close() {
        for (CurfewServer node : nodes.reversed()) {
            node.close();
        }
        nodes.clear();
    }
}
