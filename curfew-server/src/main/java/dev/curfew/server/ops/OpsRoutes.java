package dev.curfew.server.ops;

import dev.curfew.core.change.ChangeFeed;
import dev.curfew.core.store.Store;
import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;

/**
 * Operations endpoints: liveness, readiness (the database answers, and this node hears the other nodes' changes) and
 * Prometheus metrics.
 */
public final class OpsRoutes {
    private final Store store;
    private final ChangeFeed changes;
    private final PrometheusMeterRegistry registry;

    public OpsRoutes(Store store, ChangeFeed changes, PrometheusMeterRegistry registry) {
        this.store = store;
        this.changes = changes;
        this.registry = registry;
    }

    public void register(RoutesConfig routes) {
        routes.get("/health/live", ctx -> ctx.json(Map.of("status", "UP")));
        routes.get("/health/ready", ctx -> {
            boolean database = store.isHealthy();
            // A node that does not hear the others may serve what they changed (a replaced key) until it listens again.
            boolean listening = changes.isListening();
            boolean up = database && listening;
            ctx.status(up ? 200 : 503)
                    .json(Map.of(
                            "status",
                            state(up),
                            "checks",
                            Map.of("database", state(database), "changes", state(listening))));
        });
        routes.get(
                "/metrics",
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(registry.scrape()));
    }

    private static String state(boolean up) {
        return up ? "UP" : "DOWN";
    }
}
